#include "loch/io/parquet/file_reader.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstring>
#include <new>

#include "loch/common/exception.h"
#include "loch/io/parquet/parquet_error.h"
#include "loch/io/parquet/column_chunk_scanner.h"
#include "loch/io/scan_filter.h"
#include "loch/io/parquet/record_assembler.h"
#include "loch/vector/vector_ops.h"

namespace loch::parquet {

namespace {

constexpr int64_t kMagicSize = 4;
constexpr int64_t kTailSize = 8;  // footer length + "PAR1"

// Rethrows the active exception with `context` prefixed to its message,
// keeping the exception kind; std::bad_alloc and std::length_error (from an
// absurd size in a corrupt file) become corrupt-file errors.
[[noreturn]] void rethrowWith(const std::string& context) {
  try {
    throw;
  } catch (const UnsupportedException& e) {
    throw UnsupportedException(context + ": " + e.message());
  } catch (const IOException& e) {
    throw IOException(e.errorClass(), context + ": " + e.message());
  } catch (const LochException&) {
    throw;
  } catch (const std::bad_alloc&) {
    throw IOException(kCorruptFile, context + ": sizes in the file exceed available memory");
  } catch (const std::length_error&) {
    throw IOException(kCorruptFile, context + ": impossible size in the file");
  }
}

bool isUnsigned(const SchemaElement& e) {
  if (e.logical_type && e.logical_type->kind == LogicalType::Kind::kInteger) return !e.logical_type->is_signed;
  if (!e.converted_type) return false;
  auto c = *e.converted_type;
  return c == ConvertedType::kUint8 || c == ConvertedType::kUint16 || c == ConvertedType::kUint32 ||
         c == ConvertedType::kUint64;
}

// Decodes one PLAIN-encoded statistic (no length prefix for byte arrays).
std::optional<StatValue> decodeStat(const std::string& raw, PhysicalType type, bool is_unsigned) {
  auto fixed = [&](size_t n) { return raw.size() == n; };
  switch (type) {
    case PhysicalType::kBoolean:
      if (!fixed(1)) return std::nullopt;
      return StatValue(raw[0] != 0);
    case PhysicalType::kInt32: {
      if (!fixed(4)) return std::nullopt;
      int32_t v;
      std::memcpy(&v, raw.data(), 4);
      if (is_unsigned) return StatValue(static_cast<int64_t>(static_cast<uint32_t>(v)));
      return StatValue(static_cast<int64_t>(v));
    }
    case PhysicalType::kInt64: {
      if (!fixed(8)) return std::nullopt;
      int64_t v;
      std::memcpy(&v, raw.data(), 8);
      if (is_unsigned && v < 0) return std::nullopt;  // above INT64_MAX: not representable
      return StatValue(v);
    }
    case PhysicalType::kFloat: {
      if (!fixed(4)) return std::nullopt;
      float v;
      std::memcpy(&v, raw.data(), 4);
      if (std::isnan(v)) return std::nullopt;
      return StatValue(static_cast<double>(v));
    }
    case PhysicalType::kDouble: {
      if (!fixed(8)) return std::nullopt;
      double v;
      std::memcpy(&v, raw.data(), 8);
      if (std::isnan(v)) return std::nullopt;
      return StatValue(v);
    }
    case PhysicalType::kByteArray:
    case PhysicalType::kFixedLenByteArray:
      return StatValue(raw);
    case PhysicalType::kInt96:
      return std::nullopt;
  }
  return std::nullopt;
}

}  // namespace

ParquetFileReader::ParquetFileReader(ConstructionKey, std::string path, int fd, ReaderOptions options)
    : path_(std::move(path)), fd_(fd), options_(options) {}

ParquetFileReader::~ParquetFileReader() {
  if (fd_ >= 0) ::close(fd_);
}

std::unique_ptr<ParquetFileReader> ParquetFileReader::open(const std::string& path, ReaderOptions options) {
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    throw IOException("PATH_NOT_FOUND", "cannot open Parquet file " + path + ": " + std::strerror(errno));
  }
  // Owned from here on: the destructor closes fd even if the footer throws.
  auto reader = std::make_unique<ParquetFileReader>(ConstructionKey{}, path, fd, options);
  try {
    reader->readFooter();
  } catch (...) {
    rethrowWith("Parquet file " + path);
  }
  return reader;
}

UninitializedVector<uint8_t> ParquetFileReader::readRange(int64_t offset, int64_t length) const {
  if (offset < 0 || length < 0 || offset > file_size_ || length > file_size_ - offset) {
    throwCorrupt("byte range [" + std::to_string(offset) + ", +" + std::to_string(length) +
                 ") lies outside the file");
  }
  UninitializedVector<uint8_t> buf(static_cast<size_t>(length));
  size_t done = 0;
  while (done < buf.size()) {
    ssize_t n = ::pread(fd_, buf.data() + done, buf.size() - done, static_cast<off_t>(offset + done));
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) throw IOException("FILE_READ_ERROR", std::string("read failed: ") + (n < 0 ? std::strerror(errno) : "unexpected end of file"));
    done += static_cast<size_t>(n);
  }
  return buf;
}

void ParquetFileReader::readFooter() {
  struct stat st;
  if (::fstat(fd_, &st) != 0) throw IOException("FILE_READ_ERROR", std::string("stat failed: ") + std::strerror(errno));
  file_size_ = st.st_size;
  if (file_size_ < kMagicSize + kTailSize) throwCorrupt("file too small to be Parquet (" + std::to_string(file_size_) + " bytes)");
  auto tail = readRange(file_size_ - kTailSize, kTailSize);
  uint32_t footer_len = parseFooterTail(tail.data());
  if (footer_len > file_size_ - kMagicSize - kTailSize) throwCorrupt("footer length exceeds the file size");
  auto head = readRange(0, kMagicSize);
  if (std::memcmp(head.data(), "PAR1", 4) != 0) throwCorrupt("missing PAR1 magic at start of file");
  footer_start_ = file_size_ - kTailSize - footer_len;
  auto footer = readRange(footer_start_, footer_len);
  metadata_ = decodeFileMetaData(footer.data(), footer.size());
  schema_ = Schema::build(metadata_.schema);
  try {
    spark_schema_ = convertSchema(schema_);
  } catch (const LochException& e) {
    // Raw column access still works; only sparkSchema()/readRowGroup fail.
    spark_schema_error_ = e.message();
  }
  for (size_t i = 0; i < metadata_.row_groups.size(); ++i) {
    if (metadata_.row_groups[i].columns.size() != static_cast<size_t>(schema_.numColumns())) {
      throwCorrupt("row group " + std::to_string(i) + " has " + std::to_string(metadata_.row_groups[i].columns.size()) +
                   " column chunks, schema has " + std::to_string(schema_.numColumns()) + " columns");
    }
  }
}

[[noreturn]] void ParquetFileReader::rethrowWithContext(int row_group, int column) const {
  std::string ctx = "Parquet file " + path_ + ", row group " + std::to_string(row_group);
  if (column >= 0 && column < schema_.numColumns()) ctx += ", column " + schema_.columns()[column].dottedPath();
  rethrowWith(ctx);
}

UninitializedVector<uint8_t> ParquetFileReader::readChunkBytes(const ColumnChunk& cc) const {
  if (cc.encrypted) throw UnsupportedException("Parquet modular encryption is not supported");
  if (cc.file_path && !cc.file_path->empty()) throw UnsupportedException("column data in an external file is not supported");
  if (!cc.meta_data) throwCorrupt("column chunk has no ColumnMetaData");
  const ColumnMetaData& meta = *cc.meta_data;
  // Empty chunk: writers may leave its offsets pointing anywhere.
  if (meta.num_values == 0) return {};
  int64_t start = meta.data_page_offset;
  // dictionary_page_offset 0 is a known writer quirk meaning "none".
  if (meta.dictionary_page_offset && *meta.dictionary_page_offset > 0 && *meta.dictionary_page_offset < start) {
    start = *meta.dictionary_page_offset;
  }
  if (start < kMagicSize || start >= footer_start_) throwCorrupt("column chunk offset outside the data section");
  int64_t end = footer_start_;
  if (meta.total_compressed_size > 0 && meta.total_compressed_size < end - start) {
    end = start + meta.total_compressed_size;
  }
  return readRange(start, end - start);
}

ColumnChunkData ParquetFileReader::readColumnChunk(int row_group, int column) const {
  const RowGroup& rg = metadata_.row_groups.at(row_group);
  const ColumnChunk& cc = rg.columns.at(column);
  const ColumnDescriptor& desc = schema_.columns().at(column);
  try {
    auto bytes = readChunkBytes(cc);
    ColumnReaderOptions opts;
    opts.verify_checksums = options_.verify_checksums;
    return parquet::readColumnChunk(bytes.data(), bytes.size(), desc, *cc.meta_data, opts);
  } catch (...) {
    rethrowWithContext(row_group, column);
  }
}

std::vector<ColumnChunkData> ParquetFileReader::readRowGroupColumns(int row_group, const std::vector<int>& columns) const {
  std::vector<int> which = columns;
  if (which.empty()) {
    for (int i = 0; i < schema_.numColumns(); ++i) which.push_back(i);
  }
  const RowGroup& rg = metadata_.row_groups.at(row_group);
  std::vector<ColumnChunkData> out;
  out.reserve(which.size());
  for (int c : which) {
    ColumnChunkData data = readColumnChunk(row_group, c);
    int64_t rows = data.num_levels;
    if (data.max_repetition_level > 0) {
      rows = std::count(data.rep_levels.begin(), data.rep_levels.end(), int16_t{0});
    }
    if (rows != rg.num_rows) {
      try {
        throwCorrupt("column has " + std::to_string(rows) + " rows, row group has " + std::to_string(rg.num_rows));
      } catch (...) {
        rethrowWithContext(row_group, c);
      }
    }
    out.push_back(std::move(data));
  }
  return out;
}

const SparkSchema& ParquetFileReader::sparkSchema() const {
  if (!spark_schema_) throw UnsupportedException("Parquet file " + path_ + ": " + spark_schema_error_);
  return *spark_schema_;
}

RecordBatchPtr ParquetFileReader::readRowGroup(int row_group, const std::vector<int>& fields) const {
  const SparkSchema& spark = sparkSchema();
  const RowGroup& rg = metadata_.row_groups.at(row_group);
  std::vector<int> which = fields;
  if (which.empty()) {
    for (size_t i = 0; i < spark.fields.size(); ++i) which.push_back(static_cast<int>(i));
  }
  std::vector<ColumnChunkData> decoded(static_cast<size_t>(schema_.numColumns()));
  std::vector<const ColumnChunkData*> leaves(decoded.size(), nullptr);
  std::vector<StructField> out_fields;
  std::vector<VectorPtr> columns;
  for (int f : which) {
    const SparkNode& node = spark.fields.at(static_cast<size_t>(f));
    for (int leaf : node.leaves) {
      if (leaves[leaf]) continue;
      decoded[leaf] = readColumnChunk(row_group, leaf);
      leaves[leaf] = &decoded[leaf];
    }
    VectorPtr column;
    try {
      column = assembleField(node, leaves);
      if (column->size() != rg.num_rows) {
        throwCorrupt("column has " + std::to_string(column->size()) + " rows, row group has " +
                     std::to_string(rg.num_rows));
      }
    } catch (...) {
      rethrowWithContext(row_group, node.leaves.empty() ? -1 : node.leaves.front());
    }
    out_fields.emplace_back(node.name, node.type, node.nullable);
    columns.push_back(std::move(column));
  }
  return RecordBatch::make(StructType(std::move(out_fields)), std::move(columns), rg.num_rows);
}

std::vector<RecordBatchPtr> ParquetFileReader::readRowGroupBatches(int row_group, const std::vector<int>& fields,
                                                                   int64_t batch_rows) const {
  if (batch_rows <= 0) throw InvalidArgumentException("INVALID_PARAMETER_VALUE", "batch_rows must be positive");
  RecordBatchPtr whole = readRowGroup(row_group, fields);
  std::vector<RecordBatchPtr> out;
  if (whole->numRows() <= batch_rows) {
    if (whole->numRows() > 0) out.push_back(std::move(whole));
    return out;
  }
  for (int64_t start = 0; start < whole->numRows(); start += batch_rows) {
    out.push_back(sliceBatch(*whole, start, std::min(batch_rows, whole->numRows() - start)));
  }
  return out;
}

void ParquetFileReader::scanRowGroup(int row_group, const std::vector<int>& fields, int64_t batch_rows,
                                     const std::function<void(const RecordBatchPtr&)>& emit,
                                     const std::vector<ScanFilter>& filters) const {
  if (batch_rows <= 0) throw InvalidArgumentException("INVALID_PARAMETER_VALUE", "batch_rows must be positive");
  const SparkSchema& spark = sparkSchema();
  const RowGroup& rg = metadata_.row_groups.at(row_group);
  std::vector<int> which = fields;
  if (which.empty()) {
    for (size_t i = 0; i < spark.fields.size(); ++i) which.push_back(static_cast<int>(i));
  }
  // Flat columns stream page by page; nested ones are assembled whole and
  // sliced (their rows span levels that pages do not align to).
  std::vector<std::unique_ptr<ColumnChunkScanner>> scanners(which.size());
  std::vector<VectorPtr> whole(which.size());
  std::vector<StructField> out_fields;
  ColumnReaderOptions opts;
  opts.verify_checksums = options_.verify_checksums;
  for (size_t i = 0; i < which.size(); ++i) {
    const SparkNode& node = spark.fields.at(static_cast<size_t>(which[i]));
    out_fields.emplace_back(node.name, node.type, node.nullable);
    if (node.leaf >= 0 && ColumnChunkScanner::isScannable(node, schema_.columns().at(node.leaf))) {
      try {
        const ColumnChunk& cc = rg.columns.at(node.leaf);
        auto bytes = readChunkBytes(cc);
        scanners[i] = std::make_unique<ColumnChunkScanner>(std::move(bytes), schema_.columns()[node.leaf],
                                                           *cc.meta_data, node, opts);
      } catch (...) {
        rethrowWithContext(row_group, node.leaf);
      }
    } else {
      whole[i] = readRowGroup(row_group, {which[i]})->column(0);
    }
  }
  // Filters the scan can evaluate, and which columns they read.
  std::vector<const ScanFilter*> active;
  std::vector<uint8_t> is_filter_column(which.size(), 0);
  for (const auto& f : filters) {
    if (f.field < 0 || static_cast<size_t>(f.field) >= which.size()) continue;
    if (!canMaskPredicate(f.predicate, *out_fields[static_cast<size_t>(f.field)].type)) continue;
    active.push_back(&f);
    is_filter_column[static_cast<size_t>(f.field)] = 1;
  }
  auto leafOf = [&](size_t i) { return spark.fields[static_cast<size_t>(which[i])].leaf; };
  // Column i of the batch [start, start + rows): all rows, or `count` selected ones.
  auto column = [&](size_t i, int64_t start, int64_t rows, const int32_t* selected, int64_t count) -> VectorPtr {
    if (!scanners[i]) {
      VectorPtr all = rows == whole[i]->size() ? whole[i] : slice(*whole[i], start, rows);
      return selected ? gatherPreservingDictionary(*all, selected, count) : all;
    }
    try {
      if (!selected) return scanners[i]->next(rows);
      // Skipping values pays off when few rows are kept.
      if (count * 4 < rows) return scanners[i]->nextSelected(rows, selected, count);
      VectorPtr all = scanners[i]->next(rows);
      return gatherPreservingDictionary(*all, selected, count);
    } catch (...) {
      rethrowWithContext(row_group, leafOf(i));
    }
  };
  SchemaPtr schema = StructType(std::move(out_fields));
  std::vector<uint8_t> keep;
  std::vector<int32_t> selected;
  for (int64_t start = 0; start < rg.num_rows; start += batch_rows) {
    int64_t rows = std::min(batch_rows, rg.num_rows - start);
    std::vector<VectorPtr> columns(which.size());
    const int32_t* sel = nullptr;
    int64_t out_rows = rows;
    if (!active.empty()) {
      for (size_t i = 0; i < which.size(); ++i) {
        if (is_filter_column[i]) columns[i] = column(i, start, rows, nullptr, 0);
      }
      keep.assign(static_cast<size_t>(rows), 1);
      for (const ScanFilter* f : active) maskPredicate(*columns[static_cast<size_t>(f->field)], f->predicate, keep.data());
      selected.clear();
      for (int64_t r = 0; r < rows; ++r) {
        if (keep[static_cast<size_t>(r)]) selected.push_back(static_cast<int32_t>(r));
      }
      out_rows = static_cast<int64_t>(selected.size());
      if (out_rows < rows) {
        static constexpr int32_t kNoRow = 0;
        sel = out_rows > 0 ? selected.data() : &kNoRow;  // no row kept: still skip past the rows
        for (size_t i = 0; i < which.size(); ++i) {
          if (is_filter_column[i]) columns[i] = gatherPreservingDictionary(*columns[i], sel, out_rows);
        }
      }
    }
    for (size_t i = 0; i < which.size(); ++i) {
      if (!columns[i]) columns[i] = column(i, start, rows, sel, out_rows);
    }
    if (out_rows > 0) emit(RecordBatch::make(schema, std::move(columns), out_rows));
  }
  for (size_t i = 0; i < which.size(); ++i) {
    if (!scanners[i]) continue;
    try {
      scanners[i]->finish();
    } catch (...) {
      rethrowWithContext(row_group, leafOf(i));
    }
  }
}

RowGroupStats ParquetFileReader::rowGroupStats(int row_group) const {
  const RowGroup& rg = metadata_.row_groups.at(row_group);
  RowGroupStats out;
  out.row_group = row_group;
  out.num_rows = rg.num_rows;
  for (int c = 0; c < schema_.numColumns(); ++c) {
    ColumnStats cs;
    const ColumnChunk& cc = rg.columns[c];
    if (cc.meta_data) {
      const ColumnMetaData& meta = *cc.meta_data;
      cs.num_values = meta.num_values;
      if (meta.statistics) {
        const Statistics& s = *meta.statistics;
        cs.null_count = s.null_count;
        const ColumnDescriptor& desc = schema_.columns()[c];
        const SchemaElement& el = schema_.node(desc.node_index).element;
        bool is_unsigned = isUnsigned(el);
        ColumnOrder order = c < static_cast<int>(metadata_.column_orders.size()) ? metadata_.column_orders[c]
                                                                                  : ColumnOrder::kTypeDefined;
        if (s.min_value && s.max_value && order != ColumnOrder::kUnknown) {
          cs.min = decodeStat(*s.min_value, desc.physical_type, is_unsigned);
          cs.max = decodeStat(*s.max_value, desc.physical_type, is_unsigned);
        } else if (s.min && s.max && !is_unsigned) {
          // Legacy fields use signed order: only meaningful for numbers.
          PhysicalType t = desc.physical_type;
          if (t != PhysicalType::kByteArray && t != PhysicalType::kFixedLenByteArray) {
            cs.min = decodeStat(*s.min, t, false);
            cs.max = decodeStat(*s.max, t, false);
          }
        }
      }
    }
    // Float bounds of zero may hide the other zero's sign (parquet.thrift
    // ColumnOrder notes): widen them so a filter never prunes wrongly.
    if (cs.min && std::holds_alternative<double>(*cs.min) && std::get<double>(*cs.min) == 0.0) cs.min = StatValue(-0.0);
    if (cs.max && std::holds_alternative<double>(*cs.max) && std::get<double>(*cs.max) == 0.0) cs.max = StatValue(0.0);
    out.columns.push_back(std::move(cs));
  }
  return out;
}

std::vector<int> ParquetFileReader::selectRowGroups(const RowGroupFilter& filter) const {
  std::vector<int> out;
  for (int i = 0; i < numRowGroups(); ++i) {
    if (!filter || filter(rowGroupStats(i))) out.push_back(i);
  }
  return out;
}

std::optional<ColumnIndex> ParquetFileReader::readColumnIndex(int row_group, int column) const {
  const ColumnChunk& cc = metadata_.row_groups.at(row_group).columns.at(column);
  if (!cc.column_index_offset || !cc.column_index_length) return std::nullopt;
  try {
    auto bytes = readRange(*cc.column_index_offset, *cc.column_index_length);
    return decodeColumnIndex(bytes.data(), bytes.size());
  } catch (...) {
    rethrowWithContext(row_group, column);
  }
}

std::optional<OffsetIndex> ParquetFileReader::readOffsetIndex(int row_group, int column) const {
  const ColumnChunk& cc = metadata_.row_groups.at(row_group).columns.at(column);
  if (!cc.offset_index_offset || !cc.offset_index_length) return std::nullopt;
  try {
    auto bytes = readRange(*cc.offset_index_offset, *cc.offset_index_length);
    return decodeOffsetIndex(bytes.data(), bytes.size());
  } catch (...) {
    rethrowWithContext(row_group, column);
  }
}

}  // namespace loch::parquet

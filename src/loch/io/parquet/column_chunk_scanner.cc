#include "loch/io/parquet/column_chunk_scanner.h"

#include <algorithm>
#include <cstring>
#include <limits>

#include "loch/io/parquet/encodings/dictionary.h"
#include "loch/io/parquet/parquet_error.h"
#include "loch/io/parquet/record_assembler.h"

namespace loch::parquet {

namespace {

// Appends values [from, from + count) of `src` to `dst`.
void appendByteArraySlice(const ByteArrayBuffer& src, size_t from, size_t count, ByteArrayBuffer& dst) {
  if (count == 0) return;
  int64_t begin = src.offsets[from];
  int64_t end = src.offsets[from + count];
  int64_t shift = static_cast<int64_t>(dst.data.size()) - begin;
  dst.data.insert(dst.data.end(), src.data.begin() + begin, src.data.begin() + end);
  size_t old = dst.offsets.size();
  dst.offsets.resize(old + count);
  for (size_t i = 0; i < count; ++i) dst.offsets[old + i] = src.offsets[from + 1 + i] + shift;
}

// Output bytes per value when the Spark value is the physical value as is.
size_t directWidth(ValueConversion conversion, PhysicalType type) {
  switch (conversion) {
    case ValueConversion::kBoolean: return type == PhysicalType::kBoolean ? 1 : 0;
    case ValueConversion::kInt32:
    case ValueConversion::kDate:
    case ValueConversion::kFloat: return type == PhysicalType::kInt32 || type == PhysicalType::kFloat ? 4 : 0;
    case ValueConversion::kInt64:
    case ValueConversion::kTimestampMicros:
    case ValueConversion::kTimeMicrosToLong:
    case ValueConversion::kDouble: return type == PhysicalType::kInt64 || type == PhysicalType::kDouble ? 8 : 0;
    default: return 0;
  }
}

// Places packed values at the rows whose level is `max_def`; clears the
// validity bit of the others. Returns the values consumed.
template <size_t kWidth>
size_t scatterByLevels(const uint8_t* src, const int16_t* def, int16_t max_def, int64_t n, uint8_t* out,
                       uint8_t* validity, int64_t first_row) {
  size_t k = 0;
  for (int64_t i = 0; i < n; ++i) {
    if (def[i] == max_def) {
      std::memcpy(out + static_cast<size_t>(i) * kWidth, src + k * kWidth, kWidth);
      ++k;
    } else {
      bits::clear(validity, first_row + i);
    }
  }
  return k;
}

void resetBatch(ColumnChunkData& b) {
  b.num_levels = 0;
  b.num_values = 0;
  b.def_levels.clear();
  b.fixed.clear();
  b.bytes.offsets.resize(1);
  b.bytes.data.clear();
}

}  // namespace

ColumnChunkScanner::ColumnChunkScanner(std::vector<uint8_t> bytes, const ColumnDescriptor& column,
                                       const ColumnMetaData& meta, const SparkNode& node, ColumnReaderOptions options)
    : bytes_(std::move(bytes)),
      options_(options),
      column_(column),
      node_(node),
      decoder_(bytes_.data(), bytes_.size(), column_, meta, options_),
      leaves_(static_cast<size_t>(node.leaf) + 1, nullptr) {
  batch_.physical_type = column.physical_type;
  batch_.type_length = column.type_length;
  batch_.max_definition_level = column.max_definition_level;
  batch_.max_repetition_level = 0;
  leaves_[static_cast<size_t>(node.leaf)] = &batch_;
  direct_width_ = directWidth(node.conversion, column.physical_type);
}

bool ColumnChunkScanner::isScannable(const SparkNode& node, const ColumnDescriptor& column) {
  return node.kind == SparkNode::Kind::kPrimitive && node.leaf >= 0 && column.max_repetition_level == 0 &&
         node.slot_def_level == 0;
}

bool ColumnChunkScanner::loadPage() {
  level_pos_ = 0;
  value_pos_ = 0;
  return decoder_.nextDataPage(page_);
}

VectorPtr ColumnChunkScanner::next(int64_t rows) {
  if (direct_width_ > 0) return nextDirect(rows);
  resetBatch(batch_);
  batch_indices_.clear();
  keep_dictionary_ = node_.conversion == ValueConversion::kBytes && column_.physical_type == PhysicalType::kByteArray;
  const bool has_def = column_.max_definition_level > 0;
  int64_t need = rows;
  while (need > 0) {
    if (level_pos_ == page_.num_levels) {
      if (!loadPage()) throwCorrupt("column chunk ends before the row group's " + std::to_string(rows) + " rows");
      continue;
    }
    int64_t take = std::min(need, page_.num_levels - level_pos_);
    int64_t values = take;
    if (has_def) {
      const int16_t* def = page_.def_levels.data() + level_pos_;
      batch_.def_levels.insert(batch_.def_levels.end(), def, def + take);
      values = std::count(def, def + take, column_.max_definition_level);
    }
    appendValues(values);
    level_pos_ += take;
    need -= take;
  }
  batch_.num_levels = rows;
  if (keep_dictionary_ && batch_.num_values > 0) return dictionaryBatch(rows);
  materializeIndices();
  return assembleField(node_, leaves_);
}

void ColumnChunkScanner::finish() {
  if (level_pos_ < page_.num_levels || loadPage()) throwCorrupt("column has more rows than its row group");
}

// Fixed-width values that need no conversion: copied from the page into
// the vector, scattered by definition level where the page has NULLs.
VectorPtr ColumnChunkScanner::nextDirect(int64_t rows) {
  VectorPtr v = Vector::makeFlat(node_.type, rows);
  uint8_t* out = v->mutableValues<uint8_t>();
  uint8_t* validity = nullptr;
  const size_t w = direct_width_;
  int64_t row = 0;
  while (row < rows) {
    if (level_pos_ == page_.num_levels) {
      if (!loadPage()) throwCorrupt("column chunk ends before the row group's " + std::to_string(rows) + " rows");
      continue;
    }
    int64_t take = std::min(rows - row, page_.num_levels - level_pos_);
    const uint8_t* src = page_.fixed.data() + static_cast<size_t>(value_pos_) * w;
    uint8_t* dst = out + static_cast<size_t>(row) * w;
    if (page_.def_levels.empty() || page_.num_values == page_.num_levels) {
      std::memcpy(dst, src, static_cast<size_t>(take) * w);
      value_pos_ += take;
    } else {
      if (!validity) validity = v->mutableValidity();
      const int16_t* def = page_.def_levels.data() + level_pos_;
      const int16_t max_def = column_.max_definition_level;
      size_t used = w == 1   ? scatterByLevels<1>(src, def, max_def, take, dst, validity, row)
                    : w == 4 ? scatterByLevels<4>(src, def, max_def, take, dst, validity, row)
                             : scatterByLevels<8>(src, def, max_def, take, dst, validity, row);
      value_pos_ += static_cast<int64_t>(used);
    }
    level_pos_ += take;
    row += take;
  }
  return v;
}

// Appends the next `count` packed values of the page to the batch.
void ColumnChunkScanner::appendValues(int64_t count) {
  if (count == 0) return;
  if (value_pos_ + count > page_.num_values) throwCorrupt("page has fewer values than its levels place");
  auto from = static_cast<size_t>(value_pos_);
  auto n = static_cast<size_t>(count);
  if (page_.has_dictionary_indices) {
    const int32_t* idx = page_.dictionary_indices.data() + from;
    if (keep_dictionary_) {
      batch_indices_.insert(batch_indices_.end(), idx, idx + n);
    } else {
      gatherByteArray(decoder_.dictionaryBytes(), idx, n, batch_.bytes);
    }
  } else if (column_.physical_type == PhysicalType::kByteArray) {
    // A plain page after dictionary pages (the writer's fallback): the
    // batch becomes flat strings.
    materializeIndices();
    appendByteArraySlice(page_.bytes, from, n, batch_.bytes);
  } else {
    size_t width = page_.valueWidth();
    const uint8_t* src = page_.fixed.data() + from * width;
    batch_.fixed.insert(batch_.fixed.end(), src, src + n * width);
  }
  value_pos_ += count;
  batch_.num_values += count;
}

// Turns the indices gathered so far into string values, and stops keeping
// indices for the rest of the batch.
void ColumnChunkScanner::materializeIndices() {
  if (!batch_indices_.empty()) {
    gatherByteArray(decoder_.dictionaryBytes(), batch_indices_.data(), batch_indices_.size(), batch_.bytes);
    batch_indices_.clear();
  }
  keep_dictionary_ = false;
}

const VectorPtr& ColumnChunkScanner::dictionaryVector() {
  if (dictionary_) return dictionary_;
  const ByteArrayBuffer& dict = decoder_.dictionaryBytes();
  if (dict.data.size() > static_cast<size_t>(std::numeric_limits<int32_t>::max())) {
    throw UnsupportedException("Parquet dictionary holds more than 2^31-1 string bytes");
  }
  auto n = static_cast<int64_t>(dict.size());
  auto offsets = std::make_shared<Buffer>(static_cast<size_t>(n + 1) * sizeof(int32_t));
  auto* o = offsets->as<int32_t>();
  for (int64_t i = 0; i <= n; ++i) o[i] = static_cast<int32_t>(dict.offsets[static_cast<size_t>(i)]);
  auto data = std::make_shared<Buffer>();
  data->append(dict.data.data(), dict.data.size());
  dictionary_ = std::make_shared<Vector>(node_.type, VectorEncoding::Flat, n);
  dictionary_->setValuesBuffer(std::move(offsets));
  dictionary_->setDataBuffer(std::move(data));
  return dictionary_;
}

// A dictionary vector over the chunk's dictionary: NULL rows get index 0
// and a cleared validity bit.
VectorPtr ColumnChunkScanner::dictionaryBatch(int64_t rows) {
  const VectorPtr& dict = dictionaryVector();
  const auto dict_size = static_cast<uint32_t>(dict->size());
  for (int32_t k : batch_indices_) {
    if (static_cast<uint32_t>(k) >= dict_size) throwCorrupt("dictionary index out of range");
  }
  auto indices = std::make_shared<Buffer>(static_cast<size_t>(rows) * sizeof(int32_t));
  auto* out = indices->as<int32_t>();
  BufferPtr validity;
  if (batch_.num_values == rows) {
    std::memcpy(out, batch_indices_.data(), static_cast<size_t>(rows) * sizeof(int32_t));
  } else {
    validity = std::make_shared<Buffer>(bits::bytesFor(rows));
    uint8_t* valid = validity->data();
    const int16_t* def = batch_.def_levels.data();
    const int16_t max_def = column_.max_definition_level;
    size_t k = 0;
    for (int64_t i = 0; i < rows; ++i) {
      if (def[i] == max_def) {
        out[i] = batch_indices_[k++];
        bits::set(valid, i);
      }
    }
  }
  return Vector::makeDictionary(dict, std::move(indices), rows, std::move(validity));
}

}  // namespace loch::parquet

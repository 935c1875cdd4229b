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


}  // namespace

ColumnChunkScanner::ColumnChunkScanner(UninitializedVector<uint8_t> bytes, const ColumnDescriptor& column,
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
  value_width_ = physicalWidth(column.physical_type, column.type_length);
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

void ColumnChunkScanner::ensurePage(int64_t rows) {
  while (level_pos_ == page_.num_levels) {
    if (!loadPage()) throwCorrupt("column chunk ends before the row group's " + std::to_string(rows) + " rows");
  }
}

void ColumnChunkScanner::finish() {
  if (level_pos_ < page_.num_levels || loadPage()) throwCorrupt("column has more rows than its row group");
}

// The next `count` dictionary indices of the page (a lazily read page).
const int32_t* ColumnChunkScanner::readIndices(int64_t count) {
  if (value_pos_ + count > page_.num_values) throwCorrupt("page has fewer values than its levels place");
  index_scratch_.resize(static_cast<size_t>(count));
  page_.dictionary_index_reader->decode(index_scratch_.data(), static_cast<size_t>(count));
  value_pos_ += count;
  return index_scratch_.data();
}

// The next `count` fixed-width physical values of the page, written to
// `dst` when given (else returned from the page or a scratch buffer).
const uint8_t* ColumnChunkScanner::readFixed(int64_t count, uint8_t* dst) {
  const size_t w = value_width_;
  const auto n = static_cast<size_t>(count);
  if (page_.dictionary_index_reader) {
    const int32_t* idx = readIndices(count);
    if (!dst) {
      fixed_scratch_.resize(n * w);
      dst = fixed_scratch_.data();
    }
    gatherFixed(decoder_.dictionaryFixed(), decoder_.dictionarySize(), w, idx, n, dst);
    return dst;
  }
  if (value_pos_ + count > page_.num_values) throwCorrupt("page has fewer values than its levels place");
  const uint8_t* src = page_.fixed.data() + static_cast<size_t>(value_pos_) * w;
  value_pos_ += count;
  if (!dst) return src;
  std::memcpy(dst, src, n * w);
  return dst;
}

VectorPtr ColumnChunkScanner::next(int64_t rows) {
  if (direct_width_ > 0) return nextDirect(rows);
  batch_.clearValues();
  batch_indices_.clear();
  keep_dictionary_ = node_.conversion == ValueConversion::kBytes && column_.physical_type == PhysicalType::kByteArray;
  const bool has_def = column_.max_definition_level > 0;
  int64_t need = rows;
  while (need > 0) {
    ensurePage(rows);
    int64_t take = std::min(need, page_.num_levels - level_pos_);
    int64_t values = take;
    if (has_def && page_.num_values == page_.num_levels) {
      // A page without NULLs: every level is the maximum.
      batch_.def_levels.resize(batch_.def_levels.size() + static_cast<size_t>(take), column_.max_definition_level);
    } else if (has_def) {
      const int16_t* def = page_.def_levels.data() + level_pos_;
      batch_.def_levels.insert(batch_.def_levels.end(), def, def + take);
      values = std::count(def, def + take, column_.max_definition_level);
    }
    appendValues(values);
    level_pos_ += take;
    need -= take;
  }
  return finishBatch(rows);
}

VectorPtr ColumnChunkScanner::nextSelected(int64_t rows, const int32_t* selected, int64_t count) {
  batch_.clearValues();
  batch_indices_.clear();
  keep_dictionary_ = node_.conversion == ValueConversion::kBytes && column_.physical_type == PhysicalType::kByteArray;
  const bool has_def = column_.max_definition_level > 0;
  const int16_t max_def = column_.max_definition_level;
  int64_t row = 0;
  int64_t s = 0;
  while (row < rows) {
    ensurePage(rows);
    int64_t take = std::min(rows - row, page_.num_levels - level_pos_);
    int64_t end = row + take;
    value_offsets_.clear();
    int64_t piece_values = take;
    if (!has_def || page_.num_values == page_.num_levels) {
      // Every level holds a value: a selected row's offset is its position.
      for (; s < count && selected[s] < end; ++s) {
        value_offsets_.push_back(selected[s] - static_cast<int32_t>(row));
        if (has_def) batch_.def_levels.push_back(max_def);
      }
    } else {
      // Value offset of a selected row: the values at levels before it.
      const int16_t* def = page_.def_levels.data() + level_pos_;
      int64_t before = 0;
      int64_t r = 0;
      for (; s < count && selected[s] < end; ++s) {
        int64_t target = selected[s] - row;
        for (; r < target; ++r) before += def[r] == max_def;
        batch_.def_levels.push_back(def[target]);
        if (def[target] == max_def) value_offsets_.push_back(static_cast<int32_t>(before));
      }
      piece_values = before + std::count(def + r, def + take, max_def);
    }
    appendSelected(value_offsets_.data(), value_offsets_.size(), piece_values);
    level_pos_ += take;
    row = end;
  }
  return finishBatch(count);
}

VectorPtr ColumnChunkScanner::finishBatch(int64_t rows) {
  batch_.num_levels = rows;
  if (keep_dictionary_ && batch_.num_values > 0) return dictionaryBatch(rows);
  materializeIndices();
  return assembleField(node_, leaves_);
}

// Fixed-width values that need no conversion: copied (or gathered from the
// dictionary) straight into the vector, scattered by definition level
// where the page has NULLs.
VectorPtr ColumnChunkScanner::nextDirect(int64_t rows) {
  VectorPtr v = Vector::makeFlat(node_.type, rows);
  uint8_t* out = v->mutableValues<uint8_t>();
  uint8_t* validity = nullptr;
  const size_t w = direct_width_;
  int64_t row = 0;
  while (row < rows) {
    ensurePage(rows);
    int64_t take = std::min(rows - row, page_.num_levels - level_pos_);
    uint8_t* dst = out + static_cast<size_t>(row) * w;
    if (page_.def_levels.empty() || page_.num_values == page_.num_levels) {
      readFixed(take, dst);
    } else {
      if (!validity) validity = v->mutableValidity();
      const int16_t* def = page_.def_levels.data() + level_pos_;
      const int16_t max_def = column_.max_definition_level;
      const uint8_t* src = readFixed(std::count(def, def + take, max_def), nullptr);
      if (w == 1) {
        scatterByLevels<1>(src, def, max_def, take, dst, validity, row);
      } else if (w == 4) {
        scatterByLevels<4>(src, def, max_def, take, dst, validity, row);
      } else {
        scatterByLevels<8>(src, def, max_def, take, dst, validity, row);
      }
    }
    level_pos_ += take;
    row += take;
  }
  return v;
}

// Appends the next `count` packed values of the page to the batch.
void ColumnChunkScanner::appendValues(int64_t count) {
  if (count == 0) return;
  const auto n = static_cast<size_t>(count);
  if (page_.dictionary_index_reader && column_.physical_type == PhysicalType::kByteArray) {
    const int32_t* idx = readIndices(count);
    if (keep_dictionary_) {
      batch_indices_.insert(batch_indices_.end(), idx, idx + n);
    } else {
      gatherByteArray(decoder_.dictionaryBytes(), idx, n, batch_.bytes);
    }
  } else if (column_.physical_type == PhysicalType::kByteArray) {
    // A plain page after dictionary pages (the writer's fallback): the
    // batch becomes flat strings.
    if (value_pos_ + count > page_.num_values) throwCorrupt("page has fewer values than its levels place");
    materializeIndices();
    appendByteArraySlice(page_.bytes, static_cast<size_t>(value_pos_), n, batch_.bytes);
    value_pos_ += count;
  } else {
    size_t old = batch_.fixed.size();
    batch_.fixed.resize(old + n * value_width_);
    readFixed(count, batch_.fixed.data() + old);
  }
  batch_.num_values += count;
}

// Appends the values at `value_offsets` (n increasing offsets from the
// cursor) and moves the cursor past the piece's `piece_values` values.
void ColumnChunkScanner::appendSelected(const int32_t* value_offsets, size_t n, int64_t piece_values) {
  if (value_pos_ + piece_values > page_.num_values) throwCorrupt("page has fewer values than its levels place");
  if (page_.dictionary_index_reader) {
    DictionaryIndexDecoder& reader = *page_.dictionary_index_reader;
    int64_t cursor = 0;
    for (size_t i = 0; i < n; ++i) {
      reader.skip(static_cast<size_t>(value_offsets[i] - cursor));
      int32_t index = 0;
      reader.decode(&index, 1);
      cursor = value_offsets[i] + 1;
      appendDictionaryEntry(index);
    }
    reader.skip(static_cast<size_t>(piece_values - cursor));
  } else if (column_.physical_type == PhysicalType::kByteArray) {
    if (n > 0) materializeIndices();
    for (size_t i = 0; i < n; ++i) {
      std::string_view v = page_.bytes.at(static_cast<size_t>(value_pos_ + value_offsets[i]));
      batch_.bytes.append(reinterpret_cast<const uint8_t*>(v.data()), v.size());
    }
  } else {
    const size_t w = value_width_;
    for (size_t i = 0; i < n; ++i) {
      const uint8_t* src = page_.fixed.data() + static_cast<size_t>(value_pos_ + value_offsets[i]) * w;
      batch_.fixed.insert(batch_.fixed.end(), src, src + w);
    }
  }
  value_pos_ += piece_values;
  batch_.num_values += static_cast<int64_t>(n);
}

void ColumnChunkScanner::appendDictionaryEntry(int32_t index) {
  if (column_.physical_type == PhysicalType::kByteArray) {
    if (keep_dictionary_) {
      batch_indices_.push_back(index);
    } else {
      gatherByteArray(decoder_.dictionaryBytes(), &index, 1, batch_.bytes);
    }
    return;
  }
  size_t old = batch_.fixed.size();
  batch_.fixed.resize(old + value_width_);
  gatherFixed(decoder_.dictionaryFixed(), decoder_.dictionarySize(), value_width_, &index, 1,
              batch_.fixed.data() + old);
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

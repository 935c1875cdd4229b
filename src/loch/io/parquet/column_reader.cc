#include "loch/io/parquet/column_reader.h"

#include <algorithm>

#include "loch/io/parquet/column_chunk_decoder.h"

namespace loch::parquet {

size_t physicalWidth(PhysicalType type, int32_t type_length) {
  switch (type) {
    case PhysicalType::kBoolean: return 1;
    case PhysicalType::kInt32:
    case PhysicalType::kFloat: return 4;
    case PhysicalType::kInt64:
    case PhysicalType::kDouble: return 8;
    case PhysicalType::kInt96: return 12;
    case PhysicalType::kFixedLenByteArray: return static_cast<size_t>(std::max(type_length, 0));
    case PhysicalType::kByteArray: return 0;
  }
  return 0;
}

void ColumnChunkData::clearValues() {
  num_levels = 0;
  num_values = 0;
  def_levels.clear();
  rep_levels.clear();
  fixed.clear();
  bytes.offsets.resize(1);
  bytes.data.clear();
  dictionary_index_reader.reset();
}

size_t ColumnChunkData::valueWidth() const { return physicalWidth(physical_type, type_length); }

ColumnChunkData readColumnChunk(const uint8_t* chunk, size_t size, const ColumnDescriptor& column,
                                const ColumnMetaData& meta, const ColumnReaderOptions& options) {
  return ColumnChunkDecoder(chunk, size, column, meta, options).decodeAll();
}

}  // namespace loch::parquet

#include "loch/io/parquet/metadata.h"

#include <cstring>

#include "loch/common/exception.h"
#include "loch/io/parquet/parquet_error.h"
#include "loch/io/parquet/thrift_compact.h"

namespace loch::parquet {

namespace {

using CT = CompactType;

// Thrown when a field's wire type is not the one the spec gives it. Like
// Thrift's generated code, the struct reader then skips the field instead of
// failing: old writers reused some field ids (e.g. ColumnMetaData 15).
struct FieldTypeMismatch {};

void expect(const FieldHeader& f, CT type, const char*) {
  if (f.type != type) throw FieldTypeMismatch{};
}

int32_t readI32(CompactReader& r, const FieldHeader& f, const char* what) {
  expect(f, CT::kI32, what);
  return r.readI32();
}

int64_t readI64(CompactReader& r, const FieldHeader& f, const char* what) {
  expect(f, CT::kI64, what);
  return r.readI64();
}

std::string readStr(CompactReader& r, const FieldHeader& f, const char* what) {
  expect(f, CT::kBinary, what);
  return r.readString();
}

bool readBool(const FieldHeader& f) { return CompactReader::fieldBool(f); }

bool isBoolType(CT t) { return t == CT::kBoolTrue || t == CT::kBoolFalse; }

// Reads a struct, handing each field to `on_field`; fields it does not
// handle (returns false) are skipped, which is how unknown fields from newer
// writers are tolerated.
template <class Fn>
void readStruct(CompactReader& r, Fn&& on_field) {
  r.beginStruct();
  FieldHeader f;
  while (r.nextField(f)) {
    bool handled = false;
    try {
      handled = on_field(f);
    } catch (const FieldTypeMismatch&) {
      handled = false;  // nothing of the field was consumed yet
    }
    if (!handled) r.skip(f.type);
  }
  r.endStruct();
}

// Reads a list field whose elements must be of wire type `elem`, calling
// `on_elem()` once per element.
template <class Fn>
void readList(CompactReader& r, const FieldHeader& f, CT elem, const char* what, Fn&& on_elem) {
  expect(f, CT::kList, what);
  ListHeader h = r.readListHeader();
  bool ok = h.element_type == elem || (isBoolType(elem) && isBoolType(h.element_type));
  if (h.size > 0 && !ok) throwCorrupt(std::string("unexpected list element type for ") + what);
  for (uint32_t i = 0; i < h.size; ++i) on_elem();
}

template <class Enum>
Enum readEnum(CompactReader& r, const FieldHeader& f, const char* what) {
  return static_cast<Enum>(readI32(r, f, what));
}

std::vector<int64_t> readI64List(CompactReader& r, const FieldHeader& f, const char* what) {
  std::vector<int64_t> out;
  readList(r, f, CT::kI64, what, [&] { out.push_back(r.readI64()); });
  return out;
}

Statistics readStatistics(CompactReader& r) {
  Statistics s;
  readStruct(r, [&](const FieldHeader& f) {
    switch (f.id) {
      case 1: s.max = readStr(r, f, "Statistics.max"); return true;
      case 2: s.min = readStr(r, f, "Statistics.min"); return true;
      case 3: s.null_count = readI64(r, f, "Statistics.null_count"); return true;
      case 4: s.distinct_count = readI64(r, f, "Statistics.distinct_count"); return true;
      case 5: s.max_value = readStr(r, f, "Statistics.max_value"); return true;
      case 6: s.min_value = readStr(r, f, "Statistics.min_value"); return true;
      case 7: s.is_max_value_exact = readBool(f); return true;
      case 8: s.is_min_value_exact = readBool(f); return true;
      case 9: s.nan_count = readI64(r, f, "Statistics.nan_count"); return true;
    }
    return false;
  });
  return s;
}

Statistics readStatisticsField(CompactReader& r, const FieldHeader& f) {
  expect(f, CT::kStruct, "statistics");
  return readStatistics(r);
}

// TimeUnit is a union of empty structs: the field id is the unit.
TimeUnit readTimeUnit(CompactReader& r) {
  TimeUnit unit = TimeUnit::kMillis;
  bool seen = false;
  readStruct(r, [&](const FieldHeader& f) {
    if (f.id >= 1 && f.id <= 3 && f.type == CT::kStruct) {
      unit = static_cast<TimeUnit>(f.id);
      seen = true;
    }
    return false;  // skip the empty struct body
  });
  if (!seen) throwCorrupt("TimeUnit without a known unit");
  return unit;
}

// Reads TimeType/TimestampType (same layout: isAdjustedToUTC, unit).
void readTimeLike(CompactReader& r, LogicalType& lt) {
  readStruct(r, [&](const FieldHeader& f) {
    if (f.id == 1) { lt.is_adjusted_to_utc = readBool(f); return true; }
    if (f.id == 2) { expect(f, CT::kStruct, "unit"); lt.unit = readTimeUnit(r); return true; }
    return false;
  });
}

LogicalType readLogicalType(CompactReader& r) {
  LogicalType lt;
  readStruct(r, [&](const FieldHeader& f) {
    if (f.type != CT::kStruct) return false;
    using K = LogicalType::Kind;
    switch (f.id) {
      case 1: lt.kind = K::kString; return false;
      case 2: lt.kind = K::kMap; return false;
      case 3: lt.kind = K::kList; return false;
      case 4: lt.kind = K::kEnum; return false;
      case 5:
        lt.kind = K::kDecimal;
        readStruct(r, [&](const FieldHeader& g) {
          if (g.id == 1) { lt.scale = readI32(r, g, "DecimalType.scale"); return true; }
          if (g.id == 2) { lt.precision = readI32(r, g, "DecimalType.precision"); return true; }
          return false;
        });
        return true;
      case 6: lt.kind = K::kDate; return false;
      case 7: lt.kind = K::kTime; readTimeLike(r, lt); return true;
      case 8: lt.kind = K::kTimestamp; readTimeLike(r, lt); return true;
      case 10:
        lt.kind = K::kInteger;
        readStruct(r, [&](const FieldHeader& g) {
          if (g.id == 1) { expect(g, CT::kByte, "IntType.bitWidth"); lt.bit_width = r.readByte(); return true; }
          if (g.id == 2) { lt.is_signed = readBool(g); return true; }
          return false;
        });
        return true;
      case 11: lt.kind = K::kNull; return false;
      case 12: lt.kind = K::kJson; return false;
      case 13: lt.kind = K::kBson; return false;
      case 14: lt.kind = K::kUuid; return false;
      case 15: lt.kind = K::kFloat16; return false;
      case 16: lt.kind = K::kVariant; return false;
      case 17: lt.kind = K::kGeometry; return false;
      case 18: lt.kind = K::kGeography; return false;
      case 19: lt.kind = K::kVector; return false;
    }
    return false;  // unknown member: stays kUnrecognized
  });
  return lt;
}

SchemaElement readSchemaElement(CompactReader& r) {
  SchemaElement e;
  bool has_name = false;
  readStruct(r, [&](const FieldHeader& f) {
    switch (f.id) {
      case 1: e.type = readEnum<PhysicalType>(r, f, "SchemaElement.type"); return true;
      case 2: e.type_length = readI32(r, f, "SchemaElement.type_length"); return true;
      case 3: e.repetition = readEnum<Repetition>(r, f, "SchemaElement.repetition_type"); return true;
      case 4: e.name = readStr(r, f, "SchemaElement.name"); has_name = true; return true;
      case 5: e.num_children = readI32(r, f, "SchemaElement.num_children"); return true;
      case 6: e.converted_type = readEnum<ConvertedType>(r, f, "SchemaElement.converted_type"); return true;
      case 7: e.scale = readI32(r, f, "SchemaElement.scale"); return true;
      case 8: e.precision = readI32(r, f, "SchemaElement.precision"); return true;
      case 9: e.field_id = readI32(r, f, "SchemaElement.field_id"); return true;
      case 10:
        expect(f, CT::kStruct, "SchemaElement.logicalType");
        e.logical_type = readLogicalType(r);
        return true;
    }
    return false;
  });
  if (!has_name) throwCorrupt("SchemaElement without a name");
  return e;
}

KeyValue readKeyValue(CompactReader& r) {
  KeyValue kv;
  readStruct(r, [&](const FieldHeader& f) {
    if (f.id == 1) { kv.key = readStr(r, f, "KeyValue.key"); return true; }
    if (f.id == 2) { kv.value = readStr(r, f, "KeyValue.value"); return true; }
    return false;
  });
  return kv;
}

std::vector<KeyValue> readKeyValueList(CompactReader& r, const FieldHeader& f) {
  std::vector<KeyValue> out;
  readList(r, f, CT::kStruct, "key_value_metadata", [&] { out.push_back(readKeyValue(r)); });
  return out;
}

ColumnMetaData readColumnMetaData(CompactReader& r) {
  ColumnMetaData m;
  bool has_type = false, has_codec = false, has_num_values = false, has_offset = false;
  readStruct(r, [&](const FieldHeader& f) {
    switch (f.id) {
      case 1: m.type = readEnum<PhysicalType>(r, f, "ColumnMetaData.type"); has_type = true; return true;
      case 2:
        readList(r, f, CT::kI32, "ColumnMetaData.encodings",
                 [&] { m.encodings.push_back(static_cast<Encoding>(r.readI32())); });
        return true;
      case 3:
        readList(r, f, CT::kBinary, "ColumnMetaData.path_in_schema",
                 [&] { m.path_in_schema.push_back(r.readString()); });
        return true;
      case 4: m.codec = readEnum<Codec>(r, f, "ColumnMetaData.codec"); has_codec = true; return true;
      case 5: m.num_values = readI64(r, f, "ColumnMetaData.num_values"); has_num_values = true; return true;
      case 6: m.total_uncompressed_size = readI64(r, f, "ColumnMetaData.total_uncompressed_size"); return true;
      case 7: m.total_compressed_size = readI64(r, f, "ColumnMetaData.total_compressed_size"); return true;
      case 8: m.key_value_metadata = readKeyValueList(r, f); return true;
      case 9: m.data_page_offset = readI64(r, f, "ColumnMetaData.data_page_offset"); has_offset = true; return true;
      case 10: m.index_page_offset = readI64(r, f, "ColumnMetaData.index_page_offset"); return true;
      case 11: m.dictionary_page_offset = readI64(r, f, "ColumnMetaData.dictionary_page_offset"); return true;
      case 12: m.statistics = readStatisticsField(r, f); return true;
      case 13:
        readList(r, f, CT::kStruct, "ColumnMetaData.encoding_stats", [&] {
          PageEncodingStats s;
          readStruct(r, [&](const FieldHeader& g) {
            switch (g.id) {
              case 1: s.page_type = readEnum<PageType>(r, g, "PageEncodingStats.page_type"); return true;
              case 2: s.encoding = readEnum<Encoding>(r, g, "PageEncodingStats.encoding"); return true;
              case 3: s.count = readI32(r, g, "PageEncodingStats.count"); return true;
            }
            return false;
          });
          m.encoding_stats.push_back(s);
        });
        return true;
      case 14: m.bloom_filter_offset = readI64(r, f, "ColumnMetaData.bloom_filter_offset"); return true;
      case 15: m.bloom_filter_length = readI32(r, f, "ColumnMetaData.bloom_filter_length"); return true;
    }
    return false;
  });
  if (!has_type || !has_codec || !has_num_values || !has_offset) {
    throwCorrupt("ColumnMetaData is missing a required field");
  }
  return m;
}

ColumnChunk readColumnChunk(CompactReader& r) {
  ColumnChunk c;
  readStruct(r, [&](const FieldHeader& f) {
    switch (f.id) {
      case 1: c.file_path = readStr(r, f, "ColumnChunk.file_path"); return true;
      case 2: c.file_offset = readI64(r, f, "ColumnChunk.file_offset"); return true;
      case 3:
        expect(f, CT::kStruct, "ColumnChunk.meta_data");
        c.meta_data = readColumnMetaData(r);
        return true;
      case 4: c.offset_index_offset = readI64(r, f, "ColumnChunk.offset_index_offset"); return true;
      case 5: c.offset_index_length = readI32(r, f, "ColumnChunk.offset_index_length"); return true;
      case 6: c.column_index_offset = readI64(r, f, "ColumnChunk.column_index_offset"); return true;
      case 7: c.column_index_length = readI32(r, f, "ColumnChunk.column_index_length"); return true;
      case 8:
      case 9: c.encrypted = true; return false;
    }
    return false;
  });
  return c;
}

// Runs `read`; a corrupt-file error inside it gets "<where>: " in front, so
// footer errors name the row group and column chunk ("row group 0: column
// chunk 3: ..."). Innermost first, as the errors nest.
template <typename Fn>
void withFooterContext(const std::string& where, Fn&& read) {
  try {
    read();
  } catch (const IOException& e) {
    if (e.errorClass() != kCorruptFile) throw;
    throwCorrupt(where + ": " + e.message());
  }
}

RowGroup readRowGroup(CompactReader& r) {
  RowGroup g;
  bool has_columns = false, has_rows = false;
  readStruct(r, [&](const FieldHeader& f) {
    switch (f.id) {
      case 1:
        readList(r, f, CT::kStruct, "RowGroup.columns", [&] {
          withFooterContext("column chunk " + std::to_string(g.columns.size()), [&] { g.columns.push_back(readColumnChunk(r)); });
        });
        has_columns = true;
        return true;
      case 2: g.total_byte_size = readI64(r, f, "RowGroup.total_byte_size"); return true;
      case 3: g.num_rows = readI64(r, f, "RowGroup.num_rows"); has_rows = true; return true;
      case 4:
        readList(r, f, CT::kStruct, "RowGroup.sorting_columns", [&] {
          SortingColumn s;
          readStruct(r, [&](const FieldHeader& h) {
            switch (h.id) {
              case 1: s.column_idx = readI32(r, h, "SortingColumn.column_idx"); return true;
              case 2: s.descending = readBool(h); return true;
              case 3: s.nulls_first = readBool(h); return true;
            }
            return false;
          });
          g.sorting_columns.push_back(s);
        });
        return true;
      case 5: g.file_offset = readI64(r, f, "RowGroup.file_offset"); return true;
      case 6: g.total_compressed_size = readI64(r, f, "RowGroup.total_compressed_size"); return true;
      case 7: expect(f, CT::kI16, "RowGroup.ordinal"); g.ordinal = r.readI16(); return true;
    }
    return false;
  });
  if (!has_columns || !has_rows) throwCorrupt("RowGroup is missing a required field");
  if (g.num_rows < 0) throwCorrupt("RowGroup has a negative row count");
  return g;
}

ColumnOrder readColumnOrder(CompactReader& r) {
  ColumnOrder order = ColumnOrder::kUnknown;
  readStruct(r, [&](const FieldHeader& f) {
    if (f.type == CT::kStruct) {
      if (f.id == 1) order = ColumnOrder::kTypeDefined;
      if (f.id == 2) order = ColumnOrder::kIeee754TotalOrder;
      if (f.id == 3) order = ColumnOrder::kInt96TimestampOrder;
    }
    return false;
  });
  return order;
}

}  // namespace

std::string toString(PhysicalType t) {
  switch (t) {
    case PhysicalType::kBoolean: return "BOOLEAN";
    case PhysicalType::kInt32: return "INT32";
    case PhysicalType::kInt64: return "INT64";
    case PhysicalType::kInt96: return "INT96";
    case PhysicalType::kFloat: return "FLOAT";
    case PhysicalType::kDouble: return "DOUBLE";
    case PhysicalType::kByteArray: return "BYTE_ARRAY";
    case PhysicalType::kFixedLenByteArray: return "FIXED_LEN_BYTE_ARRAY";
  }
  return "TYPE(" + std::to_string(static_cast<int>(t)) + ")";
}

std::string toString(Encoding e) {
  switch (e) {
    case Encoding::kPlain: return "PLAIN";
    case Encoding::kPlainDictionary: return "PLAIN_DICTIONARY";
    case Encoding::kRle: return "RLE";
    case Encoding::kBitPacked: return "BIT_PACKED";
    case Encoding::kDeltaBinaryPacked: return "DELTA_BINARY_PACKED";
    case Encoding::kDeltaLengthByteArray: return "DELTA_LENGTH_BYTE_ARRAY";
    case Encoding::kDeltaByteArray: return "DELTA_BYTE_ARRAY";
    case Encoding::kRleDictionary: return "RLE_DICTIONARY";
    case Encoding::kByteStreamSplit: return "BYTE_STREAM_SPLIT";
  }
  return "ENCODING(" + std::to_string(static_cast<int>(e)) + ")";
}

std::string toString(Codec c) {
  switch (c) {
    case Codec::kUncompressed: return "UNCOMPRESSED";
    case Codec::kSnappy: return "SNAPPY";
    case Codec::kGzip: return "GZIP";
    case Codec::kLzo: return "LZO";
    case Codec::kBrotli: return "BROTLI";
    case Codec::kLz4: return "LZ4";
    case Codec::kZstd: return "ZSTD";
    case Codec::kLz4Raw: return "LZ4_RAW";
  }
  return "CODEC(" + std::to_string(static_cast<int>(c)) + ")";
}

FileMetaData decodeFileMetaData(const uint8_t* data, size_t size) {
  CompactReader r(data, size);
  FileMetaData m;
  bool has_version = false, has_schema = false, has_rows = false, has_groups = false;
  readStruct(r, [&](const FieldHeader& f) {
    switch (f.id) {
      case 1: m.version = readI32(r, f, "FileMetaData.version"); has_version = true; return true;
      case 2:
        readList(r, f, CT::kStruct, "FileMetaData.schema", [&] { m.schema.push_back(readSchemaElement(r)); });
        has_schema = true;
        return true;
      case 3: m.num_rows = readI64(r, f, "FileMetaData.num_rows"); has_rows = true; return true;
      case 4:
        readList(r, f, CT::kStruct, "FileMetaData.row_groups", [&] {
          withFooterContext("row group " + std::to_string(m.row_groups.size()), [&] { m.row_groups.push_back(readRowGroup(r)); });
        });
        has_groups = true;
        return true;
      case 5: m.key_value_metadata = readKeyValueList(r, f); return true;
      case 6: m.created_by = readStr(r, f, "FileMetaData.created_by"); return true;
      case 7:
        readList(r, f, CT::kStruct, "FileMetaData.column_orders",
                 [&] { m.column_orders.push_back(readColumnOrder(r)); });
        return true;
      case 8: m.encrypted = true; return false;
    }
    return false;
  });
  if (!has_version || !has_schema || !has_rows || !has_groups) {
    throwCorrupt("FileMetaData is missing a required field");
  }
  return m;
}

PageHeader decodePageHeader(const uint8_t* data, size_t size, size_t* header_size) {
  CompactReader r(data, size);
  PageHeader h;
  bool has_type = false, has_sizes = false, has_uncompressed = false;
  readStruct(r, [&](const FieldHeader& f) {
    switch (f.id) {
      case 1: h.type = readEnum<PageType>(r, f, "PageHeader.type"); has_type = true; return true;
      case 2:
        h.uncompressed_page_size = readI32(r, f, "PageHeader.uncompressed_page_size");
        has_uncompressed = true;
        return true;
      case 3: h.compressed_page_size = readI32(r, f, "PageHeader.compressed_page_size"); has_sizes = true; return true;
      case 4: h.crc = readI32(r, f, "PageHeader.crc"); return true;
      case 5: {
        expect(f, CT::kStruct, "PageHeader.data_page_header");
        DataPageHeader d;
        int seen = 0;
        readStruct(r, [&](const FieldHeader& g) {
          switch (g.id) {
            case 1: d.num_values = readI32(r, g, "DataPageHeader.num_values"); seen |= 1; return true;
            case 2: d.encoding = readEnum<Encoding>(r, g, "DataPageHeader.encoding"); seen |= 2; return true;
            case 3: d.definition_level_encoding = readEnum<Encoding>(r, g, "DataPageHeader.definition_level_encoding"); return true;
            case 4: d.repetition_level_encoding = readEnum<Encoding>(r, g, "DataPageHeader.repetition_level_encoding"); return true;
            case 5: d.statistics = readStatisticsField(r, g); return true;
          }
          return false;
        });
        if (seen != 3) throwCorrupt("DataPageHeader is missing a required field");
        h.data_page_header = d;
        return true;
      }
      case 6: h.has_index_page_header = true; return false;
      case 7: {
        expect(f, CT::kStruct, "PageHeader.dictionary_page_header");
        DictionaryPageHeader d;
        bool has_count = false;
        readStruct(r, [&](const FieldHeader& g) {
          switch (g.id) {
            case 1: d.num_values = readI32(r, g, "DictionaryPageHeader.num_values"); has_count = true; return true;
            case 2: d.encoding = readEnum<Encoding>(r, g, "DictionaryPageHeader.encoding"); return true;
            case 3: d.is_sorted = readBool(g); return true;
          }
          return false;
        });
        if (!has_count) throwCorrupt("DictionaryPageHeader is missing num_values");
        h.dictionary_page_header = d;
        return true;
      }
      case 8: {
        expect(f, CT::kStruct, "PageHeader.data_page_header_v2");
        DataPageHeaderV2 d;
        bool has_count = false;
        readStruct(r, [&](const FieldHeader& g) {
          switch (g.id) {
            case 1: d.num_values = readI32(r, g, "DataPageHeaderV2.num_values"); has_count = true; return true;
            case 2: d.num_nulls = readI32(r, g, "DataPageHeaderV2.num_nulls"); return true;
            case 3: d.num_rows = readI32(r, g, "DataPageHeaderV2.num_rows"); return true;
            case 4: d.encoding = readEnum<Encoding>(r, g, "DataPageHeaderV2.encoding"); return true;
            case 5: d.definition_levels_byte_length = readI32(r, g, "DataPageHeaderV2.definition_levels_byte_length"); return true;
            case 6: d.repetition_levels_byte_length = readI32(r, g, "DataPageHeaderV2.repetition_levels_byte_length"); return true;
            case 7: d.is_compressed = readBool(g); return true;
            case 8: d.statistics = readStatisticsField(r, g); return true;
          }
          return false;
        });
        if (!has_count) throwCorrupt("DataPageHeaderV2 is missing num_values");
        h.data_page_header_v2 = d;
        return true;
      }
    }
    return false;
  });
  if (!has_type || !has_sizes || !has_uncompressed) throwCorrupt("PageHeader is missing a required field");
  if (h.compressed_page_size < 0 || h.uncompressed_page_size < 0) {
    throwCorrupt("PageHeader has a negative page size");
  }
  *header_size = r.position();
  return h;
}

ColumnIndex decodeColumnIndex(const uint8_t* data, size_t size) {
  CompactReader r(data, size);
  ColumnIndex ci;
  readStruct(r, [&](const FieldHeader& f) {
    switch (f.id) {
      case 1:
        readList(r, f, CT::kBoolTrue, "ColumnIndex.null_pages",
                 [&] { ci.null_pages.push_back(r.readBoolElement()); });
        return true;
      case 2:
        readList(r, f, CT::kBinary, "ColumnIndex.min_values", [&] { ci.min_values.push_back(r.readString()); });
        return true;
      case 3:
        readList(r, f, CT::kBinary, "ColumnIndex.max_values", [&] { ci.max_values.push_back(r.readString()); });
        return true;
      case 4: ci.boundary_order = readEnum<BoundaryOrder>(r, f, "ColumnIndex.boundary_order"); return true;
      case 5: ci.null_counts = readI64List(r, f, "ColumnIndex.null_counts"); return true;
      case 6: ci.repetition_level_histograms = readI64List(r, f, "ColumnIndex.repetition_level_histograms"); return true;
      case 7: ci.definition_level_histograms = readI64List(r, f, "ColumnIndex.definition_level_histograms"); return true;
      case 8: ci.nan_counts = readI64List(r, f, "ColumnIndex.nan_counts"); return true;
    }
    return false;
  });
  if (ci.min_values.size() != ci.null_pages.size() || ci.max_values.size() != ci.null_pages.size()) {
    throwCorrupt("ColumnIndex lists differ in length");
  }
  return ci;
}

OffsetIndex decodeOffsetIndex(const uint8_t* data, size_t size) {
  CompactReader r(data, size);
  OffsetIndex oi;
  readStruct(r, [&](const FieldHeader& f) {
    switch (f.id) {
      case 1:
        readList(r, f, CT::kStruct, "OffsetIndex.page_locations", [&] {
          PageLocation loc;
          readStruct(r, [&](const FieldHeader& g) {
            switch (g.id) {
              case 1: loc.offset = readI64(r, g, "PageLocation.offset"); return true;
              case 2: loc.compressed_page_size = readI32(r, g, "PageLocation.compressed_page_size"); return true;
              case 3: loc.first_row_index = readI64(r, g, "PageLocation.first_row_index"); return true;
            }
            return false;
          });
          oi.page_locations.push_back(loc);
        });
        return true;
      case 2:
        oi.unencoded_byte_array_data_bytes = readI64List(r, f, "OffsetIndex.unencoded_byte_array_data_bytes");
        return true;
    }
    return false;
  });
  return oi;
}

uint32_t parseFooterTail(const uint8_t* tail) {
  if (std::memcmp(tail + 4, "PARE", 4) == 0) {
    throw UnsupportedException("Parquet modular encryption (encrypted footer) is not supported");
  }
  if (std::memcmp(tail + 4, "PAR1", 4) != 0) throwCorrupt("missing PAR1 magic at end of file");
  uint32_t len = static_cast<uint32_t>(tail[0]) | (static_cast<uint32_t>(tail[1]) << 8) |
                 (static_cast<uint32_t>(tail[2]) << 16) | (static_cast<uint32_t>(tail[3]) << 24);
  return len;
}

}  // namespace loch::parquet

#include "loch/io/parquet/metadata_writer.h"

#include "loch/io/parquet/thrift_writer.h"

namespace loch::parquet {

namespace {

void writeStatistics(CompactWriter& w, const Statistics& s) {
  w.beginStruct();
  if (s.max) w.fieldBinary(1, *s.max);
  if (s.min) w.fieldBinary(2, *s.min);
  if (s.null_count) w.fieldI64(3, *s.null_count);
  if (s.distinct_count) w.fieldI64(4, *s.distinct_count);
  if (s.max_value) w.fieldBinary(5, *s.max_value);
  if (s.min_value) w.fieldBinary(6, *s.min_value);
  w.endStruct();
}

void writeLogicalType(CompactWriter& w, const LogicalType& t) {
  w.beginStruct();
  switch (t.kind) {
    case LogicalType::Kind::kString: w.fieldStruct(1); w.beginStruct(); w.endStruct(); break;
    case LogicalType::Kind::kMap: w.fieldStruct(2); w.beginStruct(); w.endStruct(); break;
    case LogicalType::Kind::kList: w.fieldStruct(3); w.beginStruct(); w.endStruct(); break;
    case LogicalType::Kind::kDecimal:
      w.fieldStruct(5);
      w.beginStruct();
      w.fieldI32(1, t.scale);
      w.fieldI32(2, t.precision);
      w.endStruct();
      break;
    case LogicalType::Kind::kDate: w.fieldStruct(6); w.beginStruct(); w.endStruct(); break;
    case LogicalType::Kind::kTimestamp:
      w.fieldStruct(8);
      w.beginStruct();
      w.fieldBool(1, t.is_adjusted_to_utc);
      w.fieldStruct(2);
      w.beginStruct();  // TimeUnit union
      w.fieldStruct(static_cast<int16_t>(t.unit));
      w.beginStruct();
      w.endStruct();
      w.endStruct();
      w.endStruct();
      break;
    case LogicalType::Kind::kInteger:
      w.fieldStruct(10);
      w.beginStruct();
      w.fieldByte(1, static_cast<int8_t>(t.bit_width));
      w.fieldBool(2, t.is_signed);
      w.endStruct();
      break;
    default: break;
  }
  w.endStruct();
}

void writeSchemaElement(CompactWriter& w, const SchemaElement& e) {
  w.beginStruct();
  if (e.type) w.fieldI32(1, static_cast<int32_t>(*e.type));
  if (e.type_length) w.fieldI32(2, *e.type_length);
  if (e.repetition) w.fieldI32(3, static_cast<int32_t>(*e.repetition));
  w.fieldBinary(4, e.name);
  if (e.num_children) w.fieldI32(5, *e.num_children);
  if (e.converted_type) w.fieldI32(6, static_cast<int32_t>(*e.converted_type));
  if (e.scale) w.fieldI32(7, *e.scale);
  if (e.precision) w.fieldI32(8, *e.precision);
  if (e.field_id) w.fieldI32(9, *e.field_id);
  if (e.logical_type) {
    w.fieldStruct(10);
    writeLogicalType(w, *e.logical_type);
  }
  w.endStruct();
}

void writeColumnMetaData(CompactWriter& w, const ColumnMetaData& m) {
  w.beginStruct();
  w.fieldI32(1, static_cast<int32_t>(m.type));
  w.fieldList(2, CompactType::kI32, m.encodings.size());
  for (auto e : m.encodings) w.i32(static_cast<int32_t>(e));
  w.fieldList(3, CompactType::kBinary, m.path_in_schema.size());
  for (const auto& p : m.path_in_schema) w.binary(p);
  w.fieldI32(4, static_cast<int32_t>(m.codec));
  w.fieldI64(5, m.num_values);
  w.fieldI64(6, m.total_uncompressed_size);
  w.fieldI64(7, m.total_compressed_size);
  w.fieldI64(9, m.data_page_offset);
  if (m.dictionary_page_offset) w.fieldI64(11, *m.dictionary_page_offset);
  if (m.statistics) {
    w.fieldStruct(12);
    writeStatistics(w, *m.statistics);
  }
  w.endStruct();
}

void writeRowGroup(CompactWriter& w, const RowGroup& rg) {
  w.beginStruct();
  w.fieldList(1, CompactType::kStruct, rg.columns.size());
  for (const auto& c : rg.columns) {
    w.beginStruct();
    w.fieldI64(2, c.file_offset);
    if (c.meta_data) {
      w.fieldStruct(3);
      writeColumnMetaData(w, *c.meta_data);
    }
    w.endStruct();
  }
  w.fieldI64(2, rg.total_byte_size);
  w.fieldI64(3, rg.num_rows);
  if (rg.file_offset) w.fieldI64(5, *rg.file_offset);
  if (rg.total_compressed_size) w.fieldI64(6, *rg.total_compressed_size);
  if (rg.ordinal) w.fieldI16(7, *rg.ordinal);
  w.endStruct();
}

}  // namespace

std::vector<uint8_t> serializePageHeader(const PageHeader& h) {
  CompactWriter w;
  w.beginStruct();
  w.fieldI32(1, static_cast<int32_t>(h.type));
  w.fieldI32(2, h.uncompressed_page_size);
  w.fieldI32(3, h.compressed_page_size);
  if (h.crc) w.fieldI32(4, *h.crc);
  if (h.data_page_header) {
    const auto& d = *h.data_page_header;
    w.fieldStruct(5);
    w.beginStruct();
    w.fieldI32(1, d.num_values);
    w.fieldI32(2, static_cast<int32_t>(d.encoding));
    w.fieldI32(3, static_cast<int32_t>(d.definition_level_encoding));
    w.fieldI32(4, static_cast<int32_t>(d.repetition_level_encoding));
    if (d.statistics) {
      w.fieldStruct(5);
      writeStatistics(w, *d.statistics);
    }
    w.endStruct();
  }
  if (h.dictionary_page_header) {
    const auto& d = *h.dictionary_page_header;
    w.fieldStruct(7);
    w.beginStruct();
    w.fieldI32(1, d.num_values);
    w.fieldI32(2, static_cast<int32_t>(d.encoding));
    if (d.is_sorted) w.fieldBool(3, *d.is_sorted);
    w.endStruct();
  }
  w.endStruct();
  return std::move(w.bytes());
}

std::vector<uint8_t> serializeFileMetaDataBytes(const FileMetaData& m) {
  CompactWriter w;
  w.beginStruct();
  w.fieldI32(1, m.version);
  w.fieldList(2, CompactType::kStruct, m.schema.size());
  for (const auto& e : m.schema) writeSchemaElement(w, e);
  w.fieldI64(3, m.num_rows);
  w.fieldList(4, CompactType::kStruct, m.row_groups.size());
  for (const auto& rg : m.row_groups) writeRowGroup(w, rg);
  if (!m.key_value_metadata.empty()) {
    w.fieldList(5, CompactType::kStruct, m.key_value_metadata.size());
    for (const auto& kv : m.key_value_metadata) {
      w.beginStruct();
      w.fieldBinary(1, kv.key);
      if (kv.value) w.fieldBinary(2, *kv.value);
      w.endStruct();
    }
  }
  if (m.created_by) w.fieldBinary(6, *m.created_by);
  if (!m.column_orders.empty()) {
    w.fieldList(7, CompactType::kStruct, m.column_orders.size());
    for (size_t i = 0; i < m.column_orders.size(); ++i) {
      w.beginStruct();  // ColumnOrder union: TYPE_ORDER = 1 (empty struct)
      w.fieldStruct(1);
      w.beginStruct();
      w.endStruct();
      w.endStruct();
    }
  }
  w.endStruct();
  return std::move(w.bytes());
}

}  // namespace loch::parquet

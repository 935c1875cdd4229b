#include "loch/io/parquet/metadata.h"

#include <gtest/gtest.h>

#include "loch/common/exception.h"
#include "loch/io/parquet/schema.h"
#include "io/parquet/compact_writer.h"

using namespace loch::parquet;
using loch::parquet::testing::CompactWriter;

namespace {

void schemaElement(CompactWriter& w, const std::string& name, int type, int repetition, int children,
                   int converted = -1) {
  w.beginStruct();
  if (type >= 0) w.i32(1, type);
  if (repetition >= 0) w.i32(3, repetition);
  w.str(4, name);
  if (children > 0) w.i32(5, children);
  if (converted >= 0) w.i32(6, converted);
  w.endStruct();
}

// message m { required int64 id; optional group tags (LIST) { repeated group list { optional binary element (UTF8); } } }
std::vector<uint8_t> sampleFooter(bool with_unknown_field) {
  CompactWriter w;
  w.i32(1, 2);
  w.listHeader(2, 12, 5);
  schemaElement(w, "m", -1, -1, 2);
  schemaElement(w, "id", 2, 0, 0);
  schemaElement(w, "tags", -1, 1, 1, 3);
  schemaElement(w, "list", -1, 2, 1);
  schemaElement(w, "element", 6, 1, 0, 0);
  w.i64(3, 10);
  w.listHeader(4, 12, 1);
  w.beginStruct();  // RowGroup
  w.listHeader(1, 12, 1);
  w.beginStruct();  // ColumnChunk
  w.i64(2, 0);
  w.structField(3);  // ColumnMetaData
  w.i32(1, 2);
  w.listHeader(2, 5, 2);
  w.varint(CompactWriter::zigzag(0));
  w.varint(CompactWriter::zigzag(8));
  w.listHeader(3, 8, 1);
  w.rawString("id");
  w.i32(4, 1);
  w.i64(5, 10);
  w.i64(6, 100);
  w.i64(7, 80);
  w.i64(9, 4);
  w.structField(12);  // Statistics
  w.i64(3, 0);
  w.str(5, std::string("\x09\0\0\0\0\0\0\0", 8));
  w.str(6, std::string("\x00\0\0\0\0\0\0\0", 8));
  w.endStruct();
  w.endStruct();
  w.endStruct();
  w.i64(2, 1000);
  w.i64(3, 10);
  w.endStruct();
  w.str(6, "loch test");
  if (with_unknown_field) {
    w.structField(99);  // a field from a future format version
    w.i32(1, 5);
    w.endStruct();
  }
  w.endStruct();
  return w.bytes;
}

}  // namespace

TEST(ParquetMetadata, DecodesFileMetaData) {
  for (bool unknown : {false, true}) {
    std::vector<uint8_t> bytes = sampleFooter(unknown);
    FileMetaData m = decodeFileMetaData(bytes.data(), bytes.size());
    EXPECT_EQ(m.version, 2);
    ASSERT_EQ(m.schema.size(), 5u);
    EXPECT_EQ(m.schema[4].name, "element");
    EXPECT_EQ(m.schema[4].converted_type, ConvertedType::kUtf8);
    EXPECT_EQ(m.num_rows, 10);
    ASSERT_EQ(m.row_groups.size(), 1u);
    const ColumnMetaData& c = *m.row_groups[0].columns[0].meta_data;
    EXPECT_EQ(c.type, PhysicalType::kInt64);
    EXPECT_EQ(c.codec, Codec::kSnappy);
    EXPECT_EQ(c.encodings, (std::vector<Encoding>{Encoding::kPlain, Encoding::kRleDictionary}));
    EXPECT_EQ(c.path_in_schema, std::vector<std::string>{"id"});
    EXPECT_EQ(c.data_page_offset, 4);
    ASSERT_TRUE(c.statistics);
    EXPECT_EQ(c.statistics->null_count, 0);
    EXPECT_EQ(c.statistics->max_value->size(), 8u);
    EXPECT_EQ(m.created_by, "loch test");
  }
}

TEST(ParquetMetadata, TruncatedFooterThrowsEverywhere) {
  std::vector<uint8_t> bytes = sampleFooter(false);
  for (size_t cut = 0; cut + 1 < bytes.size(); ++cut) {
    EXPECT_THROW(decodeFileMetaData(bytes.data(), cut), loch::IOException) << cut;
  }
}

TEST(ParquetMetadata, MissingRequiredFieldThrows) {
  CompactWriter w;
  w.i32(1, 1);
  w.endStruct();
  EXPECT_THROW(decodeFileMetaData(w.bytes.data(), w.bytes.size()), loch::IOException);
}

TEST(ParquetMetadata, DecodesPageHeaders) {
  CompactWriter w;
  w.i32(1, 3);  // DATA_PAGE_V2
  w.i32(2, 100);
  w.i32(3, 60);
  w.i32(4, -12345);
  w.structField(8);
  w.i32(1, 10);
  w.i32(2, 2);
  w.i32(3, 10);
  w.i32(4, 8);
  w.i32(5, 3);
  w.i32(6, 0);
  w.boolean(7, false);
  w.endStruct();
  w.endStruct();
  w.bytes.push_back(0xAB);  // page data follows the header
  size_t header_size = 0;
  PageHeader h = decodePageHeader(w.bytes.data(), w.bytes.size(), &header_size);
  EXPECT_EQ(header_size, w.bytes.size() - 1);
  EXPECT_EQ(h.type, PageType::kDataPageV2);
  EXPECT_EQ(h.crc, -12345);
  ASSERT_TRUE(h.data_page_header_v2);
  EXPECT_EQ(h.data_page_header_v2->num_nulls, 2);
  EXPECT_EQ(h.data_page_header_v2->encoding, Encoding::kRleDictionary);
  EXPECT_EQ(h.data_page_header_v2->definition_levels_byte_length, 3);
  EXPECT_FALSE(h.data_page_header_v2->is_compressed);
}

TEST(ParquetMetadata, WrongFieldTypeIsSkippedLikeThrift) {
  // Old writers reused ColumnMetaData field ids; a type mismatch skips.
  CompactWriter w;
  w.i32(1, 0);
  w.str(2, "not an i32");
  w.i32(3, 5);
  w.endStruct();
  size_t n = 0;
  EXPECT_THROW(decodePageHeader(w.bytes.data(), w.bytes.size(), &n), loch::IOException);  // size 2 missing
  CompactWriter ok;
  ok.i32(1, 0);
  ok.str(2, "x");
  ok.i32(2, 7);
  ok.i32(3, 5);
  ok.endStruct();
  PageHeader h = decodePageHeader(ok.bytes.data(), ok.bytes.size(), &n);
  EXPECT_EQ(h.uncompressed_page_size, 7);
}

TEST(ParquetMetadata, FooterTail) {
  const uint8_t ok[8] = {0x10, 0x02, 0, 0, 'P', 'A', 'R', '1'};
  EXPECT_EQ(parseFooterTail(ok), 0x210u);
  const uint8_t bad[8] = {0, 0, 0, 0, 'P', 'A', 'R', '2'};
  EXPECT_THROW(parseFooterTail(bad), loch::IOException);
  const uint8_t encrypted[8] = {0, 0, 0, 0, 'P', 'A', 'R', 'E'};
  EXPECT_THROW(parseFooterTail(encrypted), loch::UnsupportedException);
}

TEST(ParquetSchema, ComputesLevelsAndPaths) {
  std::vector<uint8_t> bytes = sampleFooter(false);
  FileMetaData m = decodeFileMetaData(bytes.data(), bytes.size());
  Schema s = Schema::build(m.schema);
  ASSERT_EQ(s.numColumns(), 2);
  EXPECT_EQ(s.columns()[0].dottedPath(), "id");
  EXPECT_EQ(s.columns()[0].max_definition_level, 0);
  EXPECT_EQ(s.columns()[1].dottedPath(), "tags.list.element");
  EXPECT_EQ(s.columns()[1].max_definition_level, 3);
  EXPECT_EQ(s.columns()[1].max_repetition_level, 1);
  EXPECT_EQ(s.findColumn("tags.list.element"), 1);
  EXPECT_EQ(s.leavesUnder(0), (std::vector<int>{0, 1}));
}

TEST(ParquetSchema, RejectsMalformedTrees) {
  SchemaElement root;
  root.name = "m";
  root.num_children = 2;
  SchemaElement leaf;
  leaf.name = "x";
  leaf.type = PhysicalType::kInt32;
  leaf.repetition = Repetition::kOptional;
  EXPECT_THROW(Schema::build({root, leaf}), loch::IOException);  // one child missing
  EXPECT_THROW(Schema::build({}), loch::IOException);
  root.num_children = 1;
  SchemaElement bad = leaf;
  bad.type = static_cast<PhysicalType>(-7);
  EXPECT_THROW(Schema::build({root, bad}), loch::IOException);
  SchemaElement flba = leaf;
  flba.type = PhysicalType::kFixedLenByteArray;
  EXPECT_THROW(Schema::build({root, flba}), loch::IOException);  // no type_length
  EXPECT_NO_THROW(Schema::build({root, leaf}));
}

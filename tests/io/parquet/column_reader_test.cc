// Column reader on hand-built column chunks (independent of the corpus):
// dictionary page + data page v1 + data page v2 in one chunk.

#include "loch/io/parquet/column_reader.h"

#include <gtest/gtest.h>

#include <cstring>

#include "io/parquet/compact_writer.h"
#include "loch/common/exception.h"

using namespace loch::parquet;
using loch::parquet::testing::CompactWriter;
using loch::parquet::testing::appendPage;
using loch::parquet::testing::pageHeader;

namespace {

// optional int32 x: dictionary {10, 20, 30}; v1 page (RLE_DICTIONARY) with
// levels 1,0,1,1,1 and indices 2,0,1,2; v2 page (PLAIN) with levels 0,1
// and value 40. `bad_index` makes the last index point past the dictionary.
std::vector<uint8_t> buildChunk(bool bad_index) {
  std::vector<uint8_t> chunk;
  std::vector<uint8_t> dict_body(12);
  int32_t dict[3] = {10, 20, 30};
  std::memcpy(dict_body.data(), dict, 12);
  CompactWriter dict_header = pageHeader(2, dict_body.size());
  dict_header.structField(7);
  dict_header.i32(1, 3);
  dict_header.i32(2, 0);
  dict_header.endStruct();
  dict_header.endStruct();
  appendPage(chunk, dict_header, dict_body);

  std::vector<uint8_t> v1_body{2, 0, 0, 0, 0x03, 0x1d,  // def levels: length 2, one bit-packed group
                               2, 0x03, static_cast<uint8_t>(bad_index ? 0xd2 : 0x92), 0x00};  // width 2, indices
  CompactWriter v1 = pageHeader(0, v1_body.size());
  v1.structField(5);
  v1.i32(1, 5);
  v1.i32(2, 8);
  v1.i32(3, 3);
  v1.i32(4, 3);
  v1.endStruct();
  v1.endStruct();
  appendPage(chunk, v1, v1_body);

  std::vector<uint8_t> v2_body{0x03, 0x02, 40, 0, 0, 0};  // def levels (no prefix), then PLAIN 40
  CompactWriter v2 = pageHeader(3, v2_body.size());
  v2.structField(8);
  v2.i32(1, 2);
  v2.i32(2, 1);
  v2.i32(3, 2);
  v2.i32(4, 0);
  v2.i32(5, 2);
  v2.i32(6, 0);
  v2.boolean(7, false);
  v2.endStruct();
  v2.endStruct();
  appendPage(chunk, v2, v2_body);
  return chunk;
}

ColumnDescriptor optionalInt32() {
  ColumnDescriptor d;
  d.path = {"x"};
  d.physical_type = PhysicalType::kInt32;
  d.max_definition_level = 1;
  return d;
}

ColumnMetaData meta(int64_t num_values) {
  ColumnMetaData m;
  m.type = PhysicalType::kInt32;
  m.codec = Codec::kUncompressed;
  m.num_values = num_values;
  return m;
}

}  // namespace

TEST(ParquetColumnReader, DictionaryV1AndV2Pages) {
  std::vector<uint8_t> chunk = buildChunk(false);
  ColumnChunkData c = readColumnChunk(chunk.data(), chunk.size(), optionalInt32(), meta(7));
  EXPECT_EQ(c.num_levels, 7);
  EXPECT_EQ(std::vector<int16_t>(c.def_levels.begin(), c.def_levels.end()), (std::vector<int16_t>{1, 0, 1, 1, 1, 0, 1}));
  EXPECT_TRUE(c.rep_levels.empty());
  ASSERT_EQ(c.num_values, 5);
  std::vector<int32_t> values(c.valuesAs<int32_t>(), c.valuesAs<int32_t>() + 5);
  EXPECT_EQ(values, (std::vector<int32_t>{30, 10, 20, 30, 40}));
}

TEST(ParquetColumnReader, CorruptChunksThrow) {
  std::vector<uint8_t> bad = buildChunk(true);
  EXPECT_THROW(readColumnChunk(bad.data(), bad.size(), optionalInt32(), meta(7)), loch::IOException);
  std::vector<uint8_t> chunk = buildChunk(false);
  // Every truncation fails cleanly (too few values or a cut page).
  for (size_t cut = 0; cut < chunk.size(); ++cut) {
    EXPECT_THROW(readColumnChunk(chunk.data(), cut, optionalInt32(), meta(7)), loch::IOException) << cut;
  }
  // Metadata promising fewer values than the pages hold.
  EXPECT_THROW(readColumnChunk(chunk.data(), chunk.size(), optionalInt32(), meta(6)), loch::IOException);
  // Schema/metadata type disagreement.
  ColumnMetaData wrong = meta(7);
  wrong.type = PhysicalType::kInt64;
  EXPECT_THROW(readColumnChunk(chunk.data(), chunk.size(), optionalInt32(), wrong), loch::IOException);
}

TEST(ParquetColumnReader, UnsupportedEncodingIsReported) {
  std::vector<uint8_t> body{0, 0, 0, 0};
  CompactWriter h = pageHeader(0, body.size());
  h.structField(5);
  h.i32(1, 1);
  h.i32(2, 42);  // unknown encoding id
  h.i32(3, 3);
  h.i32(4, 3);
  h.endStruct();
  h.endStruct();
  std::vector<uint8_t> chunk;
  appendPage(chunk, h, body);
  ColumnDescriptor d = optionalInt32();
  d.max_definition_level = 0;
  EXPECT_THROW(readColumnChunk(chunk.data(), chunk.size(), d, meta(1)), loch::UnsupportedException);
}

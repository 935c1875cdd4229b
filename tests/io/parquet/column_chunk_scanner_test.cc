// ColumnChunkScanner on a hand-built string chunk: a dictionary page, a
// dictionary-encoded v1 page and a PLAIN v2 page (a writer's fallback), read
// in batches that start and end inside pages.

#include "loch/io/parquet/column_chunk_scanner.h"

#include <gtest/gtest.h>

#include <cstring>
#include <optional>
#include <string>

#include "io/parquet/compact_writer.h"
#include "loch/common/exception.h"

using namespace loch::parquet;
using loch::parquet::testing::CompactWriter;
using loch::parquet::testing::appendPage;
using loch::parquet::testing::pageHeader;

namespace {

void appendPlainString(std::vector<uint8_t>& out, const std::string& s) {
  auto n = static_cast<uint32_t>(s.size());
  uint8_t len[4];
  std::memcpy(len, &n, 4);
  out.insert(out.end(), len, len + 4);
  out.insert(out.end(), s.begin(), s.end());
}

// optional string s: dictionary {"a", "bb", "ccc"}; v1 page (RLE_DICTIONARY)
// with levels 1,0,1,1,1 and indices 2,0,1,`last`; v2 page (PLAIN) with
// levels 0,1 and value "dddd". Rows: ccc, NULL, a, bb, ccc, NULL, dddd.
UninitializedVector<uint8_t> buildChunk(uint8_t last_index = 2) {
  std::vector<uint8_t> chunk;
  std::vector<uint8_t> dict_body;
  for (const char* s : {"a", "bb", "ccc"}) appendPlainString(dict_body, s);
  CompactWriter dict_header = pageHeader(2, dict_body.size());
  dict_header.structField(7);
  dict_header.i32(1, 3);
  dict_header.i32(2, 0);
  dict_header.endStruct();
  dict_header.endStruct();
  appendPage(chunk, dict_header, dict_body);

  // Indices 2,0,1,last at bit width 2, LSB first; width 3 when last needs it.
  std::vector<uint8_t> v1_body{2, 0, 0, 0, 0x03, 0x1d};  // def levels: length 2, one bit-packed group
  if (last_index < 4) {
    v1_body.insert(v1_body.end(), {2, 0x03, static_cast<uint8_t>(2 | 0 << 2 | 1 << 4 | last_index << 6), 0x00});
  } else {
    uint32_t packed = 2u | 0u << 3 | 1u << 6 | static_cast<uint32_t>(last_index) << 9;
    v1_body.insert(v1_body.end(), {3, 0x03, static_cast<uint8_t>(packed), static_cast<uint8_t>(packed >> 8), 0x00});
  }
  CompactWriter v1 = pageHeader(0, v1_body.size());
  v1.structField(5);
  v1.i32(1, 5);
  v1.i32(2, 8);
  v1.i32(3, 3);
  v1.i32(4, 3);
  v1.endStruct();
  v1.endStruct();
  appendPage(chunk, v1, v1_body);

  std::vector<uint8_t> v2_body{0x03, 0x02};  // def levels 0,1 (no length prefix in v2)
  appendPlainString(v2_body, "dddd");
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
  return UninitializedVector<uint8_t>(chunk.begin(), chunk.end());
}

ColumnDescriptor optionalString() {
  ColumnDescriptor d;
  d.path = {"s"};
  d.physical_type = PhysicalType::kByteArray;
  d.max_definition_level = 1;
  return d;
}

ColumnMetaData meta(int64_t num_values) {
  ColumnMetaData m;
  m.type = PhysicalType::kByteArray;
  m.codec = Codec::kUncompressed;
  m.num_values = num_values;
  return m;
}

SparkNode stringNode() {
  SparkNode n;
  n.kind = SparkNode::Kind::kPrimitive;
  n.name = "s";
  n.type = loch::StringType();
  n.def_level = 1;
  n.leaf = 0;
  n.conversion = ValueConversion::kBytes;
  n.leaves = {0};
  return n;
}

const std::vector<std::optional<std::string>> kRows = {"ccc", std::nullopt, "a", "bb", "ccc", std::nullopt, "dddd"};

}  // namespace

TEST(ParquetColumnChunkScanner, BatchesAcrossDictionaryAndPlainPages) {
  ColumnDescriptor column = optionalString();
  ColumnMetaData m = meta(7);
  SparkNode node = stringNode();
  for (int64_t batch = 1; batch <= 8; ++batch) {
    ColumnChunkScanner scanner(buildChunk(), column, m, node, {});
    int64_t row = 0;
    while (row < 7) {
      int64_t n = std::min<int64_t>(batch, 7 - row);
      loch::VectorPtr v = scanner.next(n);
      ASSERT_EQ(v->size(), n);
      // Batches whose values all come from the dictionary page stay
      // dictionary-encoded; row 6 is the PLAIN page's only value.
      bool dictionary_rows = row + n <= 6;
      bool any_value = false;
      for (int64_t i = 0; i < n; ++i) any_value |= kRows[static_cast<size_t>(row + i)].has_value();
      EXPECT_EQ(v->isDictionary(), dictionary_rows && any_value) << "batch " << batch << " at row " << row;
      for (int64_t i = 0; i < n; ++i) {
        const auto& want = kRows[static_cast<size_t>(row + i)];
        ASSERT_EQ(v->isNull(i), !want.has_value()) << "batch " << batch << " row " << row + i;
        if (want) EXPECT_EQ(v->getValue(i).getString(), *want) << "batch " << batch << " row " << row + i;
      }
      row += n;
    }
    EXPECT_NO_THROW(scanner.finish());
  }
}

TEST(ParquetColumnChunkScanner, DictionaryVectorsShareOneDictionary) {
  ColumnDescriptor column = optionalString();
  ColumnMetaData m = meta(7);
  SparkNode node = stringNode();
  ColumnChunkScanner scanner(buildChunk(), column, m, node, {});
  loch::VectorPtr a = scanner.next(1);
  loch::VectorPtr b = scanner.next(3);
  ASSERT_TRUE(a->isDictionary() && b->isDictionary());
  EXPECT_EQ(a->dictionary(), b->dictionary());
  EXPECT_EQ(a->dictionary()->size(), 3);
  EXPECT_FALSE(a->validity());  // a NULL-free batch carries no bitmap
  EXPECT_TRUE(b->validity());
}

TEST(ParquetColumnChunkScanner, CorruptChunksThrow) {
  ColumnDescriptor column = optionalString();
  SparkNode node = stringNode();
  ColumnMetaData m7 = meta(7);
  // An index past the dictionary.
  ColumnChunkScanner bad(buildChunk(5), column, m7, node, {});
  EXPECT_THROW(bad.next(5), loch::IOException);
  // More rows asked than the chunk holds.
  ColumnChunkScanner short_chunk(buildChunk(), column, m7, node, {});
  EXPECT_THROW(short_chunk.next(8), loch::IOException);
  // Metadata promising more rows than the pages hold.
  ColumnMetaData m9 = meta(9);
  ColumnChunkScanner lying(buildChunk(), column, m9, node, {});
  EXPECT_THROW(lying.next(9), loch::IOException);
  // Rows left over after the row group's rows were read.
  ColumnChunkScanner extra(buildChunk(), column, m7, node, {});
  extra.next(6);
  EXPECT_THROW(extra.finish(), loch::IOException);
  // Every truncation fails cleanly.
  auto chunk = buildChunk();
  for (size_t cut = 0; cut < chunk.size(); ++cut) {
    UninitializedVector<uint8_t> part(chunk.begin(), chunk.begin() + static_cast<std::ptrdiff_t>(cut));
    ColumnChunkScanner s(part, column, m7, node, {});
    EXPECT_THROW(s.next(7), loch::IOException) << cut;
  }
}

TEST(ParquetColumnChunkScanner, SelectedRowsSkipTheOthers) {
  ColumnDescriptor column = optionalString();
  ColumnMetaData m = meta(7);
  SparkNode node = stringNode();
  // Every subset of the 7 rows, read as one batch and as batches of 3.
  for (int mask = 0; mask < (1 << 7); ++mask) {
    for (int64_t batch : {int64_t{7}, int64_t{3}}) {
      ColumnChunkScanner scanner(buildChunk(), column, m, node, {});
      for (int64_t start = 0; start < 7; start += batch) {
        int64_t rows = std::min<int64_t>(batch, 7 - start);
        std::vector<int32_t> selected;
        for (int64_t r = 0; r < rows; ++r) {
          if (mask & (1 << (start + r))) selected.push_back(static_cast<int32_t>(r));
        }
        loch::VectorPtr v = scanner.nextSelected(rows, selected.data(), static_cast<int64_t>(selected.size()));
        ASSERT_EQ(v->size(), static_cast<int64_t>(selected.size()));
        for (size_t i = 0; i < selected.size(); ++i) {
          const auto& want = kRows[static_cast<size_t>(start + selected[i])];
          ASSERT_EQ(v->isNull(static_cast<int64_t>(i)), !want.has_value()) << "mask " << mask << " batch " << batch;
          if (want) EXPECT_EQ(v->getValue(static_cast<int64_t>(i)).getString(), *want) << "mask " << mask;
        }
      }
      EXPECT_NO_THROW(scanner.finish()) << "mask " << mask;
    }
  }
}

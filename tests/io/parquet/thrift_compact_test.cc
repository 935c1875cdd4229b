#include "loch/io/parquet/thrift_compact.h"

#include <gtest/gtest.h>

#include "loch/common/exception.h"
#include "io/parquet/compact_writer.h"

using namespace loch::parquet;
using loch::parquet::testing::CompactWriter;

namespace {

CompactReader readerFor(const std::vector<uint8_t>& b) { return CompactReader(b.data(), b.size()); }

}  // namespace

TEST(ThriftCompact, ZigzagDecoding) {
  EXPECT_EQ(zigzagDecode(0), 0);
  EXPECT_EQ(zigzagDecode(1), -1);
  EXPECT_EQ(zigzagDecode(2), 1);
  EXPECT_EQ(zigzagDecode(3), -2);
  EXPECT_EQ(zigzagDecode(~uint64_t{0}), INT64_MIN);
  EXPECT_EQ(zigzagDecode(~uint64_t{0} - 1), INT64_MAX);
}

TEST(ThriftCompact, ReadsStructFieldsWithDeltasAndLongForm) {
  CompactWriter w;
  w.i32(1, -5);
  w.i64(3, int64_t{1} << 40);
  w.boolean(4, true);
  w.boolean(5, false);
  w.str(40, "hello");  // delta > 15: long form
  w.endStruct();
  CompactReader r = readerFor(w.bytes);
  r.beginStruct();
  FieldHeader f;
  ASSERT_TRUE(r.nextField(f));
  EXPECT_EQ(f.id, 1);
  EXPECT_EQ(f.type, CompactType::kI32);
  EXPECT_EQ(r.readI32(), -5);
  ASSERT_TRUE(r.nextField(f));
  EXPECT_EQ(f.id, 3);
  EXPECT_EQ(r.readI64(), int64_t{1} << 40);
  ASSERT_TRUE(r.nextField(f));
  EXPECT_EQ(f.id, 4);
  EXPECT_TRUE(CompactReader::fieldBool(f));
  ASSERT_TRUE(r.nextField(f));
  EXPECT_FALSE(CompactReader::fieldBool(f));
  ASSERT_TRUE(r.nextField(f));
  EXPECT_EQ(f.id, 40);
  EXPECT_EQ(r.readString(), "hello");
  EXPECT_FALSE(r.nextField(f));
  r.endStruct();
  EXPECT_EQ(r.remaining(), 0u);
}

TEST(ThriftCompact, ReadsShortAndLongLists) {
  CompactWriter w;
  w.listHeader(1, 5, 3);
  for (int v : {7, -8, 9}) w.varint(CompactWriter::zigzag(v));
  w.listHeader(2, 8, 20);
  for (int i = 0; i < 20; ++i) w.rawString(std::string(1, static_cast<char>('a' + i)));
  w.endStruct();
  CompactReader r = readerFor(w.bytes);
  r.beginStruct();
  FieldHeader f;
  ASSERT_TRUE(r.nextField(f));
  ListHeader h = r.readListHeader();
  EXPECT_EQ(h.size, 3u);
  EXPECT_EQ(h.element_type, CompactType::kI32);
  EXPECT_EQ(r.readI32(), 7);
  EXPECT_EQ(r.readI32(), -8);
  EXPECT_EQ(r.readI32(), 9);
  ASSERT_TRUE(r.nextField(f));
  h = r.readListHeader();
  EXPECT_EQ(h.size, 20u);
  for (int i = 0; i < 20; ++i) EXPECT_EQ(r.readString(), std::string(1, static_cast<char>('a' + i)));
  EXPECT_FALSE(r.nextField(f));
}

TEST(ThriftCompact, SkipsUnknownNestedValues) {
  CompactWriter w;
  w.structField(1);  // nested struct with a list of structs and a map
  w.listHeader(1, 12, 2);
  w.beginStruct();
  w.i32(1, 1);
  w.endStruct();
  w.beginStruct();
  w.str(2, "x");
  w.endStruct();
  w.field(2, 11);  // map<i32, binary> with one entry
  w.varint(1);
  w.bytes.push_back(0x58);
  w.varint(CompactWriter::zigzag(3));
  w.rawString("v");
  w.field(3, 7);  // double
  for (int i = 0; i < 8; ++i) w.bytes.push_back(0);
  w.endStruct();
  w.i32(2, 42);
  w.endStruct();
  CompactReader r = readerFor(w.bytes);
  r.beginStruct();
  FieldHeader f;
  ASSERT_TRUE(r.nextField(f));
  r.skip(f.type);
  ASSERT_TRUE(r.nextField(f));
  EXPECT_EQ(f.id, 2);
  EXPECT_EQ(r.readI32(), 42);
  EXPECT_FALSE(r.nextField(f));
}

TEST(ThriftCompact, TruncatedInputThrows) {
  CompactWriter w;
  w.str(1, "hello world");
  w.endStruct();
  for (size_t cut = 0; cut < w.bytes.size(); ++cut) {
    std::vector<uint8_t> part(w.bytes.begin(), w.bytes.begin() + cut);
    CompactReader r(part.data(), part.size());
    EXPECT_THROW(
        {
          r.beginStruct();
          FieldHeader f;
          while (r.nextField(f)) r.skip(f.type);
        },
        loch::IOException)
        << "cut at " << cut;
  }
}

TEST(ThriftCompact, RejectsMalformedInput) {
  // Over-long varint.
  std::vector<uint8_t> varint(12, 0xff);
  CompactReader r1 = readerFor(varint);
  EXPECT_THROW(r1.readI64(), loch::IOException);
  // i32 out of range.
  CompactWriter w;
  w.varint(CompactWriter::zigzag(int64_t{1} << 40));
  CompactReader r2 = readerFor(w.bytes);
  EXPECT_THROW(r2.readI32(), loch::IOException);
  // Invalid type nibble (13).
  std::vector<uint8_t> bad_type{0x1d};
  CompactReader r3 = readerFor(bad_type);
  r3.beginStruct();
  FieldHeader f;
  EXPECT_THROW(r3.nextField(f), loch::IOException);
  // A list claiming more elements than bytes left.
  std::vector<uint8_t> big_list{0xf5, 0xff, 0xff, 0xff, 0x0f};
  CompactReader r4 = readerFor(big_list);
  EXPECT_THROW(r4.readListHeader(), loch::IOException);
  // Binary longer than the input.
  std::vector<uint8_t> long_binary{0x10, 'a'};
  CompactReader r5 = readerFor(long_binary);
  const uint8_t* p;
  EXPECT_THROW(r5.readBinary(&p), loch::IOException);
}

TEST(ThriftCompact, NestingDepthIsBounded) {
  std::vector<uint8_t> deep;
  for (int i = 0; i < 200; ++i) deep.push_back(0x1c);  // field 1, struct
  CompactReader r = readerFor(deep);
  EXPECT_THROW(r.skip(CompactType::kStruct), loch::IOException);
}

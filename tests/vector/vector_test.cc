#include "loch/vector/vector.h"

#include <gtest/gtest.h>

#include "loch/common/exception.h"
#include "loch/vector/decoded_vector.h"
#include "loch/vector/record_batch.h"

namespace loch {

TEST(VectorTest, FlatFixedWidthWithNulls) {
  auto v = Vector::makeFlat(LongType(), 5);
  for (int i = 0; i < 5; ++i) v->mutableValues<int64_t>()[i] = i * 10;
  EXPECT_FALSE(v->mayHaveNulls());
  v->setNull(2);
  EXPECT_TRUE(v->isNull(2));
  EXPECT_FALSE(v->isNull(3));
  EXPECT_EQ(v->nullCount(), 1);
  EXPECT_EQ(v->getValue(4), Value::longValue(40));
  EXPECT_TRUE(v->getValue(2).isNull());
  v->setNull(2, false);
  EXPECT_FALSE(v->isNull(2));
}

TEST(VectorTest, ConstantAndDictionary) {
  auto c = Vector::makeConstant(Value::string("x"), 1000);
  EXPECT_TRUE(c->isConstant());
  EXPECT_EQ(c->size(), 1000);
  EXPECT_EQ(c->getValue(999), Value::string("x"));
  auto n = Vector::makeNull(IntegerType(), 3);
  EXPECT_TRUE(n->isNull(1));
  EXPECT_EQ(n->nullCount(), 3);

  auto dict = Vector::fromValues(StringType(), {Value::string("a"), Value::string("b"), Value::null(StringType())});
  auto idx = std::make_shared<Buffer>(4 * sizeof(int32_t));
  int32_t ids[] = {1, 0, 2, 1};
  std::memcpy(idx->data(), ids, sizeof(ids));
  auto d = Vector::makeDictionary(dict, idx, 4);
  EXPECT_EQ(d->getValue(0), Value::string("b"));
  EXPECT_TRUE(d->isNull(2));
  EXPECT_TRUE(d->mayHaveNulls());
  auto flat = d->flatten();
  EXPECT_TRUE(flat->isFlat());
  EXPECT_EQ(flat->stringAt(3), "b");
  EXPECT_TRUE(flat->isNull(2));

  DecodedVector dec(*d);
  EXPECT_EQ(dec.stringAt(1), "a");
  EXPECT_TRUE(dec.isNull(2));
  DecodedVector dc(*c);
  EXPECT_TRUE(dc.isConstant());
  EXPECT_EQ(dc.stringAt(500), "x");
}

TEST(VectorTest, NestedValuesRoundTrip) {
  auto at = ArrayType(IntegerType());
  auto st = StructType({StructField("k", StringType()), StructField("v", at)});
  std::vector<Value> rows = {
      Value::structValue(st, {Value::string("a"), Value::array(at, {Value::integer(1), Value::integer(2)})}),
      Value::null(st),
      Value::structValue(st, {Value::null(StringType()), Value::array(at, {})}),
  };
  auto v = Vector::fromValues(st, rows);
  ASSERT_EQ(v->size(), 3);
  for (size_t i = 0; i < rows.size(); ++i) EXPECT_EQ(v->getValue(static_cast<int64_t>(i)), rows[i]) << i;
  auto mt = MapType(StringType(), LongType());
  auto m = Value::map(mt, {Value::mapEntry(Value::string("x"), Value::longValue(7))});
  auto mv = Vector::fromValues(mt, {m, Value::null(mt)});
  EXPECT_EQ(mv->getValue(0), m);
  EXPECT_TRUE(mv->isNull(1));
}

TEST(RecordBatchTest, RowsAndShapeChecks) {
  auto schema = StructType({StructField("a", IntegerType()), StructField("b", StringType())});
  auto batch = RecordBatch::fromRows(schema, {{Value::integer(1), Value::string("x")},
                                              {Value::null(IntegerType()), Value::string("y")}});
  EXPECT_EQ(batch->numRows(), 2);
  EXPECT_EQ(batch->row(1)[1], Value::string("y"));
  EXPECT_TRUE(batch->row(1)[0].isNull());
  EXPECT_THROW(RecordBatch::make(schema, {batch->column(0)}, 2), InternalException);
  EXPECT_THROW(RecordBatch::make(schema, {batch->column(0), Vector::makeFlat(StringType(), 3)}, 2),
               InternalException);
  EXPECT_EQ(RecordBatch::empty(schema)->numRows(), 0);
}

}  // namespace loch

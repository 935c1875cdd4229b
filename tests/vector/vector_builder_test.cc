#include "loch/vector/vector_builder.h"

#include <gtest/gtest.h>

namespace loch {

TEST(VectorBuilderTest, StringsWithNullsAcrossGrowth) {
  VectorBuilder b(StringType());
  for (int i = 0; i < 10000; ++i) {
    if (i % 7 == 0) {
      b.appendNull();
    } else {
      b.appendString("s" + std::to_string(i));
    }
  }
  auto v = b.finish();
  ASSERT_EQ(v->size(), 10000);
  EXPECT_TRUE(v->isNull(0));
  EXPECT_EQ(v->stringAt(1), "s1");
  EXPECT_EQ(v->stringAt(9999), "s9999");
  EXPECT_EQ(v->nullCount(), 1429);
  EXPECT_EQ(b.size(), 0);  // reusable
}

TEST(VectorBuilderTest, FixedWidthTypes) {
  VectorBuilder i8(ByteType()), dec(DecimalType(20, 2)), f(FloatType()), dt(DateType()), bo(BooleanType());
  i8.appendInt(-5);
  dec.appendDecimal(static_cast<int128_t>(123456789012345678LL) * 100);
  f.appendDouble(1.5);
  dt.appendInt(19000);
  bo.appendBool(true);
  bo.appendNull();
  EXPECT_EQ(i8.finish()->getValue(0), Value::byte(-5));
  EXPECT_EQ(dec.finish()->getValue(0).toString(), "123456789012345678.00");
  EXPECT_EQ(f.finish()->getValue(0), Value::floatValue(1.5f));
  EXPECT_EQ(dt.finish()->getValue(0), Value::date(19000));
  auto bv = bo.finish();
  EXPECT_EQ(bv->getValue(0), Value::boolean(true));
  EXPECT_TRUE(bv->isNull(1));
}

TEST(VectorBuilderTest, AppendFromAnyEncoding) {
  auto c = Vector::makeConstant(Value::integer(9), 3);
  VectorBuilder b(IntegerType());
  b.appendFrom(*c, 2);
  auto flat = Vector::fromValues(IntegerType(), {Value::integer(1), Value::null(IntegerType())});
  b.appendFrom(*flat, 1);
  b.appendFrom(*flat, 0);
  auto v = b.finish();
  EXPECT_EQ(v->getValue(0), Value::integer(9));
  EXPECT_TRUE(v->isNull(1));
  EXPECT_EQ(v->getValue(2), Value::integer(1));
}

TEST(VectorBuilderTest, ListsByHand) {
  VectorBuilder b(ArrayType(LongType()));
  b.elements().appendInt(1);
  b.elements().appendInt(2);
  b.finishList();
  b.appendNull();
  b.finishList();  // empty list
  auto v = b.finish();
  ASSERT_EQ(v->size(), 3);
  EXPECT_EQ(v->getValue(0).toString(), "[1, 2]");
  EXPECT_TRUE(v->isNull(1));
  EXPECT_EQ(v->getValue(2).toString(), "[]");
}

}  // namespace loch

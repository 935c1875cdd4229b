#include <gtest/gtest.h>

#include "loch/function/type_coercion.h"

namespace loch {
namespace {

std::string sql(const std::optional<DataTypePtr>& t) { return t ? (*t)->sql() : "none"; }

TEST(TypeCoercionTest, TightestCommonType) {
  EXPECT_EQ(sql(findTightestCommonType(IntegerType(), LongType())), "BIGINT");
  EXPECT_EQ(sql(findTightestCommonType(ByteType(), ShortType())), "SMALLINT");
  EXPECT_EQ(sql(findTightestCommonType(LongType(), FloatType())), "FLOAT");
  EXPECT_EQ(sql(findTightestCommonType(NullType(), StringType())), "STRING");
  EXPECT_EQ(sql(findTightestCommonType(DateType(), TimestampType())), "TIMESTAMP");
  EXPECT_EQ(sql(findTightestCommonType(DateType(), TimestampNTZType())), "TIMESTAMP_NTZ");
  EXPECT_EQ(sql(findTightestCommonType(IntegerType(), DecimalType(5, 2))), "none");
  EXPECT_EQ(sql(findTightestCommonType(IntegerType(), StringType())), "none");
}

TEST(TypeCoercionTest, WiderTypesWithDecimals) {
  EXPECT_EQ(sql(findWiderTypeForTwo(IntegerType(), DecimalType(5, 2), true)), "DECIMAL(12,2)");
  EXPECT_EQ(sql(findWiderTypeForTwo(DecimalType(10, 2), DecimalType(5, 3), true)), "DECIMAL(11,3)");
  EXPECT_EQ(sql(findWiderTypeForTwo(DecimalType(38, 0), DecimalType(38, 10), true)), "DECIMAL(38,10)");
  EXPECT_EQ(sql(findWiderTypeForTwo(DecimalType(5, 2), DoubleType(), true)), "DOUBLE");
  EXPECT_EQ(sql(findWiderTypeForTwo(LongType(), DecimalType(2, 1), true)), "DECIMAL(21,1)");
}

TEST(TypeCoercionTest, StringPromotionDiffersByMode) {
  EXPECT_EQ(sql(findWiderTypeForTwo(StringType(), IntegerType(), false)), "STRING");
  EXPECT_EQ(sql(findWiderTypeForTwo(StringType(), IntegerType(), true)), "BIGINT");
  EXPECT_EQ(sql(findWiderTypeForTwo(StringType(), DecimalType(5, 2), true)), "DOUBLE");
  EXPECT_EQ(sql(findWiderTypeForTwo(StringType(), DateType(), true)), "DATE");
  EXPECT_EQ(sql(findWiderTypeForTwo(StringType(), BooleanType(), false)), "none");
  EXPECT_EQ(sql(findWiderCommonType({IntegerType(), StringType(), LongType()}, false)), "STRING");
  EXPECT_EQ(sql(findWiderCommonType({}, true)), "VOID");
}

TEST(TypeCoercionTest, ComplexTypesWidenElementWise) {
  EXPECT_EQ(sql(findWiderTypeForTwo(ArrayType(IntegerType()), ArrayType(DoubleType()), true)), "ARRAY<DOUBLE>");
  EXPECT_EQ(sql(findWiderTypeForTwo(MapType(StringType(), IntegerType()), MapType(StringType(), LongType()), true)),
            "MAP<STRING, BIGINT>");
  EXPECT_EQ(sql(findWiderTypeForTwo(ArrayType(IntegerType()), IntegerType(), true)), "none");
}

TEST(TypeCoercionTest, ComparisonTypes) {
  EXPECT_EQ(sql(findCommonTypeForComparison(StringType(), IntegerType(), false)), "INT");
  EXPECT_EQ(sql(findCommonTypeForComparison(StringType(), DecimalType(5, 2), false)), "DOUBLE");
  EXPECT_EQ(sql(findCommonTypeForComparison(StringType(), IntegerType(), true)), "BIGINT");
  EXPECT_EQ(sql(findCommonTypeForComparison(StringType(), DateType(), true)), "DATE");
  EXPECT_EQ(sql(findCommonTypeForComparison(TimestampType(), StringType(), false)), "TIMESTAMP");
  EXPECT_EQ(sql(findCommonTypeForComparison(IntegerType(), DecimalType(5, 2), true)), "DECIMAL(12,2)");
  EXPECT_EQ(sql(findCommonTypeForComparison(IntegerType(), BooleanType(), true)), "none");
}

TEST(TypeCoercionTest, DecimalResultTypes) {
  auto a = DecimalType(10, 2), b = DecimalType(5, 3);
  EXPECT_EQ(decimalResultType(DecimalOp::Add, *a, *b)->sql(), "DECIMAL(12,3)");
  EXPECT_EQ(decimalResultType(DecimalOp::Subtract, *a, *b)->sql(), "DECIMAL(12,3)");
  EXPECT_EQ(decimalResultType(DecimalOp::Multiply, *a, *b)->sql(), "DECIMAL(16,5)");
  EXPECT_EQ(decimalResultType(DecimalOp::Divide, *a, *b)->sql(), "DECIMAL(19,8)");
  EXPECT_EQ(decimalResultType(DecimalOp::Remainder, *a, *b)->sql(), "DECIMAL(5,3)");
  auto big = DecimalType(38, 10);
  EXPECT_EQ(decimalResultType(DecimalOp::Multiply, *big, *big)->sql(), "DECIMAL(38,6)");
  EXPECT_EQ(decimalResultType(DecimalOp::Add, *big, *big)->sql(), "DECIMAL(38,9)");
  EXPECT_EQ(decimalResultType(DecimalOp::Divide, *DecimalType(38, 2), *DecimalType(10, 0))->sql(), "DECIMAL(38,6)");
  EXPECT_EQ(adjustDecimalPrecisionScale(38, 4)->sql(), "DECIMAL(38,4)");
  EXPECT_EQ(adjustDecimalPrecisionScale(40, 2)->sql(), "DECIMAL(38,2)");
}

TEST(TypeCoercionTest, DecimalForTypesAndLiterals) {
  EXPECT_EQ((*decimalForType(*ByteType()))->sql(), "DECIMAL(3,0)");
  EXPECT_EQ((*decimalForType(*LongType()))->sql(), "DECIMAL(20,0)");
  EXPECT_EQ(decimalForLiteral(Value::integer(-123))->sql(), "DECIMAL(3,0)");
  EXPECT_EQ(decimalForLiteral(Value::longValue(0))->sql(), "DECIMAL(1,0)");
  EXPECT_FALSE(decimalForType(*StringType()).has_value());
}

}  // namespace
}  // namespace loch

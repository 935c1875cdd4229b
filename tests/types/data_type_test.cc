#include "loch/types/data_type.h"

#include <gtest/gtest.h>

#include "loch/common/exception.h"

namespace loch {

TEST(DataTypeTest, SimpleStringsFollowSpark) {
  EXPECT_EQ(IntegerType()->simpleString(), "int");
  EXPECT_EQ(LongType()->simpleString(), "bigint");
  EXPECT_EQ(DecimalType(10, 2)->simpleString(), "decimal(10,2)");
  EXPECT_EQ(ArrayType(StringType())->simpleString(), "array<string>");
  EXPECT_EQ(MapType(StringType(), IntegerType())->simpleString(), "map<string,int>");
  auto s = StructType({StructField("a", IntegerType()), StructField("b", StringType())});
  EXPECT_EQ(s->simpleString(), "struct<a:int,b:string>");
  EXPECT_EQ(s->sql(), "STRUCT<a: INT, b: STRING>");
  EXPECT_EQ(TimestampNTZType()->simpleString(), "timestamp_ntz");
}

TEST(DataTypeTest, TypeNamesAsPrintSchemaShowsThem) {
  EXPECT_EQ(IntegerType()->typeName(), "integer");
  EXPECT_EQ(LongType()->typeName(), "long");
  EXPECT_EQ(ShortType()->typeName(), "short");
  EXPECT_EQ(ByteType()->typeName(), "byte");
  EXPECT_EQ(DecimalType(38, 18)->typeName(), "decimal(38,18)");
}

TEST(DataTypeTest, EqualityAndWidths) {
  EXPECT_TRUE(DecimalType(10, 2)->equals(*DecimalType(10, 2)));
  EXPECT_FALSE(DecimalType(10, 2)->equals(*DecimalType(10, 3)));
  EXPECT_FALSE(ArrayType(IntegerType(), true)->equals(*ArrayType(IntegerType(), false)));
  EXPECT_EQ(DecimalType(5, 0)->fixedWidth(), 16);
  EXPECT_EQ(DateType()->fixedWidth(), 4);
  EXPECT_EQ(StringType()->fixedWidth(), 0);
}

TEST(DataTypeTest, DecimalBoundsAreChecked) {
  EXPECT_THROW(DecimalType(39, 0), AnalysisException);
  EXPECT_THROW(DecimalType(5, 6), AnalysisException);
  EXPECT_NO_THROW(DecimalType(38, 38));
}

TEST(DataTypeTest, ParseTypeStrings) {
  EXPECT_TRUE(parseDataType("INT")->equals(*IntegerType()));
  EXPECT_TRUE(parseDataType("bigint")->equals(*LongType()));
  EXPECT_TRUE(parseDataType("decimal(12, 4)")->equals(*DecimalType(12, 4)));
  EXPECT_TRUE(parseDataType("decimal")->equals(*DecimalType(10, 0)));
  EXPECT_TRUE(parseDataType("varchar(20)")->equals(*StringType()));
  EXPECT_TRUE(parseDataType("array<map<string,double>>")->equals(*ArrayType(MapType(StringType(), DoubleType()))));
  auto s = parseDataType("struct<a:int, `b c`: string>");
  ASSERT_EQ(s->fields().size(), 2u);
  EXPECT_EQ(s->fields()[1].name, "b c");
  EXPECT_THROW(parseDataType("integr"), AnalysisException);
  EXPECT_THROW(parseDataType("array<int"), AnalysisException);
}

TEST(DataTypeTest, DecimalForIntegral) {
  EXPECT_TRUE((*decimalForIntegral(*IntegerType()))->equals(*DecimalType(10, 0)));
  EXPECT_TRUE((*decimalForIntegral(*LongType()))->equals(*DecimalType(20, 0)));
  EXPECT_FALSE(decimalForIntegral(*DoubleType()).has_value());
}

}  // namespace loch

#include "loch/types/value.h"

#include <gtest/gtest.h>

#include <cmath>

#include "loch/types/datetime.h"

namespace loch {

TEST(ValueTest, JavaDoubleFormatting) {
  EXPECT_EQ(javaDoubleString(1.0), "1.0");
  EXPECT_EQ(javaDoubleString(0.1), "0.1");
  EXPECT_EQ(javaDoubleString(123.456), "123.456");
  EXPECT_EQ(javaDoubleString(1e7), "1.0E7");
  EXPECT_EQ(javaDoubleString(1.5e10), "1.5E10");
  EXPECT_EQ(javaDoubleString(0.001), "0.001");
  EXPECT_EQ(javaDoubleString(0.0001), "1.0E-4");
  EXPECT_EQ(javaDoubleString(-2.5), "-2.5");
  EXPECT_EQ(javaDoubleString(0.0), "0.0");
  EXPECT_EQ(javaDoubleString(-0.0), "-0.0");
  EXPECT_EQ(javaDoubleString(std::nan("")), "NaN");
  EXPECT_EQ(javaDoubleString(INFINITY), "Infinity");
  EXPECT_EQ(javaFloatString(0.1f), "0.1");
  EXPECT_EQ(javaDoubleString(9999999.0), "9999999.0");
}

TEST(ValueTest, DisplayText) {
  EXPECT_EQ(Value::null(IntegerType()).toString(), "NULL");
  EXPECT_EQ(Value::integer(-3).toString(), "-3");
  EXPECT_EQ(Value::boolean(true).toString(), "true");
  EXPECT_EQ(Value::decimal(1050, 10, 2).toString(), "10.50");
  EXPECT_EQ(Value::date(daysFromCivil(2024, 2, 29)).toString(), "2024-02-29");
  EXPECT_EQ(Value::timestamp(0).toString("UTC"), "1970-01-01 00:00:00");
  EXPECT_EQ(Value::binary(std::string("\x0a\xff", 2)).toString(), "[0A FF]");
  auto arr = Value::array(ArrayType(IntegerType()), {Value::integer(1), Value::null(IntegerType())});
  EXPECT_EQ(arr.toString(), "[1, NULL]");
  auto st = StructType({StructField("a", IntegerType()), StructField("b", StringType())});
  EXPECT_EQ(Value::structValue(st, {Value::integer(1), Value::string("x")}).toString(), "{1, x}");
  auto m = Value::map(MapType(StringType(), IntegerType()), {Value::mapEntry(Value::string("k"), Value::integer(2))});
  EXPECT_EQ(m.toString(), "{k -> 2}");
  EXPECT_EQ(Value::dayTimeInterval(90 * kMicrosPerMinute).toString(), "INTERVAL '0 01:30:00' DAY TO SECOND");
}

TEST(ValueTest, Equality) {
  EXPECT_EQ(Value::integer(1), Value::integer(1));
  EXPECT_NE(Value::integer(1), Value::longValue(1));
  EXPECT_EQ(Value::null(IntegerType()), Value::null(IntegerType()));
  EXPECT_NE(Value::null(IntegerType()), Value::integer(0));
  EXPECT_EQ(Value::doubleValue(std::nan("")), Value::doubleValue(std::nan("")));
  EXPECT_EQ(Value::decimal(150, 10, 2), Value::decimal(1500, 10, 3).toString() == "1.500" ? Value::decimal(150, 10, 2)
                                                                                          : Value());
}

}  // namespace loch

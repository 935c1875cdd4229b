#include "loch/types/decimal.h"

#include <gtest/gtest.h>

namespace loch {

TEST(DecimalTest, ToString) {
  EXPECT_EQ(decimalToString(12345, 2), "123.45");
  EXPECT_EQ(decimalToString(-5, 2), "-0.05");
  EXPECT_EQ(decimalToString(7, 0), "7");
  EXPECT_EQ(decimalToString(0, 3), "0.000");
  EXPECT_EQ(int128ToString(pow10i128(38) - 1), std::string(38, '9'));
}

TEST(DecimalTest, ParseRoundsHalfUp) {
  EXPECT_EQ(*parseDecimal("1.235", 10, 2), 124);
  EXPECT_EQ(*parseDecimal("-1.235", 10, 2), -124);
  EXPECT_EQ(*parseDecimal("1.234", 10, 2), 123);
  EXPECT_EQ(*parseDecimal(" 42 ", 10, 0), 42);
  EXPECT_EQ(*parseDecimal("1e3", 10, 1), 10000);
  EXPECT_EQ(*parseDecimal("1.5E-1", 10, 2), 15);
  EXPECT_FALSE(parseDecimal("abc", 10, 2).has_value());
  EXPECT_FALSE(parseDecimal("", 10, 2).has_value());
  EXPECT_FALSE(parseDecimal("123456", 5, 0).has_value());  // does not fit
  EXPECT_FALSE(parseDecimal("1.2.3", 10, 2).has_value());
}

TEST(DecimalTest, Rescale) {
  EXPECT_EQ(*rescaleDecimal(125, 2, 1), 13);
  EXPECT_EQ(*rescaleDecimal(-125, 2, 1), -13);
  EXPECT_EQ(*rescaleDecimal(124, 2, 1), 12);
  EXPECT_EQ(*rescaleDecimal(12, 1, 3), 1200);
  EXPECT_FALSE(rescaleDecimal(pow10i128(37), 0, 5).has_value());
}

TEST(DecimalTest, Doubles) {
  EXPECT_DOUBLE_EQ(decimalToDouble(12345, 2), 123.45);
  EXPECT_EQ(*decimalFromDouble(0.1, 10, 2), 10);
  EXPECT_EQ(*decimalFromDouble(2.675, 10, 2), 268);  // shortest repr "2.675" rounds up
  EXPECT_FALSE(decimalFromDouble(1e30, 10, 2).has_value());
}

}  // namespace loch

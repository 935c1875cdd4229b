// Literal typing follows Spark: INT if it fits, else BIGINT, else DECIMAL;
// 1.5 is DECIMAL; 1e3 is DOUBLE; suffixes force a type.

#include <gtest/gtest.h>

#include "sql/test_util.h"

namespace loch::sql {
namespace {

using testing::parseError;
using testing::pretty;
using testing::sqlOf;

const Literal& lit(const ExprPtr& e) { return e->as<Literal>(); }

TEST(LiteralTest, IntegerTyping) {
  auto a = parseExpression("42");
  EXPECT_EQ(lit(a).literal_kind, LiteralKind::kInt);
  EXPECT_EQ(lit(a).int_value, 42);
  auto b = parseExpression("2147483648");
  EXPECT_EQ(lit(b).literal_kind, LiteralKind::kBigInt);
  EXPECT_EQ(lit(b).int_value, 2147483648LL);
  auto c = parseExpression("-2147483648");
  EXPECT_EQ(lit(c).literal_kind, LiteralKind::kInt);
  auto d = parseExpression("123456789012345678901234");
  EXPECT_EQ(lit(d).literal_kind, LiteralKind::kDecimal);
  EXPECT_EQ(lit(d).precision, 24);
  EXPECT_EQ(lit(d).scale, 0);
}

TEST(LiteralTest, Suffixes) {
  EXPECT_EQ(lit(parseExpression("1L")).literal_kind, LiteralKind::kBigInt);
  EXPECT_EQ(lit(parseExpression("1S")).literal_kind, LiteralKind::kSmallInt);
  EXPECT_EQ(lit(parseExpression("1Y")).literal_kind, LiteralKind::kTinyInt);
  EXPECT_EQ(lit(parseExpression("-128Y")).int_value, -128);
  auto d = parseExpression("1.5D");
  EXPECT_EQ(lit(d).literal_kind, LiteralKind::kDouble);
  EXPECT_DOUBLE_EQ(lit(d).double_value, 1.5);
  EXPECT_EQ(lit(parseExpression("1.5f")).literal_kind, LiteralKind::kFloat);
  auto bd = parseExpression("1.50BD");
  EXPECT_EQ(lit(bd).literal_kind, LiteralKind::kDecimal);
  EXPECT_EQ(lit(bd).precision, 3);
  EXPECT_EQ(lit(bd).scale, 2);
  EXPECT_EQ(sqlOf("10L"), "10L");
  EXPECT_EQ(pretty("10L"), "10");
}

TEST(LiteralTest, DecimalsAndDoubles) {
  auto d = parseExpression("1.5");
  EXPECT_EQ(lit(d).literal_kind, LiteralKind::kDecimal);
  EXPECT_EQ(lit(d).precision, 2);
  EXPECT_EQ(lit(d).scale, 1);
  auto small = parseExpression("0.05");
  EXPECT_EQ(lit(small).precision, 2);
  EXPECT_EQ(lit(small).scale, 2);
  auto e = parseExpression("1e3");
  EXPECT_EQ(lit(e).literal_kind, LiteralKind::kDouble);
  EXPECT_DOUBLE_EQ(lit(e).double_value, 1000.0);
  EXPECT_DOUBLE_EQ(lit(parseExpression("2.5E-1")).double_value, 0.25);
  EXPECT_EQ(lit(parseExpression(".5")).literal_kind, LiteralKind::kDecimal);
}

TEST(LiteralTest, FloatingColumnNamesFollowJava) {
  // Spark names literal columns with Java's Double.toString.
  EXPECT_EQ(pretty("1e3"), "1000.0");
  EXPECT_EQ(pretty("1.5D"), "1.5");
  EXPECT_EQ(pretty("2D"), "2.0");
  EXPECT_EQ(pretty("1e10"), "1.0E10");
  EXPECT_EQ(pretty("1.25E-5"), "1.25E-5");
  EXPECT_EQ(pretty("0.1F"), "0.1");
  EXPECT_EQ(sqlOf("1e3"), "1E3D");
}

TEST(LiteralTest, OutOfRangeSuffixedLiterals) {
  EXPECT_EQ(parseError([] { parseExpression("128Y"); }),
            "[INVALID_NUMERIC_LITERAL_RANGE] Numeric literal 128 is outside "
            "the valid range for tinyint with minimum value of -128 and "
            "maximum value of 127. Please adjust the value accordingly. "
            "(line 1, pos 0)");
  EXPECT_NE(parseError([] { parseExpression("40000S"); }).find("smallint"),
            std::string::npos);
  EXPECT_NE(parseError([] { parseExpression("99999999999999999999L"); })
                .find("bigint"),
            std::string::npos);
}

TEST(LiteralTest, Strings) {
  auto s = parseExpression("'hello' ' ' \"world\"");
  EXPECT_EQ(lit(s).literal_kind, LiteralKind::kString);
  EXPECT_EQ(lit(s).text, "hello world");
  EXPECT_EQ(pretty("'abc'"), "abc");
  EXPECT_EQ(sqlOf("'it\\'s'"), "'it\\'s'");
}

TEST(LiteralTest, BooleansAndNull) {
  EXPECT_TRUE(lit(parseExpression("TRUE")).bool_value);
  EXPECT_FALSE(lit(parseExpression("false")).bool_value);
  EXPECT_EQ(lit(parseExpression("null")).literal_kind, LiteralKind::kNull);
  EXPECT_EQ(pretty("NULL"), "NULL");
  EXPECT_EQ(pretty("true"), "true");
}

TEST(LiteralTest, TypedDateTimeLiterals) {
  auto d = parseExpression("DATE '2024-01-01'");
  EXPECT_EQ(lit(d).literal_kind, LiteralKind::kDate);
  EXPECT_EQ(lit(d).text, "2024-01-01");
  EXPECT_EQ(d->toString(), "DATE '2024-01-01'");
  EXPECT_EQ(lit(parseExpression("TIMESTAMP '2024-01-01 10:00:00'"))
                .literal_kind,
            LiteralKind::kTimestamp);
  EXPECT_EQ(lit(parseExpression("timestamp_ntz '2024-01-01 10:00:00'"))
                .literal_kind,
            LiteralKind::kTimestampNtz);
  EXPECT_EQ(lit(parseExpression("TIMESTAMP_LTZ '2024-01-01'")).literal_kind,
            LiteralKind::kTimestamp);
}

TEST(LiteralTest, BinaryLiteral) {
  auto b = parseExpression("X'0AFF'");
  EXPECT_EQ(lit(b).literal_kind, LiteralKind::kBinary);
  EXPECT_EQ(lit(b).text, "0AFF");
  EXPECT_EQ(b->toString(), "X'0AFF'");
}

TEST(LiteralTest, IntervalSingleUnit) {
  auto i = parseExpression("INTERVAL 30 MINUTES");
  const auto& l = lit(i);
  EXPECT_EQ(l.literal_kind, LiteralKind::kInterval);
  ASSERT_EQ(l.interval_fields.size(), 1u);
  EXPECT_EQ(l.interval_fields[0].value, "30");
  EXPECT_EQ(l.interval_fields[0].unit, "MINUTE");
  EXPECT_EQ(i->toString(), "INTERVAL '30' MINUTE");
  EXPECT_EQ(i->toSql(), "INTERVAL 30 MINUTE");
  auto s = parseExpression("INTERVAL '1' DAY");
  EXPECT_TRUE(lit(s).interval_fields[0].value_is_string);
  EXPECT_EQ(s->toString(), "INTERVAL '1' DAY");
}

TEST(LiteralTest, IntervalMultipleUnits) {
  auto i = parseExpression("INTERVAL 1 DAY 2 HOURS");
  ASSERT_EQ(lit(i).interval_fields.size(), 2u);
  EXPECT_EQ(lit(i).interval_fields[1].unit, "HOUR");
  EXPECT_EQ(i->toSql(), "INTERVAL 1 DAY 2 HOUR");
  auto neg = parseExpression("INTERVAL -3 WEEKS");
  EXPECT_EQ(lit(neg).interval_fields[0].value, "-3");
}

TEST(LiteralTest, IntervalToForms) {
  auto ym = parseExpression("INTERVAL '1-2' YEAR TO MONTH");
  EXPECT_EQ(lit(ym).interval_fields[0].unit, "YEAR");
  EXPECT_EQ(lit(ym).interval_to, "MONTH");
  auto ds = parseExpression("INTERVAL '1 02:03:04' DAY TO SECOND");
  EXPECT_EQ(lit(ds).interval_fields[0].value, "1 02:03:04");
  EXPECT_EQ(lit(ds).interval_to, "SECOND");
  auto text = parseExpression("INTERVAL '1 day 2 hours'");
  EXPECT_EQ(lit(text).interval_fields[0].unit, "");
}

TEST(LiteralTest, IntervalInArithmetic) {
  EXPECT_EQ(sqlOf("ts + INTERVAL 1 DAY - INTERVAL 2 HOURS"),
            "((ts + INTERVAL 1 DAY) - INTERVAL 2 HOUR)");
}

}  // namespace
}  // namespace loch::sql

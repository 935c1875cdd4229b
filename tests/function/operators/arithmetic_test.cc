#include <gtest/gtest.h>

#include <limits>

#include "function/operators/operator_test_util.h"
#include "loch/types/datetime.h"
#include "loch/types/decimal.h"

namespace loch::testing {
namespace {

TEST(ArithmeticTest, IntAddPropagatesNulls) {
  ExprHarness h;
  auto r = h.apply("+", {vec(IntegerType(), {I(1), Null(IntegerType()), I(3)}),
                         vec(IntegerType(), {I(10), I(20), Null(IntegerType())})});
  EXPECT_EQ(r->typeId(), TypeId::Integer);
  expectValues(r, {I(11), Null(IntegerType()), Null(IntegerType())});
}

TEST(ArithmeticTest, WidensToTheLargerIntegralType) {
  ExprHarness h;
  auto attrs = h.setInput({vec(ByteType(), {Value::byte(100)}), vec(LongType(), {L(5)})});
  auto e = h.call("+", {attrs[0], attrs[1]});
  EXPECT_EQ(e->type()->id(), TypeId::Long);
  expectValues(h.eval(e), {L(105)});
  auto bb = h.call("*", {attrs[0], attrs[0]});
  EXPECT_EQ(bb->type()->id(), TypeId::Byte);
}

TEST(ArithmeticTest, IntegerOverflowRaisesUnderAnsiAndWrapsInLegacy) {
  ExprHarness h;
  auto cols = std::vector<VectorPtr>{vec(IntegerType(), {I(std::numeric_limits<int32_t>::max())}),
                                     vec(IntegerType(), {I(1)})};
  expectError([&] { h.apply("+", cols); }, "ARITHMETIC_OVERFLOW", "integer overflow. Use 'try_add'");
  h.setAnsi(false);
  expectValues(h.apply("+", cols), {I(std::numeric_limits<int32_t>::min())});
}

TEST(ArithmeticTest, LongOverflowOnMultiply) {
  ExprHarness h;
  auto cols = std::vector<VectorPtr>{vec(LongType(), {L(std::numeric_limits<int64_t>::max())}),
                                     vec(LongType(), {L(2)})};
  expectError([&] { h.apply("*", cols); }, "ARITHMETIC_OVERFLOW", "long overflow. Use 'try_multiply'");
}

TEST(ArithmeticTest, OverflowOnNullRowsIsIgnored) {
  ExprHarness h;
  // The NULL row's slot holds garbage that would overflow; it must not raise.
  auto a = Vector::makeFlat(IntegerType(), 2);
  a->mutableValues<int32_t>()[0] = std::numeric_limits<int32_t>::max();
  a->mutableValues<int32_t>()[1] = 1;
  a->setNull(0);
  expectValues(h.apply("+", {a, vec(IntegerType(), {I(1), I(1)})}), {Null(IntegerType()), I(2)});
}

TEST(ArithmeticTest, DivideAlwaysReturnsDouble) {
  ExprHarness h;
  auto r = h.apply("/", {vec(IntegerType(), {I(7), I(-1), Null(IntegerType())}),
                         vec(IntegerType(), {I(2), I(4), I(1)})});
  EXPECT_EQ(r->typeId(), TypeId::Double);
  expectValues(r, {D(3.5), D(-0.25), Null(DoubleType())});
}

TEST(ArithmeticTest, DivisionByZero) {
  ExprHarness h;
  auto cols = std::vector<VectorPtr>{vec(IntegerType(), {I(1), I(6)}), vec(IntegerType(), {I(0), I(3)})};
  expectError([&] { h.apply("/", cols); }, "DIVIDE_BY_ZERO", "Use `try_divide`");
  expectError([&] { h.apply("div", cols); }, "DIVIDE_BY_ZERO");
  expectError([&] { h.apply("%", cols); }, "DIVIDE_BY_ZERO");
  h.setAnsi(false);
  expectValues(h.apply("/", cols), {Null(DoubleType()), D(2.0)});
  expectValues(h.apply("div", cols), {Null(LongType()), L(2)});
  expectValues(h.apply("%", cols), {Null(IntegerType()), I(0)});
  // Even for doubles Spark returns NULL rather than Infinity.
  expectValues(h.apply("/", {vec(DoubleType(), {D(1.0)}), vec(DoubleType(), {D(0.0)})}), {Null(DoubleType())});
}

TEST(ArithmeticTest, IntegralDivideAndRemainderSigns) {
  ExprHarness h;
  auto a = vec(IntegerType(), {I(7), I(-7), I(7), I(-7)});
  auto b = vec(IntegerType(), {I(2), I(2), I(-3), I(3)});
  auto d = h.apply("div", {a, b});
  EXPECT_EQ(d->typeId(), TypeId::Long);
  expectValues(d, {L(3), L(-3), L(-2), L(-2)});
  expectValues(h.apply("%", {a, b}), {I(1), I(-1), I(1), I(-1)});
  expectValues(h.apply("%", {vec(DoubleType(), {D(5.5)}), vec(DoubleType(), {D(2.0)})}), {D(1.5)});
}

TEST(ArithmeticTest, IntMinDividedByMinusOne) {
  ExprHarness h;
  auto cols = std::vector<VectorPtr>{vec(LongType(), {L(std::numeric_limits<int64_t>::min())}), vec(LongType(), {L(-1)})};
  expectError([&] { h.apply("div", cols); }, "ARITHMETIC_OVERFLOW");
  expectValues(h.apply("%", cols), {L(0)});
}

TEST(ArithmeticTest, DecimalAddResultTypeAndValue) {
  ExprHarness h;
  auto a = vec(DecimalType(10, 2), {Value::decimal(12345, 10, 2), Null(DecimalType(10, 2))});
  auto b = vec(DecimalType(5, 3), {Value::decimal(1234, 5, 3), Value::decimal(1, 5, 3)});
  auto attrs = h.setInput({a, b});
  auto e = h.call("+", {attrs[0], attrs[1]});
  EXPECT_EQ(e->type()->sql(), "DECIMAL(12,3)");
  expectValues(h.eval(e), {Value::decimal(124684, 12, 3), Null(DecimalType(12, 3))});
  auto s = h.call("-", {attrs[0], attrs[1]});
  expectValues(h.eval(s), {Value::decimal(122216, 12, 3), Null(DecimalType(12, 3))});
}

TEST(ArithmeticTest, DecimalMultiplyCapsPrecisionAt38) {
  ExprHarness h;
  auto a = vec(DecimalType(38, 10), {Value::decimal(15000000000, 38, 10)});          // 1.5
  auto b = vec(DecimalType(38, 10), {Value::decimal(22500000000, 38, 10)});          // 2.25
  auto attrs = h.setInput({a, b});
  auto e = h.call("*", {attrs[0], attrs[1]});
  EXPECT_EQ(e->type()->sql(), "DECIMAL(38,6)");
  expectValues(h.eval(e), {Value::decimal(3375000, 38, 6)});
  auto c = vec(DecimalType(20, 10), {Value::decimal(1, 20, 10)});
  auto attrs2 = h.setInput({c, c});
  EXPECT_EQ(h.call("*", {attrs2[0], attrs2[1]})->type()->sql(), "DECIMAL(38,17)");
  // 1e-10 * 1e-10 = 1e-20 rounds to 0 at scale 17.
  expectValues(h.eval(h.call("*", {attrs2[0], attrs2[1]})), {Value::decimal(0, 38, 17)});
}

TEST(ArithmeticTest, DecimalDivide) {
  ExprHarness h;
  auto attrs = h.setInput({vec(DecimalType(10, 2), {Value::decimal(100, 10, 2), Value::decimal(200, 10, 2)}),
                           vec(DecimalType(5, 3), {Value::decimal(3000, 5, 3), Value::decimal(-3000, 5, 3)})});
  auto e = h.call("/", {attrs[0], attrs[1]});
  EXPECT_EQ(e->type()->sql(), "DECIMAL(19,8)");
  expectValues(h.eval(e), {Value::decimal(33333333, 19, 8), Value::decimal(-66666667, 19, 8)});
}

TEST(ArithmeticTest, DecimalLargeProductUses256BitIntermediate) {
  ExprHarness h;
  // 1e13 * (1e13 + 5e-7) at decimal(38,10): the unscaled product (~1e46)
  // exceeds 128 bits before it is rounded to scale 6.
  int128_t a = pow10i128(23);
  int128_t b = pow10i128(23) + 5000;
  auto attrs = h.setInput({vec(DecimalType(38, 10), {Value::decimal(a, 38, 10), Value::decimal(-a, 38, 10)}),
                           vec(DecimalType(38, 10), {Value::decimal(b, 38, 10), Value::decimal(b, 38, 10)})});
  auto e = h.call("*", {attrs[0], attrs[1]});
  EXPECT_EQ(e->type()->sql(), "DECIMAL(38,6)");
  int128_t expected = pow10i128(32) + 5 * pow10i128(12);
  expectValues(h.eval(e), {Value::decimal(expected, 38, 6), Value::decimal(-expected, 38, 6)});
}

TEST(ArithmeticTest, DecimalOverflow) {
  ExprHarness h;
  int128_t max = pow10i128(38) - 1;
  auto cols = std::vector<VectorPtr>{vec(DecimalType(38, 0), {Value::decimal(max, 38, 0)}),
                                     vec(DecimalType(38, 0), {Value::decimal(1, 38, 0)})};
  expectError([&] { h.apply("+", cols); }, "NUMERIC_VALUE_OUT_OF_RANGE.WITH_SUGGESTION", "Decimal(38, 0)");
  h.setAnsi(false);
  expectValues(h.apply("+", cols), {Null(DecimalType(38, 0))});
}

TEST(ArithmeticTest, IntegerMeetsDecimal) {
  ExprHarness h;
  auto attrs = h.setInput({vec(IntegerType(), {I(3)}), vec(DecimalType(5, 2), {Value::decimal(150, 5, 2)})});
  auto e = h.call("+", {attrs[0], attrs[1]});
  EXPECT_EQ(e->type()->sql(), "DECIMAL(13,2)");
  expectValues(h.eval(e), {Value::decimal(450, 13, 2)});
  // An integer literal takes the smallest decimal holding it.
  auto lit = h.call("*", {Expr::literal(I(2)), attrs[1]});
  EXPECT_EQ(lit->type()->sql(), "DECIMAL(7,2)");
  expectValues(h.eval(lit), {Value::decimal(300, 7, 2)});
  // Decimal with double gives double.
  auto dd = h.call("+", {attrs[1], Expr::literal(D(0.5))});
  EXPECT_EQ(dd->type()->id(), TypeId::Double);
  expectValues(h.eval(dd), {D(2.0)});
}

TEST(ArithmeticTest, DateArithmetic) {
  ExprHarness h;
  int32_t jan31 = daysFromCivil(2024, 1, 31);
  auto attrs = h.setInput({vec(DateType(), {Value::date(jan31)}), vec(IntegerType(), {I(1)}),
                           vec(DateType(), {Value::date(daysFromCivil(2024, 1, 1))})});
  auto plus = h.call("+", {attrs[0], attrs[1]});
  EXPECT_EQ(plus->type()->id(), TypeId::Date);
  expectValues(h.eval(plus), {Value::date(daysFromCivil(2024, 2, 1))});
  expectValues(h.eval(h.call("+", {attrs[1], attrs[0]})), {Value::date(daysFromCivil(2024, 2, 1))});
  expectValues(h.eval(h.call("-", {attrs[0], attrs[1]})), {Value::date(daysFromCivil(2024, 1, 30))});
  auto diff = h.call("-", {attrs[0], attrs[2]});
  EXPECT_EQ(diff->type()->id(), TypeId::DayTimeInterval);
  expectValues(h.eval(diff), {Value::dayTimeInterval(30 * kMicrosPerDay)});
}

TEST(ArithmeticTest, TimestampArithmetic) {
  ExprHarness h;
  int64_t t0 = static_cast<int64_t>(daysFromCivil(2024, 1, 31)) * kMicrosPerDay + 10 * kMicrosPerHour;
  int64_t t1 = t0 - 90 * kMicrosPerMinute;
  auto attrs = h.setInput({vec(TimestampType(), {Value::timestamp(t0)}), vec(TimestampType(), {Value::timestamp(t1)}),
                           vec(YearMonthIntervalType(), {Value::yearMonthInterval(1)}),
                           vec(DayTimeIntervalType(), {Value::dayTimeInterval(kMicrosPerHour)})});
  expectValues(h.eval(h.call("-", {attrs[0], attrs[1]})), {Value::dayTimeInterval(90 * kMicrosPerMinute)});
  // Adding a month clamps the day to the end of February (leap year).
  int64_t feb29 = static_cast<int64_t>(daysFromCivil(2024, 2, 29)) * kMicrosPerDay + 10 * kMicrosPerHour;
  expectValues(h.eval(h.call("+", {attrs[0], attrs[2]})), {Value::timestamp(feb29)});
  expectValues(h.eval(h.call("+", {attrs[0], attrs[3]})), {Value::timestamp(t0 + kMicrosPerHour)});
  expectValues(h.eval(h.call("-", {attrs[0], attrs[3]})), {Value::timestamp(t0 - kMicrosPerHour)});
}

TEST(ArithmeticTest, StringOperandsAreNumbers) {
  ExprHarness h(false);
  auto attrs = h.setInput({vec(StringType(), {S(" 1.5 ")}), vec(IntegerType(), {I(2)})});
  auto e = h.call("+", {attrs[0], attrs[1]});
  EXPECT_EQ(e->type()->id(), TypeId::Double);
  expectValues(h.eval(e), {D(3.5)});
  h.setAnsi(true);
  auto attrs2 = h.setInput({vec(StringType(), {S("41")}), vec(IntegerType(), {I(1)})});
  auto a = h.call("+", {attrs2[0], attrs2[1]});
  EXPECT_EQ(a->type()->id(), TypeId::Long);
  expectValues(h.eval(a), {L(42)});
  auto bad = h.setInput({vec(StringType(), {S("x")}), vec(IntegerType(), {I(1)})});
  expectError([&] { h.eval(h.call("+", {bad[0], bad[1]})); }, "CAST_INVALID_INPUT", "'x'");
}

TEST(ArithmeticTest, TypeErrors) {
  ExprHarness h;
  auto attrs = h.setInput({vec(BooleanType(), {B(true)}), vec(IntegerType(), {I(1)})});
  expectError([&] { h.call("+", {attrs[0], attrs[0]}); }, "DATATYPE_MISMATCH.BINARY_OP_WRONG_TYPE", "\"BOOLEAN\"");
  expectError([&] { h.call("+", {attrs[1], attrs[0]}); }, "DATATYPE_MISMATCH.BINARY_OP_DIFF_TYPES",
              "(\"INT\" and \"BOOLEAN\")");
  expectError([&] { h.call("*", {attrs[1]}); }, "WRONG_NUM_ARGS.WITHOUT_SUGGESTION", "requires 2 parameters");
}

TEST(ArithmeticTest, UnaryMinusAndPlus) {
  ExprHarness h;
  auto attrs = h.setInput({vec(IntegerType(), {I(5), Null(IntegerType()), I(std::numeric_limits<int32_t>::min())})});
  expectError([&] { h.eval(h.call("-", {attrs[0]})); }, "ARITHMETIC_OVERFLOW");
  h.setAnsi(false);
  expectValues(h.eval(h.call("negative", {attrs[0]})),
               {I(-5), Null(IntegerType()), I(std::numeric_limits<int32_t>::min())});
  expectValues(h.eval(h.call("positive", {attrs[0]})),
               {I(5), Null(IntegerType()), I(std::numeric_limits<int32_t>::min())});
  auto d = h.setInput({vec(DecimalType(5, 2), {Value::decimal(-150, 5, 2)})});
  expectValues(h.eval(h.call("-", {d[0]})), {Value::decimal(150, 5, 2)});
}

TEST(ArithmeticTest, LargeVectorsWithConstantAndDictionaryOperands) {
  ExprHarness h;
  const int n = 5000;
  std::vector<Value> a, expected;
  for (int i = 0; i < n; ++i) {
    a.push_back(i % 7 == 0 ? Null(LongType()) : L(i));
    expected.push_back(i % 7 == 0 ? Null(LongType()) : L(i * 3L));
  }
  auto attrs = h.setInput({vec(LongType(), a)});
  auto e = h.call("*", {attrs[0], Expr::literal(L(3))});
  expectValues(h.eval(e), expected);
  // Constant on the left, flat without nulls on the right.
  std::vector<Value> b, expected2;
  for (int i = 0; i < n; ++i) {
    b.push_back(I(i));
    expected2.push_back(I(100 - i));
  }
  auto attrs2 = h.setInput({vec(IntegerType(), b)});
  expectValues(h.eval(h.call("-", {Expr::literal(I(100)), attrs2[0]})), expected2);
  // Dictionary input.
  auto base = vec(IntegerType(), {I(10), I(20), Null(IntegerType())});
  auto dict = dictionaryOf(base, {2, 0, 1, 1, 0});
  auto attrs3 = h.setInput({dict});
  expectValues(h.eval(h.call("+", {attrs3[0], Expr::literal(I(1))})),
               {Null(IntegerType()), I(11), I(21), I(21), I(11)});
}

TEST(ArithmeticTest, EmptyBatchAndAllConstant) {
  ExprHarness h;
  auto r = h.apply("+", {Vector::makeFlat(IntegerType(), 0), Vector::makeFlat(IntegerType(), 0)});
  EXPECT_EQ(r->size(), 0);
  auto c = h.apply("+", {Vector::makeConstant(I(2), 4), Vector::makeConstant(I(3), 4)});
  EXPECT_TRUE(c->isConstant());
  expectValues(c, {I(5), I(5), I(5), I(5)});
  auto nc = h.apply("+", {Vector::makeConstant(I(2), 3), Vector::makeNull(IntegerType(), 3)});
  expectValues(nc, {Null(IntegerType()), Null(IntegerType()), Null(IntegerType())});
}

}  // namespace
}  // namespace loch::testing

namespace loch::testing {
namespace {

TEST(ArithmeticTest, DecimalDivideWithExtremeScales) {
  ExprHarness h;
  // decimal(38,0) / decimal(38,38): the numerator is scaled by 10^44.
  auto attrs = h.setInput({vec(DecimalType(38, 0), {Value::decimal(pow10i128(37), 38, 0), Value::decimal(1, 38, 0)}),
                           vec(DecimalType(38, 38), {Value::decimal(1, 38, 38), Value::decimal(pow10i128(37), 38, 38)})});
  auto e = h.call("/", {attrs[0], attrs[1]});
  EXPECT_EQ(e->type()->sql(), "DECIMAL(38,6)");
  h.setAnsi(false);
  auto legacy = h.call("/", {attrs[0], attrs[1]});
  // 1e37 / 1e-38 overflows; 1 / 0.1 = 10.
  expectValues(h.eval(legacy), {Null(DecimalType(38, 6)), Value::decimal(10000000, 38, 6)});
}

TEST(ArithmeticTest, DecimalRemainder) {
  ExprHarness h;
  auto attrs = h.setInput({vec(DecimalType(5, 2), {Value::decimal(-755, 5, 2), Value::decimal(755, 5, 2)}),
                           vec(DecimalType(3, 1), {Value::decimal(20, 3, 1), Value::decimal(-20, 3, 1)})});
  auto e = h.call("%", {attrs[0], attrs[1]});
  EXPECT_EQ(e->type()->sql(), "DECIMAL(4,2)");
  // -7.55 % 2.0 = -1.55; 7.55 % -2.0 = 1.55 (sign of the dividend).
  expectValues(h.eval(e), {Value::decimal(-155, 4, 2), Value::decimal(155, 4, 2)});
}

}  // namespace
}  // namespace loch::testing

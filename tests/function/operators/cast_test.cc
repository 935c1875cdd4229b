#include <gtest/gtest.h>

#include <cmath>
#include <limits>

#include "function/operators/operator_test_util.h"
#include "loch/function/operators/cast.h"
#include "loch/types/datetime.h"
#include "loch/types/decimal.h"

namespace loch::testing {
namespace {

class CastTest : public ::testing::Test {
 protected:
  VectorPtr cast(const VectorPtr& in, const DataTypePtr& to, bool ansi = true, bool is_try = false) {
    ctx_.ansi = ansi;
    return castVector(*in, to, ctx_, is_try);
  }
  EvalContext ctx_ = EvalContext::defaults();
};

TEST_F(CastTest, StringToIntTrimsAndRejectsMalformed) {
  auto in = vec(StringType(), {S(" 42 "), S("-7"), Null(StringType()), S("+3")});
  expectValues(cast(in, IntegerType()), {I(42), I(-7), Null(IntegerType()), I(3)});
  expectError([&] { cast(vec(StringType(), {S("abc")}), IntegerType()); }, "CAST_INVALID_INPUT",
              "The value 'abc' of the type \"STRING\" cannot be cast to \"INT\" because it is malformed.");
  expectValues(cast(vec(StringType(), {S("abc"), S("1")}), IntegerType(), false), {Null(IntegerType()), I(1)});
  expectValues(cast(vec(StringType(), {S("abc")}), IntegerType(), true, true), {Null(IntegerType())});
}

TEST_F(CastTest, StringToIntegralRange) {
  expectError([&] { cast(vec(StringType(), {S("2147483648")}), IntegerType()); }, "CAST_INVALID_INPUT");
  expectValues(cast(vec(StringType(), {S("-2147483648")}), IntegerType()), {I(std::numeric_limits<int32_t>::min())});
  expectValues(cast(vec(StringType(), {S("9223372036854775807")}), LongType()),
               {L(std::numeric_limits<int64_t>::max())});
  expectValues(cast(vec(StringType(), {S("128")}), ByteType(), false), {Null(ByteType())});
  // Legacy mode truncates a fraction; ANSI rejects it.
  expectValues(cast(vec(StringType(), {S("1.9")}), IntegerType(), false), {I(1)});
  expectError([&] { cast(vec(StringType(), {S("1.9")}), IntegerType()); }, "CAST_INVALID_INPUT");
  expectValues(cast(vec(StringType(), {S(""), S("-")}), IntegerType(), false), {Null(IntegerType()), Null(IntegerType())});
}

TEST_F(CastTest, IntegralNarrowing) {
  auto in = vec(IntegerType(), {I(127), I(128), I(-129)});
  expectError([&] { cast(in, ByteType()); }, "CAST_OVERFLOW",
              "The value 128 of the type \"INT\" cannot be cast to \"TINYINT\" due to an overflow.");
  // Legacy narrows like Java (keeps the low bits).
  expectValues(cast(in, ByteType(), false), {Value::byte(127), Value::byte(-128), Value::byte(127)});
  expectValues(cast(in, ByteType(), true, true), {Value::byte(127), Null(ByteType()), Null(ByteType())});
  expectError([&] { cast(vec(LongType(), {L(1LL << 40)}), IntegerType()); }, "CAST_OVERFLOW", "1099511627776L");
}

TEST_F(CastTest, DoubleToIntegral) {
  auto in = vec(DoubleType(), {D(1.9), D(-1.9), D(std::nan("")), D(1e10)});
  expectValues(cast(in, IntegerType(), false),
               {I(1), I(-1), I(0), I(std::numeric_limits<int32_t>::max())});
  expectError([&] { cast(in, IntegerType()); }, "CAST_OVERFLOW", "CAST('NaN' AS DOUBLE)");
  expectError([&] { cast(vec(DoubleType(), {D(1e10)}), IntegerType()); }, "CAST_OVERFLOW", "1.0E10D");
  expectValues(cast(vec(DoubleType(), {D(-9.2233720368547758e18)}), LongType()),
               {L(std::numeric_limits<int64_t>::min())});
}

TEST_F(CastTest, NumbersToString) {
  expectValues(cast(vec(DoubleType(), {D(1.0), D(0.1), D(1e10), D(1e-5), D(std::nan("")), Null(DoubleType())}),
                    StringType()),
               {S("1.0"), S("0.1"), S("1.0E10"), S("1.0E-5"), S("NaN"), Null(StringType())});
  expectValues(cast(vec(LongType(), {L(-12), L(0)}), StringType()), {S("-12"), S("0")});
  expectValues(cast(vec(BooleanType(), {B(true), B(false)}), StringType()), {S("true"), S("false")});
  expectValues(cast(vec(DecimalType(5, 2), {Value::decimal(-5, 5, 2), Value::decimal(12345, 5, 2)}), StringType()),
               {S("-0.05"), S("123.45")});
  expectValues(cast(vec(FloatType(), {Value::floatValue(1.5f)}), StringType()), {S("1.5")});
}

TEST_F(CastTest, StringToDoubleAndBoolean) {
  expectValues(cast(vec(StringType(), {S(" 1.5 "), S("1e3"), S("-Infinity"), S("nan"), S("2d")}), DoubleType()),
               {D(1.5), D(1000.0), D(-std::numeric_limits<double>::infinity()), D(std::nan("")), D(2.0)});
  expectError([&] { cast(vec(StringType(), {S("1.5x")}), DoubleType()); }, "CAST_INVALID_INPUT", "\"DOUBLE\"");
  expectValues(cast(vec(StringType(), {S("true"), S(" YES "), S("0"), S("f"), Null(StringType())}), BooleanType()),
               {B(true), B(true), B(false), B(false), Null(BooleanType())});
  expectError([&] { cast(vec(StringType(), {S("maybe")}), BooleanType()); }, "CAST_INVALID_INPUT", "\"BOOLEAN\"");
}

TEST_F(CastTest, Decimals) {
  expectValues(cast(vec(StringType(), {S("12.345"), S(" -0.005 ")}), DecimalType(5, 2)),
               {Value::decimal(1235, 5, 2), Value::decimal(-1, 5, 2)});
  expectError([&] { cast(vec(StringType(), {S("12345.6")}), DecimalType(5, 2)); },
              "NUMERIC_VALUE_OUT_OF_RANGE.WITH_SUGGESTION", "Decimal(5, 2)");
  expectValues(cast(vec(StringType(), {S("12345.6")}), DecimalType(5, 2), false), {Null(DecimalType(5, 2))});
  expectValues(cast(vec(IntegerType(), {I(123), I(-4)}), DecimalType(5, 2)),
               {Value::decimal(12300, 5, 2), Value::decimal(-400, 5, 2)});
  expectError([&] { cast(vec(IntegerType(), {I(1234)}), DecimalType(5, 2)); }, "NUMERIC_VALUE_OUT_OF_RANGE.WITH_SUGGESTION");
  expectValues(cast(vec(DecimalType(6, 3), {Value::decimal(12345, 6, 3)}), DecimalType(4, 1)),
               {Value::decimal(123, 4, 1)});
  expectValues(cast(vec(DecimalType(6, 3), {Value::decimal(-12999, 6, 3)}), IntegerType()), {I(-12)});
  expectValues(cast(vec(DecimalType(6, 3), {Value::decimal(12500, 6, 3)}), DoubleType()), {D(12.5)});
  expectValues(cast(vec(DoubleType(), {D(2.345)}), DecimalType(4, 2)), {Value::decimal(235, 4, 2)});
  expectValues(cast(vec(DecimalType(6, 3), {Value::decimal(0, 6, 3), Value::decimal(1, 6, 3)}), BooleanType()),
               {B(false), B(true)});
}

TEST_F(CastTest, DatesAndTimestamps) {
  int32_t d = daysFromCivil(2024, 3, 15);
  expectValues(cast(vec(StringType(), {S("2024-03-15"), S(" 2024-3-5 "), Null(StringType())}), DateType()),
               {Value::date(d), Value::date(daysFromCivil(2024, 3, 5)), Null(DateType())});
  expectError([&] { cast(vec(StringType(), {S("2024-13-01")}), DateType()); }, "CAST_INVALID_INPUT", "\"DATE\"");
  int64_t ts = static_cast<int64_t>(d) * kMicrosPerDay + 10 * kMicrosPerHour + 30 * kMicrosPerMinute;
  expectValues(cast(vec(StringType(), {S("2024-03-15 10:30:00")}), TimestampType()), {Value::timestamp(ts)});
  expectValues(cast(vec(TimestampType(), {Value::timestamp(ts)}), StringType()), {S("2024-03-15 10:30:00")});
  expectValues(cast(vec(TimestampType(), {Value::timestamp(ts)}), DateType()), {Value::date(d)});
  expectValues(cast(vec(DateType(), {Value::date(d)}), TimestampType()),
               {Value::timestamp(static_cast<int64_t>(d) * kMicrosPerDay)});
  expectValues(cast(vec(DateType(), {Value::date(d)}), StringType()), {S("2024-03-15")});
  expectValues(cast(vec(TimestampType(), {Value::timestamp(ts + 1500000)}), LongType()),
               {L(ts / kMicrosPerSecond + 1)});
  expectValues(cast(vec(LongType(), {L(86400)}), TimestampType()), {Value::timestamp(86400 * kMicrosPerSecond)});
}

TEST_F(CastTest, SessionTimeZone) {
  ctx_.time_zone_name = "America/Los_Angeles";
  ctx_.time_zone = &lookupTimeZone(ctx_.time_zone_name);
  int64_t utc_midnight = static_cast<int64_t>(daysFromCivil(2024, 1, 1)) * kMicrosPerDay;
  // 2024-01-01 00:00 UTC is 2023-12-31 16:00 in Los Angeles (UTC-8).
  expectValues(cast(vec(TimestampType(), {Value::timestamp(utc_midnight)}), StringType()),
               {S("2023-12-31 16:00:00")});
  expectValues(cast(vec(TimestampType(), {Value::timestamp(utc_midnight)}), DateType()),
               {Value::date(daysFromCivil(2023, 12, 31))});
  expectValues(cast(vec(StringType(), {S("2024-01-01 00:00:00")}), TimestampType()),
               {Value::timestamp(utc_midnight + 8 * kMicrosPerHour)});
  expectValues(cast(vec(TimestampType(), {Value::timestamp(utc_midnight)}), TimestampNTZType()),
               {Value::timestampNTZ(utc_midnight - 8 * kMicrosPerHour)});
}

TEST_F(CastTest, BinaryAndStrings) {
  expectValues(cast(vec(StringType(), {S("ab")}), BinaryType()), {Value::binary("ab")});
  expectValues(cast(vec(BinaryType(), {Value::binary("xyz")}), StringType()), {S("xyz")});
  expectValues(cast(vec(IntegerType(), {I(258)}), BinaryType(), false), {Value::binary(std::string("\0\0\1\2", 4))});
  EXPECT_FALSE(canCast(*IntegerType(), *BinaryType(), true));
  EXPECT_TRUE(canCast(*IntegerType(), *BinaryType(), false));
}

TEST_F(CastTest, NestedTypes) {
  auto arr_t = ArrayType(IntegerType());
  auto arr = vec(arr_t, {Value::array(arr_t, {I(1), Null(IntegerType()), I(3)}), Null(arr_t),
                         Value::array(arr_t, {})});
  auto as_long = cast(arr, ArrayType(LongType()));
  expectValues(as_long, {Value::array(ArrayType(LongType()), {L(1), Null(LongType()), L(3)}), Null(ArrayType(LongType())),
                         Value::array(ArrayType(LongType()), {})});
  expectValues(cast(arr, StringType()), {S("[1, null, 3]"), Null(StringType()), S("[]")});
  auto st = StructType({StructField("a", IntegerType()), StructField("b", StringType())});
  auto sv = vec(st, {Value::structValue(st, {I(1), S("x")}), Value::structValue(st, {Null(IntegerType()), S("y")})});
  expectValues(cast(sv, StringType()), {S("{1, x}"), S("{null, y}")});
  auto st2 = StructType({StructField("a", StringType()), StructField("b", StringType())});
  expectValues(cast(sv, st2), {Value::structValue(st2, {S("1"), S("x")}), Value::structValue(st2, {Null(StringType()), S("y")})});
  auto mt = MapType(StringType(), IntegerType());
  auto mv = vec(mt, {Value::map(mt, {Value::mapEntry(S("a"), I(1)), Value::mapEntry(S("b"), I(2))})});
  expectValues(cast(mv, StringType()), {S("{a -> 1, b -> 2}")});
  // Element errors follow the ANSI setting.
  auto sarr_t = ArrayType(StringType());
  auto sarr = vec(sarr_t, {Value::array(sarr_t, {S("1"), S("x")})});
  expectError([&] { cast(sarr, arr_t); }, "CAST_INVALID_INPUT", "'x'");
  expectValues(cast(sarr, arr_t, false), {Value::array(arr_t, {I(1), Null(IntegerType())})});
}

TEST_F(CastTest, EncodingsAndEmpty) {
  auto c = cast(Vector::makeConstant(S("7"), 3), IntegerType());
  EXPECT_TRUE(c->isConstant());
  expectValues(c, {I(7), I(7), I(7)});
  expectValues(cast(Vector::makeNull(NullType(), 2), IntegerType()), {Null(IntegerType()), Null(IntegerType())});
  EXPECT_EQ(cast(Vector::makeFlat(StringType(), 0), IntegerType())->size(), 0);
  // A dictionary whose unreferenced entry is malformed must not raise.
  auto base = vec(StringType(), {S("bad"), S("5"), S("6")});
  expectValues(cast(dictionaryOf(base, {1, 2, 1}), IntegerType()), {I(5), I(6), I(5)});
}

TEST_F(CastTest, LargeVector) {
  std::vector<Value> in, out;
  for (int i = 0; i < 4000; ++i) {
    in.push_back(i % 5 == 0 ? Null(IntegerType()) : I(i * 1000));
    out.push_back(i % 5 == 0 ? Null(DoubleType()) : D(i * 1000.0));
  }
  expectValues(cast(vec(IntegerType(), in), DoubleType()), out);
}

TEST_F(CastTest, CanCastRules) {
  EXPECT_TRUE(canCast(*StringType(), *IntegerType(), true));
  EXPECT_TRUE(canCast(*IntegerType(), *StringType(), true));
  EXPECT_TRUE(canCast(*NullType(), *ArrayType(IntegerType()), true));
  EXPECT_FALSE(canCast(*DateType(), *IntegerType(), true));
  EXPECT_TRUE(canCast(*DateType(), *IntegerType(), false));
  EXPECT_FALSE(canCast(*StringType(), *ArrayType(IntegerType()), false));
  EXPECT_TRUE(canCast(*ArrayType(StringType()), *ArrayType(IntegerType()), true));
  EXPECT_FALSE(canCast(*ArrayType(IntegerType()), *MapType(IntegerType(), IntegerType()), true));
}

TEST_F(CastTest, CastFunctions) {
  ExprHarness h;
  expectValues(h.apply("int", {vec(StringType(), {S("12")})}), {I(12)});
  expectValues(h.apply("string", {vec(IntegerType(), {I(12)})}), {S("12")});
  expectValues(h.apply("double", {vec(IntegerType(), {I(2)})}), {D(2.0)});
  auto attrs = h.setInput({vec(ArrayType(IntegerType()), {})});
  expectError([&] { h.call("int", {attrs[0]}); }, "DATATYPE_MISMATCH.CAST_WITHOUT_SUGGESTION");
}

}  // namespace
}  // namespace loch::testing

namespace loch::testing {
namespace {

TEST(CastBooleanTest, BooleanToNumbersAndBack) {
  EvalContext ctx = EvalContext::defaults();
  auto b = vec(BooleanType(), {B(true), B(false), Null(BooleanType())});
  expectValues(castVector(*b, ByteType(), ctx, false), {Value::byte(1), Value::byte(0), Null(ByteType())});
  expectValues(castVector(*b, LongType(), ctx, false), {L(1), L(0), Null(LongType())});
  expectValues(castVector(*b, DoubleType(), ctx, false), {D(1), D(0), Null(DoubleType())});
  expectValues(castVector(*b, DecimalType(3, 1), ctx, false),
               {Value::decimal(10, 3, 1), Value::decimal(0, 3, 1), Null(DecimalType(3, 1))});
  expectValues(castVector(*vec(IntegerType(), {I(0), I(-3)}), BooleanType(), ctx, false), {B(false), B(true)});
  expectValues(castVector(*vec(DoubleType(), {D(0.0), D(std::nan(""))}), BooleanType(), ctx, false),
               {B(false), B(true)});
}

}  // namespace
}  // namespace loch::testing

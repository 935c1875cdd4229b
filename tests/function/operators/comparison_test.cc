#include <gtest/gtest.h>

#include <cmath>
#include <limits>

#include "function/operators/operator_test_util.h"

namespace loch::testing {
namespace {

const double kNaN = std::nan("");

TEST(ComparisonTest, IntegersWithNulls) {
  ExprHarness h;
  auto a = vec(IntegerType(), {I(1), I(2), I(3), Null(IntegerType())});
  auto b = vec(IntegerType(), {I(2), I(2), I(2), I(1)});
  auto nb = Null(BooleanType());
  expectValues(h.apply("=", {a, b}), {B(false), B(true), B(false), nb});
  expectValues(h.apply("==", {a, b}), {B(false), B(true), B(false), nb});
  expectValues(h.apply("<>", {a, b}), {B(true), B(false), B(true), nb});
  expectValues(h.apply("!=", {a, b}), {B(true), B(false), B(true), nb});
  expectValues(h.apply("<", {a, b}), {B(true), B(false), B(false), nb});
  expectValues(h.apply("<=", {a, b}), {B(true), B(true), B(false), nb});
  expectValues(h.apply(">", {a, b}), {B(false), B(false), B(true), nb});
  expectValues(h.apply(">=", {a, b}), {B(false), B(true), B(true), nb});
}

TEST(ComparisonTest, NullSafeEquality) {
  ExprHarness h;
  auto a = vec(IntegerType(), {I(1), Null(IntegerType()), Null(IntegerType()), I(2)});
  auto b = vec(IntegerType(), {I(1), Null(IntegerType()), I(1), I(3)});
  auto r = h.apply("<=>", {a, b});
  EXPECT_FALSE(r->mayHaveNulls());
  expectValues(r, {B(true), B(true), B(false), B(false)});
  expectValues(h.apply("equal_null", {a, b}), {B(true), B(true), B(false), B(false)});
}

TEST(ComparisonTest, NaNSemantics) {
  ExprHarness h;
  auto a = vec(DoubleType(), {D(kNaN), D(kNaN), D(1.0), D(-0.0), D(std::numeric_limits<double>::infinity())});
  auto b = vec(DoubleType(), {D(kNaN), D(1.0), D(kNaN), D(0.0), D(kNaN)});
  expectValues(h.apply("=", {a, b}), {B(true), B(false), B(false), B(true), B(false)});
  expectValues(h.apply(">", {a, b}), {B(false), B(true), B(false), B(false), B(false)});
  expectValues(h.apply("<", {a, b}), {B(false), B(false), B(true), B(false), B(true)});
  expectValues(h.apply(">=", {a, b}), {B(true), B(true), B(false), B(true), B(false)});
}

TEST(ComparisonTest, StringsCompareByBytes) {
  ExprHarness h;
  auto a = vec(StringType(), {S("a"), S("B"), S("é"), S(""), S("ab")});
  auto b = vec(StringType(), {S("b"), S("a"), S("z"), S(""), S("a")});
  expectValues(h.apply("<", {a, b}), {B(true), B(true), B(false), B(false), B(false)});
  expectValues(h.apply("=", {a, b}), {B(false), B(false), B(false), B(true), B(false)});
}

TEST(ComparisonTest, MixedTypesAreCoerced) {
  ExprHarness h;
  auto attrs = h.setInput({vec(IntegerType(), {I(1)}), vec(DoubleType(), {D(1.5)}), vec(StringType(), {S("1")}),
                           vec(DecimalType(5, 2), {Value::decimal(100, 5, 2)}), vec(DateType(), {Value::date(0)}),
                           vec(StringType(), {S("1970-01-01")})});
  expectValues(h.eval(h.call("<", {attrs[0], attrs[1]})), {B(true)});
  expectValues(h.eval(h.call("=", {attrs[0], attrs[2]})), {B(true)});
  expectValues(h.eval(h.call("=", {attrs[0], attrs[3]})), {B(true)});
  expectValues(h.eval(h.call("=", {attrs[4], attrs[5]})), {B(true)});
  auto bad = h.setInput({vec(IntegerType(), {I(1)}), vec(StringType(), {S("x")})});
  expectError([&] { h.eval(h.call("=", {bad[0], bad[1]})); }, "CAST_INVALID_INPUT", "\"BIGINT\"");
  h.setAnsi(false);
  auto legacy = h.setInput({vec(IntegerType(), {I(1)}), vec(StringType(), {S("x")})});
  expectValues(h.eval(h.call("=", {legacy[0], legacy[1]})), {Null(BooleanType())});
}

TEST(ComparisonTest, IncompatibleTypes) {
  ExprHarness h;
  auto attrs = h.setInput({vec(IntegerType(), {I(1)}), vec(ArrayType(IntegerType()), {})});
  expectError([&] { h.call("=", {attrs[0], attrs[1]}); }, "DATATYPE_MISMATCH.BINARY_OP_DIFF_TYPES",
              "(\"INT\" and \"ARRAY<INT>\")");
}

TEST(ComparisonTest, DecimalsBooleansDatesAndNested) {
  ExprHarness h;
  expectValues(h.apply("<", {vec(DecimalType(10, 2), {Value::decimal(-1, 10, 2), Value::decimal(5, 10, 2)}),
                             vec(DecimalType(10, 2), {Value::decimal(0, 10, 2), Value::decimal(5, 10, 2)})}),
               {B(true), B(false)});
  expectValues(h.apply("<", {vec(BooleanType(), {B(false), B(true)}), vec(BooleanType(), {B(true), B(true)})}),
               {B(true), B(false)});
  auto t = ArrayType(IntegerType());
  expectValues(h.apply("<", {vec(t, {Value::array(t, {I(1), I(2)}), Value::array(t, {I(1)})}),
                             vec(t, {Value::array(t, {I(1), I(3)}), Value::array(t, {I(1)})})}),
               {B(true), B(false)});
}

TEST(ComparisonTest, LargeFlatAndConstantAndDictionary) {
  ExprHarness h;
  std::vector<Value> a, expected;
  for (int i = 0; i < 4096; ++i) {
    a.push_back(i % 11 == 0 ? Null(LongType()) : L(i));
    expected.push_back(i % 11 == 0 ? Null(BooleanType()) : B(i >= 2000));
  }
  auto attrs = h.setInput({vec(LongType(), a)});
  expectValues(h.eval(h.call(">=", {attrs[0], Expr::literal(L(2000))})), expected);
  auto dict = dictionaryOf(vec(StringType(), {S("x"), S("y")}), {0, 1, 1, 0});
  auto d = h.setInput({dict});
  expectValues(h.eval(h.call("=", {d[0], Expr::literal(S("y"))})), {B(false), B(true), B(true), B(false)});
  EXPECT_EQ(h.apply("=", {Vector::makeFlat(IntegerType(), 0), Vector::makeFlat(IntegerType(), 0)})->size(), 0);
}

}  // namespace
}  // namespace loch::testing

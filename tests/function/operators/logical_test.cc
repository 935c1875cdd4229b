#include <gtest/gtest.h>

#include <cmath>

#include "function/operators/operator_test_util.h"

namespace loch::testing {
namespace {

// Every combination of TRUE, FALSE, NULL for two operands.
std::vector<VectorPtr> truthTableInputs() {
  Value t = B(true), f = B(false), n = Null(BooleanType());
  return {vec(BooleanType(), {t, t, t, f, f, f, n, n, n}), vec(BooleanType(), {t, f, n, t, f, n, t, f, n})};
}

TEST(LogicalTest, AndTruthTable) {
  ExprHarness h;
  Value t = B(true), f = B(false), n = Null(BooleanType());
  expectValues(h.apply("and", truthTableInputs()), {t, f, n, f, f, f, n, f, n});
}

TEST(LogicalTest, OrTruthTable) {
  ExprHarness h;
  Value t = B(true), f = B(false), n = Null(BooleanType());
  expectValues(h.apply("or", truthTableInputs()), {t, t, t, t, f, n, t, n, n});
}

TEST(LogicalTest, NotAndNullTests) {
  ExprHarness h;
  Value n = Null(BooleanType());
  auto in = vec(BooleanType(), {B(true), B(false), n});
  expectValues(h.apply("not", {in}), {B(false), B(true), n});
  auto r = h.apply("isnull", {in});
  EXPECT_FALSE(r->mayHaveNulls());
  expectValues(r, {B(false), B(false), B(true)});
  expectValues(h.apply("isnotnull", {in}), {B(true), B(true), B(false)});
  expectValues(h.apply("isnull", {Vector::makeNull(StringType(), 2)}), {B(true), B(true)});
  auto attrs = h.setInput({in});
  EXPECT_FALSE(h.call("isnull", {attrs[0]})->nullable());
  EXPECT_TRUE(h.call("not", {attrs[0]})->nullable());
}

TEST(LogicalTest, NonBooleanOperandIsATypeError) {
  ExprHarness h;
  auto attrs = h.setInput({vec(IntegerType(), {I(1)}), vec(BooleanType(), {B(true)})});
  expectError([&] { h.call("and", {attrs[0], attrs[1]}); }, "DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE",
              "The first parameter requires the \"BOOLEAN\" type");
}

TEST(LogicalTest, InSemantics) {
  ExprHarness h;
  auto attrs = h.setInput({vec(IntegerType(), {I(1), I(5), Null(IntegerType()), I(2)})});
  auto lit = [](int v) { return Expr::literal(I(v)); };
  expectValues(h.eval(h.call("in", {attrs[0], lit(1), lit(2)})), {B(true), B(false), Null(BooleanType()), B(true)});
  // A NULL in the list makes a non-matching row NULL.
  expectValues(h.eval(h.call("in", {attrs[0], lit(1), Expr::literal(Null(IntegerType()))})),
               {B(true), Null(BooleanType()), Null(BooleanType()), Null(BooleanType())});
  // Mixed types are widened: int IN (1.0, 2.5).
  expectValues(h.eval(h.call("in", {attrs[0], Expr::literal(D(1.0)), Expr::literal(D(2.5))})),
               {B(true), B(false), Null(BooleanType()), B(false)});
  auto s = h.setInput({vec(StringType(), {S("a"), S("b")})});
  expectValues(h.eval(h.call("in", {s[0], Expr::literal(S("b")), Expr::literal(S("c"))})), {B(false), B(true)});
  expectError([&] { h.call("in", {s[0]}); }, "WRONG_NUM_ARGS.WITHOUT_SUGGESTION");
}

TEST(LogicalTest, LargeVectorsAndConstants) {
  ExprHarness h;
  std::vector<Value> a, b, expected;
  for (int i = 0; i < 3000; ++i) {
    a.push_back(B(i % 2 == 0));
    b.push_back(B(i % 3 == 0));
    expected.push_back(B(i % 6 == 0));
  }
  expectValues(h.apply("and", {vec(BooleanType(), a), vec(BooleanType(), b)}), expected);
  auto c = h.apply("or", {Vector::makeConstant(B(false), 3), Vector::makeConstant(Null(BooleanType()), 3)});
  expectValues(c, {Null(BooleanType()), Null(BooleanType()), Null(BooleanType())});
}

}  // namespace
}  // namespace loch::testing

namespace loch::testing {
namespace {

TEST(LogicalTest, InLongConstantListUsesSameSemantics) {
  ExprHarness h;
  double nan = std::nan("");
  auto attrs = h.setInput({vec(DoubleType(), {D(nan), D(-0.0), D(3.0), D(7.0), Null(DoubleType())})});
  std::vector<ExprPtr> args = {attrs[0]};
  for (double v : {nan, 0.0, 3.0, 4.0, 5.0, 6.0}) args.push_back(Expr::literal(D(v)));
  expectValues(h.eval(h.call("in", args)), {B(true), B(true), B(true), B(false), Null(BooleanType())});
  args.push_back(Expr::literal(Null(DoubleType())));
  expectValues(h.eval(h.call("in", args)),
               {B(true), B(true), B(true), Null(BooleanType()), Null(BooleanType())});
  auto s = h.setInput({vec(StringType(), {S("a"), S("zz"), Null(StringType())})});
  std::vector<ExprPtr> sargs = {s[0]};
  for (const char* v : {"x", "y", "a", "b", "c"}) sargs.push_back(Expr::literal(S(v)));
  expectValues(h.eval(h.call("in", sargs)), {B(true), B(false), Null(BooleanType())});
  auto d = h.setInput({vec(DecimalType(5, 2), {Value::decimal(150, 5, 2), Value::decimal(1, 5, 2)})});
  std::vector<ExprPtr> dargs = {d[0]};
  for (int v : {1, 2, 3, 4, 5}) dargs.push_back(Expr::literal(Value::decimal(v * 50, 5, 2)));
  expectValues(h.eval(h.call("in", dargs)), {B(true), B(false)});
}

}  // namespace
}  // namespace loch::testing

#include <gtest/gtest.h>

#include <cmath>

#include "function/operators/operator_test_util.h"

namespace loch::testing {
namespace {

TEST(ConditionalTest, IfPicksBranchAndTreatsNullAsFalse) {
  ExprHarness h;
  auto r = h.apply("if", {vec(BooleanType(), {B(true), B(false), Null(BooleanType())}),
                          vec(StringType(), {S("a"), S("b"), S("c")}), vec(StringType(), {S("x"), S("y"), S("z")})});
  expectValues(r, {S("a"), S("y"), S("z")});
}

TEST(ConditionalTest, IfWidensBranches) {
  ExprHarness h;
  auto attrs = h.setInput({vec(BooleanType(), {B(true), B(false)}), vec(IntegerType(), {I(1), I(2)}),
                           vec(DoubleType(), {D(0.5), D(1.5)})});
  auto e = h.call("if", {attrs[0], attrs[1], attrs[2]});
  EXPECT_EQ(e->type()->id(), TypeId::Double);
  expectValues(h.eval(e), {D(1.0), D(1.5)});
  expectError([&] { h.call("if", {attrs[1], attrs[1], attrs[2]}); }, "DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE");
}

TEST(ConditionalTest, CoalesceNvlIfnull) {
  ExprHarness h;
  auto n = Null(IntegerType());
  auto a = vec(IntegerType(), {n, I(1), n, n});
  auto b = vec(IntegerType(), {I(2), I(3), n, n});
  auto c = vec(IntegerType(), {I(4), I(5), I(6), n});
  expectValues(h.apply("coalesce", {a, b, c}), {I(2), I(1), I(6), n});
  expectValues(h.apply("nvl", {a, b}), {I(2), I(1), n, n});
  expectValues(h.apply("ifnull", {a, c}), {I(4), I(1), I(6), n});
  expectError([&] { h.apply("nvl", {a}); }, "WRONG_NUM_ARGS.WITHOUT_SUGGESTION", "`nvl` requires 2 parameters");
  auto attrs = h.setInput({a, vec(IntegerType(), {I(0), I(0), I(0), I(0)})});
  // Nullable only when every argument is.
  EXPECT_TRUE(h.call("coalesce", {attrs[0], attrs[0]})->nullable());
  auto strings = h.setInput({vec(StringType(), {Null(StringType()), S("s")})});
  expectValues(h.eval(h.call("coalesce", {strings[0], Expr::literal(S("d"))})), {S("d"), S("s")});
}

TEST(ConditionalTest, CoalesceStringAndNumberInLegacyModeIsString) {
  ExprHarness h(false);
  auto attrs = h.setInput({vec(StringType(), {Null(StringType())})});
  auto e = h.call("coalesce", {attrs[0], Expr::literal(I(1))});
  EXPECT_EQ(e->type()->id(), TypeId::String);
  expectValues(h.eval(e), {S("1")});
}

TEST(ConditionalTest, Nvl2AndNullIf) {
  ExprHarness h;
  auto a = vec(IntegerType(), {I(1), Null(IntegerType())});
  expectValues(h.apply("nvl2", {a, vec(StringType(), {S("y"), S("y")}), vec(StringType(), {S("n"), S("n")})}),
               {S("y"), S("n")});
  expectValues(h.apply("nullif", {vec(IntegerType(), {I(1), I(2), Null(IntegerType())}),
                                  vec(IntegerType(), {I(1), I(3), I(1)})}),
               {Null(IntegerType()), I(2), Null(IntegerType())});
}

TEST(ConditionalTest, IsNaNAndNanvl) {
  ExprHarness h;
  double nan = std::nan("");
  auto a = vec(DoubleType(), {D(nan), D(1.0), Null(DoubleType())});
  auto r = h.apply("isnan", {a});
  EXPECT_FALSE(r->mayHaveNulls());
  expectValues(r, {B(true), B(false), B(false)});
  expectValues(h.apply("nanvl", {a, vec(DoubleType(), {D(9.0), D(9.0), D(9.0)})}), {D(9.0), D(1.0), Null(DoubleType())});
}

TEST(ConditionalTest, AssertTrue) {
  ExprHarness h;
  auto ok = h.apply("assert_true", {vec(BooleanType(), {B(true), B(true)})});
  EXPECT_TRUE(ok->isNull(0));
  expectError([&] { h.apply("assert_true", {vec(BooleanType(), {B(true), B(false)})}); }, "USER_RAISED_EXCEPTION",
              "is not true!");
}

TEST(ConditionalTest, LargeCoalesce) {
  ExprHarness h;
  std::vector<Value> a, b, expected;
  for (int i = 0; i < 5000; ++i) {
    a.push_back(i % 3 == 0 ? Null(LongType()) : L(i));
    b.push_back(L(-i));
    expected.push_back(i % 3 == 0 ? L(-i) : L(i));
  }
  expectValues(h.apply("coalesce", {vec(LongType(), a), vec(LongType(), b)}), expected);
}

}  // namespace
}  // namespace loch::testing

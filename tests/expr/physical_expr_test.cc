#include <gtest/gtest.h>

#include "function/operators/operator_test_util.h"
#include "loch/expr/physical/row_subset.h"

namespace loch::testing {
namespace {

ExprPtr lit(Value v) { return Expr::literal(std::move(v)); }

TEST(PhysicalExprTest, ColumnsAndLiterals) {
  ExprHarness h;
  auto attrs = h.setInput({vec(IntegerType(), {I(1), I(2)}), vec(StringType(), {S("a"), S("b")})});
  expectValues(h.eval(attrs[1]), {S("a"), S("b")});
  auto l = h.eval(lit(I(7)));
  EXPECT_TRUE(l->isConstant());
  expectValues(l, {I(7), I(7)});
  expectValues(h.eval(Expr::alias(attrs[0], "x")), {I(1), I(2)});
  auto missing = Expr::attribute(Expr::newAttributeId(), "z", IntegerType(), true);
  expectError([&] { compileExpr(missing, {}); }, "INTERNAL_ERROR", "z#");
  expectError([&] { compileExpr(Expr::column({"a"}), {}); }, "INTERNAL_ERROR");
}

TEST(PhysicalExprTest, CastNode) {
  ExprHarness h;
  auto attrs = h.setInput({vec(StringType(), {S("1"), S("x")})});
  expectValues(h.eval(Expr::cast(attrs[0], IntegerType(), true)), {I(1), Null(IntegerType())});
  expectError([&] { h.eval(Expr::cast(attrs[0], IntegerType())); }, "CAST_INVALID_INPUT");
}

TEST(PhysicalExprTest, CaseWhenEvaluatesBranchesLazily) {
  ExprHarness h;
  auto attrs = h.setInput({vec(IntegerType(), {I(0), I(5), Null(IntegerType()), I(2)})});
  auto x = attrs[0];
  // CASE WHEN x = 0 THEN NULL ELSE 10 / x END must not divide by zero.
  auto cond = h.call("=", {x, lit(I(0))});
  auto div = h.call("/", {lit(I(10)), x});
  auto c = bindCaseWhen({cond, lit(Null(NullType())), div}, h.options());
  EXPECT_EQ(c->type()->id(), TypeId::Double);
  expectValues(h.eval(c), {Null(DoubleType()), D(2.0), Null(DoubleType()), D(5.0)});
  // Without the guard the same division raises.
  expectError([&] { h.eval(div); }, "DIVIDE_BY_ZERO");
}

TEST(PhysicalExprTest, CaseWhenMultipleBranchesAndNoElse) {
  ExprHarness h;
  auto attrs = h.setInput({vec(IntegerType(), {I(1), I(2), I(3), Null(IntegerType()), I(2)})});
  auto x = attrs[0];
  auto c = bindCaseWhen({h.call("=", {x, lit(I(1))}), lit(S("one")), h.call("=", {x, lit(I(2))}), lit(S("two"))},
                        h.options());
  EXPECT_TRUE(c->nullable());
  expectValues(h.eval(c), {S("one"), S("two"), Null(StringType()), Null(StringType()), S("two")});
  // Earlier branches win; values are widened to a common type.
  auto c2 = bindCaseWhen({h.call(">", {x, lit(I(0))}), lit(I(1)), h.call(">", {x, lit(I(1))}), lit(D(2.5)), lit(L(0))},
                         h.options());
  EXPECT_EQ(c2->type()->id(), TypeId::Double);
  expectValues(h.eval(c2), {D(1), D(1), D(1), D(0), D(1)});
  expectError([&] { bindCaseWhen({x, lit(I(1))}, h.options()); }, "DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE");
  expectError([&] { bindCaseWhen({h.call(">", {x, lit(I(0))}), lit(I(1)), lit(B(true))}, h.options()); },
              "DATATYPE_MISMATCH.DATA_DIFF_TYPES");
}

TEST(PhysicalExprTest, AndOrShortCircuit) {
  ExprHarness h;
  auto attrs = h.setInput({vec(IntegerType(), {I(0), I(5), I(20), Null(IntegerType())})});
  auto x = attrs[0];
  // x <> 0 AND 10 / x > 1
  auto guard = h.call("<>", {x, lit(I(0))});
  auto test = h.call(">", {h.call("/", {lit(I(10)), x}), lit(D(1.0))});
  expectValues(h.eval(h.call("and", {guard, test})), {B(false), B(true), B(false), Null(BooleanType())});
  // x = 0 OR 10 / x > 1
  auto eq0 = h.call("=", {x, lit(I(0))});
  expectValues(h.eval(h.call("or", {eq0, test})), {B(true), B(true), B(false), Null(BooleanType())});
}

TEST(PhysicalExprTest, IfAndCoalesceAreLazy) {
  ExprHarness h;
  auto attrs = h.setInput({vec(StringType(), {S("12"), S("oops"), Null(StringType())})});
  auto s = attrs[0];
  auto numeric = h.call("rlike", {s, lit(S("^[0-9]+$"))});
  auto e = h.call("if", {numeric, Expr::cast(s, IntegerType())->withType(IntegerType(), true), lit(I(-1))});
  expectValues(h.eval(e), {I(12), I(-1), I(-1)});
  // coalesce only evaluates its second argument where the first is NULL.
  auto attrs2 = h.setInput({vec(IntegerType(), {I(4), Null(IntegerType())}), vec(IntegerType(), {I(0), I(2)})});
  auto co = h.call("coalesce", {attrs2[0], h.call("div", {lit(I(10)), attrs2[1]})});
  EXPECT_EQ(co->type()->id(), TypeId::Long);
  expectValues(h.eval(co), {L(4), L(5)});
}

TEST(PhysicalExprTest, LazyBranchesOverDictionaryAndConstantColumns) {
  ExprHarness h;
  auto base = vec(IntegerType(), {I(0), I(4), I(5)});
  auto dict = dictionaryOf(base, {1, 0, 2, 0, 1});
  auto attrs = h.setInput({dict, Vector::makeConstant(I(100), 5)});
  auto x = attrs[0];
  auto c = bindCaseWhen({h.call("=", {x, lit(I(0))}), lit(L(-1)),
                         h.call("div", {attrs[1], x})},
                        h.options());
  expectValues(h.eval(c), {L(25), L(-1), L(20), L(-1), L(25)});
}

TEST(PhysicalExprTest, LargeBatchLazyCase) {
  ExprHarness h;
  std::vector<Value> in, expected;
  for (int i = 0; i < 5000; ++i) {
    int v = i % 4;
    in.push_back(i % 13 == 0 ? Null(IntegerType()) : I(v));
    if (i % 13 == 0) expected.push_back(Null(LongType()));
    else expected.push_back(v == 0 ? L(0) : L(12 / v));
  }
  auto attrs = h.setInput({vec(IntegerType(), in)});
  auto x = attrs[0];
  // CASE WHEN x = 0 THEN 0 ELSE 12 div x END
  auto c = bindCaseWhen({h.call("=", {x, lit(I(0))}), lit(I(0)), h.call("div", {lit(I(12)), x})}, h.options());
  EXPECT_EQ(c->type()->id(), TypeId::Long);
  expectValues(h.eval(c), expected);
}

TEST(PhysicalExprTest, EmptyBatch) {
  ExprHarness h;
  auto attrs = h.setInput({Vector::makeFlat(IntegerType(), 0)});
  auto c = bindCaseWhen({h.call("=", {attrs[0], lit(I(0))}), lit(I(1)), lit(I(2))}, h.options());
  EXPECT_EQ(h.eval(c)->size(), 0);
  EXPECT_EQ(h.eval(h.call("and", {h.call("isnull", {attrs[0]}), h.call("isnull", {attrs[0]})}))->size(), 0);
  EXPECT_EQ(h.eval(h.call("coalesce", {attrs[0], lit(I(1))}))->size(), 0);
}

TEST(PhysicalExprTest, EvaluateConstant) {
  ExprHarness h;
  EvalContext ctx = EvalContext::defaults();
  h.setInput({});
  EXPECT_EQ(evaluateConstant(h.call("+", {lit(I(1)), lit(I(2))}), ctx), I(3));
  EXPECT_EQ(evaluateConstant(h.call("coalesce", {lit(Null(NullType())), lit(S("x"))}), ctx), S("x"));
  EXPECT_EQ(evaluateConstant(lit(Null(IntegerType())), ctx), Null(IntegerType()));
  expectError([&] { evaluateConstant(h.call("/", {lit(I(1)), lit(I(0))}), ctx); }, "DIVIDE_BY_ZERO");
}

TEST(PhysicalExprTest, SubsetBatchComposesEncodings) {
  auto flat = vec(IntegerType(), {I(0), I(1), I(2), I(3)});
  auto dict = dictionaryOf(vec(StringType(), {S("a"), S("b")}), {1, 0, 1, 0});
  dict->setNull(2);
  auto constant = Vector::makeConstant(D(1.5), 4);
  auto schema = StructType({StructField("a", IntegerType()), StructField("b", StringType()),
                            StructField("c", DoubleType())});
  RecordBatch batch(schema, {flat, dict, constant}, 4);
  auto sub = subsetBatch(batch, {1, 2, 3});
  ASSERT_EQ(sub->numRows(), 3);
  expectValues(sub->column(0), {I(1), I(2), I(3)});
  expectValues(sub->column(1), {S("a"), Null(StringType()), S("a")});
  expectValues(sub->column(2), {D(1.5), D(1.5), D(1.5)});
  EXPECT_TRUE(sub->column(0)->isDictionary());
}

}  // namespace
}  // namespace loch::testing

namespace loch::testing {
namespace {

TEST(PhysicalExprTest, ManyBranchesAndArguments) {
  ExprHarness h;
  std::vector<Value> in;
  for (int i = 0; i < 600; ++i) in.push_back(I(i));
  auto attrs = h.setInput({vec(IntegerType(), in)});
  std::vector<ExprPtr> children;
  for (int k = 0; k < 500; ++k) {
    children.push_back(h.call("=", {attrs[0], Expr::literal(I(k))}));
    children.push_back(Expr::literal(I(k * 2)));
  }
  children.push_back(Expr::literal(I(-1)));
  auto r = h.eval(bindCaseWhen(children, h.options()));
  EXPECT_EQ(r->getValue(0), I(0));
  EXPECT_EQ(r->getValue(250), I(500));
  EXPECT_EQ(r->getValue(499), I(998));
  EXPECT_EQ(r->getValue(500), I(-1));
  std::vector<ExprPtr> args;
  for (int k = 0; k < 300; ++k) args.push_back(Expr::literal(Null(IntegerType())));
  args.push_back(attrs[0]);
  auto c = h.eval(h.call("coalesce", args));
  EXPECT_EQ(c->getValue(7), I(7));
}

}  // namespace
}  // namespace loch::testing

namespace loch::testing {
namespace {

// Functions of one dictionary column run on the distinct values and keep the
// indices; results must equal row-by-row evaluation.
TEST(PhysicalExprTest, FunctionsOfDictionaryColumnsRunOnTheDictionary) {
  ExprHarness h;
  auto base = vec(StringType(), {S("a"), S("héllo"), Null(StringType())});
  auto attrs = h.setInput({dictionaryOf(base, {1, 0, 2, 1, 1})});
  auto len = h.eval(h.call("length", {attrs[0]}));
  EXPECT_TRUE(len->isDictionary());
  EXPECT_EQ(len->dictionary()->size(), 3);
  expectValues(len, {I(5), I(1), Null(IntegerType()), I(5), I(5)});
  // Literal arguments are applied to every entry; a second evaluation hits the cache.
  auto eq = h.call("=", {attrs[0], lit(S("a"))});
  expectValues(h.eval(eq), {B(false), B(true), Null(BooleanType()), B(false), B(false)});
  expectValues(h.eval(eq), {B(false), B(true), Null(BooleanType()), B(false), B(false)});
}

TEST(PhysicalExprTest, DictionaryShortcutKeepsRowSemantics) {
  ExprHarness h;
  // NULL rows outside the dictionary: coalesce(NULL, 'z') is not NULL.
  auto base = vec(StringType(), {S("a"), S("b")});
  auto buf = std::make_shared<Buffer>(3 * sizeof(int32_t));
  auto validity = std::make_shared<Buffer>(1);
  validity->data()[0] = 0b101;  // row 1 NULL
  auto with_nulls = Vector::makeDictionary(base, buf, 3, validity);
  auto attrs = h.setInput({with_nulls});
  expectValues(h.eval(h.call("coalesce", {attrs[0], lit(S("z"))})), {S("a"), S("z"), S("a")});
  // An entry no row references must not raise an ANSI error.
  auto numbers = vec(StringType(), {S("1"), S("x"), S("3")});
  attrs = h.setInput({dictionaryOf(numbers, {0, 2, 2})});
  expectValues(h.eval(h.call("abs", {Expr::cast(attrs[0], IntegerType())})), {I(1), I(3), I(3)});
  expectValues(h.eval(h.call("+", {h.call("length", {attrs[0]}), lit(I(1))})), {I(2), I(2), I(2)});
  // A referenced bad entry still fails.
  attrs = h.setInput({dictionaryOf(numbers, {0, 1})});
  expectError([&] { h.eval(h.call("abs", {Expr::cast(attrs[0], IntegerType())})); }, "CAST_INVALID_INPUT");
}

}  // namespace
}  // namespace loch::testing

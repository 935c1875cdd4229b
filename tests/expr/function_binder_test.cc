#include <gtest/gtest.h>

#include "function/operators/operator_test_util.h"
#include "loch/function/function_registry.h"

namespace loch::testing {
namespace {

TEST(FunctionBinderTest, ResolvesAndInsertsCasts) {
  ExprHarness h;
  auto attrs = h.setInput({vec(IntegerType(), {I(1)}), vec(LongType(), {L(2)})});
  auto e = h.call("+", {attrs[0], attrs[1]});
  EXPECT_EQ(e->kind(), ExprKind::ScalarFunction);
  EXPECT_EQ(e->type()->id(), TypeId::Long);
  ASSERT_EQ(e->children().size(), 2u);
  EXPECT_EQ(e->child(0)->kind(), ExprKind::Cast);
  EXPECT_EQ(e->child(0)->type()->id(), TypeId::Long);
  EXPECT_EQ(e->child(1)->kind(), ExprKind::Attribute);
  ASSERT_TRUE(e->scalarFunction());
  EXPECT_EQ(e->scalarFunction()->return_type->id(), TypeId::Long);
}

TEST(FunctionBinderTest, NamesAreCaseInsensitive) {
  ExprHarness h;
  auto attrs = h.setInput({vec(IntegerType(), {I(1)})});
  EXPECT_EQ(h.call("COALESCE", {attrs[0]})->type()->id(), TypeId::Integer);
  EXPECT_EQ(h.call("IsNull", {attrs[0]})->type()->id(), TypeId::Boolean);
}

TEST(FunctionBinderTest, UnknownFunctionSuggestsCloseNames) {
  ExprHarness h;
  auto attrs = h.setInput({vec(IntegerType(), {I(1)})});
  expectError([&] { h.call("coalese", {attrs[0]}); }, "UNRESOLVED_ROUTINE",
              "Cannot resolve routine `coalese` on search path");
  expectError([&] { h.call("coalese", {attrs[0]}); }, "UNRESOLVED_ROUTINE", "Did you mean `coalesce`");
}

TEST(FunctionBinderTest, DistinctOnScalarFunctionIsRejected) {
  ExprHarness h;
  auto attrs = h.setInput({vec(IntegerType(), {I(1)})});
  expectError([&] { bindFunctionCall("isnull", {attrs[0]}, true, h.options()); },
              "INVALID_SQL_SYNTAX.FUNCTION_WITH_UNSUPPORTED_SYNTAX", "DISTINCT");
}

TEST(FunctionBinderTest, NullLiteralsBecomeTypedLiterals) {
  ExprHarness h;
  auto attrs = h.setInput({vec(IntegerType(), {I(1)})});
  auto e = h.call("coalesce", {Expr::literal(Value()), attrs[0]});
  EXPECT_EQ(e->child(0)->kind(), ExprKind::Literal);
  EXPECT_EQ(e->child(0)->type()->id(), TypeId::Integer);
}

TEST(FunctionBinderTest, ErrorMessagesNameTheCall) {
  ExprHarness h;
  auto attrs = h.setInput({vec(StringType(), {S("a")}), vec(BooleanType(), {B(true)})});
  expectError([&] { h.call("not", {attrs[0]}); }, "DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE",
              "Cannot resolve \"(NOT c0)\" due to data type mismatch: The first parameter requires the \"BOOLEAN\" "
              "type, however \"c0\" has the type \"STRING\".");
  expectError([&] { h.call("if", {attrs[1]}); }, "WRONG_NUM_ARGS.WITHOUT_SUGGESTION",
              "The `if` requires 3 parameters but the actual number is 1.");
  expectError([&] { h.call("coalesce", {}); }, "WRONG_NUM_ARGS.WITHOUT_SUGGESTION", "requires > 0 parameters");
}

TEST(FunctionBinderTest, RegistryHasEveryOperator) {
  const auto& reg = FunctionRegistry::builtin();
  for (const char* name : {"+", "-", "*", "/", "%", "div", "=", "==", "<>", "!=", "<", "<=", ">", ">=", "<=>", "and",
                           "or", "not", "isnull", "isnotnull", "in", "like", "ilike", "rlike", "regexp", "if",
                           "coalesce", "nvl", "nvl2", "nullif", "ifnull", "isnan", "nanvl", "&", "|", "^", "~",
                           "shiftleft", "shiftright", "negative", "positive", "int", "string"}) {
    EXPECT_NE(reg.findScalar(name), nullptr) << name;
  }
}

}  // namespace
}  // namespace loch::testing

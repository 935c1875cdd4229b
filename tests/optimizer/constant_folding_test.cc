#include "loch/optimizer/rules/constant_folding.h"

#include <gtest/gtest.h>

#include "rule_test_util.h"

namespace loch {
namespace {

namespace F = functions;
using testing::findNode;
using testing::kindsOf;

TEST(ConstantFoldingTest, FoldsLiteralArithmeticAndCasts) {
  auto spark = testing::ruleSession();
  auto df = spark->range(5).select((F::lit(2) * 3 + F::col("id")).alias("x"), F::lit("7").cast("int").alias("y"));
  auto folded = ConstantFolding().apply(df.plan(), spark->conf());
  const auto* project = findNode(folded, PlanKind::Project);
  ASSERT_NE(project, nullptr);
  EXPECT_EQ(project->expressions()[0]->child(0)->toString(), "(6 + id)");
  EXPECT_EQ(project->expressions()[1]->child(0)->kind(), ExprKind::Literal);
  EXPECT_EQ(project->expressions()[1]->child(0)->literal(), Value::integer(7));
}

TEST(ConstantFoldingTest, KeepsFailingExpressionsForRunTime) {
  auto spark = testing::ruleSession();
  // 1/0 would raise under ANSI: it is not folded, and no row evaluates it.
  auto df = spark->range(3).filter(F::col("id") > 5).select((F::lit(1) / F::lit(0)).alias("q"));
  auto folded = ConstantFolding().apply(df.plan(), spark->conf());
  const auto* project = findNode(folded, PlanKind::Project);
  ASSERT_NE(project, nullptr);
  EXPECT_NE(project->expressions()[0]->child(0)->kind(), ExprKind::Literal);
  EXPECT_EQ(df.count(), 0);
}

TEST(ConstantFoldingTest, DropsAlwaysTrueFilters) {
  auto spark = testing::ruleSession();
  auto df = spark->range(3).filter(F::lit(1) < F::lit(2));
  auto folded = ConstantFolding().apply(df.plan(), spark->conf());
  EXPECT_EQ(kindsOf(folded), (std::vector<PlanKind>{PlanKind::LocalRelation}));
  EXPECT_EQ(df.count(), 3);
}

TEST(ConstantFoldingTest, NonDeterministicCallsStay) {
  auto spark = testing::ruleSession();
  auto df = spark->range(3).select(F::rand(7).alias("r"));
  auto folded = ConstantFolding().apply(df.plan(), spark->conf());
  EXPECT_NE(findNode(folded, PlanKind::Project)->expressions()[0]->child(0)->kind(), ExprKind::Literal);
}

}  // namespace
}  // namespace loch

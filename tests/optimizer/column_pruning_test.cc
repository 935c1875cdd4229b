#include "loch/optimizer/rules/column_pruning.h"

#include <gtest/gtest.h>

#include "rule_test_util.h"

namespace loch {
namespace {

namespace F = functions;
using testing::findNode;

TEST(ColumnPruningTest, DropsUnusedProjections) {
  auto spark = testing::ruleSession();
  auto df = spark->range(10)
                .select(F::col("id"), (F::col("id") * 2).alias("a"), (F::col("id") * 3).alias("b"))
                .select("a");
  auto pruned = ColumnPruning().apply(df.plan(), spark->conf());
  const auto* inner = findNode(pruned->child(), PlanKind::Project);
  ASSERT_NE(inner, nullptr);
  ASSERT_EQ(inner->expressions().size(), 1u);
  EXPECT_EQ(inner->expressions()[0]->name(), "a");
  EXPECT_EQ(df.collect().size(), 10u);
}

TEST(ColumnPruningTest, KeepsWhatFiltersAndAggregatesRead) {
  auto spark = testing::ruleSession();
  auto df = spark->range(10)
                .select(F::col("id"), (F::col("id") % 2).alias("k"), (F::col("id") * 3).alias("unused"))
                .filter(F::col("id") > 2)
                .groupBy("k")
                .agg(F::sum("id").alias("s"));
  auto pruned = ColumnPruning().apply(df.plan(), spark->conf());
  const auto* project = findNode(pruned, PlanKind::Project);
  ASSERT_NE(project, nullptr);
  EXPECT_EQ(project->expressions().size(), 2u);
  EXPECT_EQ(df.count(), 2);
}

TEST(ColumnPruningTest, SetOperationsKeepAllColumns) {
  auto spark = testing::ruleSession();
  auto a = spark->range(5).select(F::col("id"), (F::col("id") % 2).alias("p"));
  auto df = a.distinct().select("id");
  auto pruned = ColumnPruning().apply(df.plan(), spark->conf());
  const auto* distinct = findNode(pruned, PlanKind::Distinct);
  ASSERT_NE(distinct, nullptr);
  EXPECT_EQ(distinct->output().size(), 2u);
  EXPECT_EQ(df.count(), 5);
}

}  // namespace
}  // namespace loch

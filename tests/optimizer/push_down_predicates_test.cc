#include "loch/optimizer/rules/push_down_predicates.h"

#include <gtest/gtest.h>

#include "rule_test_util.h"

namespace loch {
namespace {

namespace F = functions;
using testing::findNode;
using testing::kindsOf;

TEST(PushDownPredicatesTest, ThroughProjectWithAliasSubstitution) {
  auto spark = testing::ruleSession();
  auto df = spark->range(100).select((F::col("id") * 2).alias("d")).filter(F::col("d") > 10);
  auto pushed = PushDownPredicates().apply(df.plan(), spark->conf());
  EXPECT_EQ(kindsOf(pushed), (std::vector<PlanKind>{PlanKind::Project, PlanKind::Filter, PlanKind::LocalRelation}));
  EXPECT_EQ(findNode(pushed, PlanKind::Filter)->condition()->toString(),
            "((id * CAST(2 AS BIGINT)) > CAST(10 AS BIGINT))");
  EXPECT_EQ(df.count(), 94);
}

TEST(PushDownPredicatesTest, IntoJoinSidesAndCondition) {
  auto spark = testing::ruleSession();
  auto a = spark->range(10).withColumnRenamed("id", "a");
  auto b = spark->range(10).withColumnRenamed("id", "b");
  auto df = a.crossJoin(b).filter(F::col("a") == F::col("b") && F::col("a") > 3 && F::col("b") < 8);
  auto pushed = PushDownPredicates().apply(df.plan(), spark->conf());
  const auto* join = findNode(pushed, PlanKind::Join);
  ASSERT_NE(join, nullptr);
  EXPECT_EQ(join->joinType(), JoinType::Inner);
  ASSERT_NE(join->condition(), nullptr);
  EXPECT_EQ(join->condition()->toString(), "(a = b)");
  EXPECT_NE(findNode(join->child(0), PlanKind::Filter), nullptr);
  EXPECT_NE(findNode(join->child(1), PlanKind::Filter), nullptr);
  EXPECT_EQ(pushed->kind(), PlanKind::Join);
  EXPECT_EQ(df.count(), 4);  // 4, 5, 6, 7
}

TEST(PushDownPredicatesTest, OuterJoinKeepsPaddedSideFilterAboveOrBecomesInner) {
  auto spark = testing::ruleSession();
  auto a = spark->range(5).withColumnRenamed("id", "a");
  auto b = spark->range(3).withColumnRenamed("id", "b");
  // IS NULL on the padded side must stay above the join.
  auto anti_like = a.join(b, F::col("a") == F::col("b"), "left").filter(F::col("b").isNull());
  auto p1 = PushDownPredicates().apply(anti_like.plan(), spark->conf());
  EXPECT_EQ(p1->kind(), PlanKind::Filter);
  EXPECT_EQ(findNode(p1, PlanKind::Join)->joinType(), JoinType::LeftOuter);
  EXPECT_EQ(anti_like.count(), 2);
  // A NULL-rejecting filter on the padded side turns the join inner.
  auto rejecting = a.join(b, F::col("a") == F::col("b"), "left").filter(F::col("b") > 0);
  auto p2 = PushDownPredicates().apply(rejecting.plan(), spark->conf());
  EXPECT_EQ(findNode(p2, PlanKind::Join)->joinType(), JoinType::Inner);
  EXPECT_EQ(rejecting.count(), 2);
  // The preserved side's filter goes below.
  auto left_only = a.join(b, F::col("a") == F::col("b"), "left").filter(F::col("a") < 2);
  auto p3 = PushDownPredicates().apply(left_only.plan(), spark->conf());
  EXPECT_EQ(p3->kind(), PlanKind::Join);
  EXPECT_EQ(left_only.count(), 2);
}

TEST(PushDownPredicatesTest, BelowAggregateOnlyForGroupingColumns) {
  auto spark = testing::ruleSession();
  auto df = spark->range(20).withColumn("k", F::col("id") % 4).groupBy("k").agg(F::count("*").alias("n"));
  auto on_key = df.filter(F::col("k") > 1);
  auto p1 = PushDownPredicates().apply(on_key.plan(), spark->conf());
  EXPECT_EQ(p1->kind(), PlanKind::Aggregate);
  auto on_agg = df.filter(F::col("n") > 1);
  auto p2 = PushDownPredicates().apply(on_agg.plan(), spark->conf());
  EXPECT_EQ(p2->kind(), PlanKind::Filter);
  EXPECT_EQ(on_key.count(), 2);
  EXPECT_EQ(on_agg.count(), 4);
}

TEST(PushDownPredicatesTest, NonDeterministicConjunctsStay) {
  auto spark = testing::ruleSession();
  auto df = spark->range(10).select((F::col("id") + 1).alias("x")).filter(F::rand(1) < 2.0);
  auto pushed = PushDownPredicates().apply(df.plan(), spark->conf());
  EXPECT_EQ(pushed->kind(), PlanKind::Filter);
  EXPECT_EQ(df.count(), 10);
}

}  // namespace
}  // namespace loch

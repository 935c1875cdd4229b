#include "loch/optimizer/rules/rewrite_distinct_aggregates.h"

#include <gtest/gtest.h>

#include "../api/test_session.h"
#include "rule_test_util.h"

namespace loch {
namespace {

namespace F = functions;

int countKind(const LogicalPlanPtr& plan, PlanKind kind) {
  int n = 0;
  for (auto k : testing::kindsOf(plan)) n += k == kind ? 1 : 0;
  return n;
}

DataFrame keyed(SparkSession& spark) {
  return spark.createDataFrame({{Value::integer(1), Value::integer(2), Value::doubleValue(1.5)},
                                {Value::integer(1), Value::integer(2), Value::doubleValue(2.5)},
                                {Value::integer(1), Value::integer(3), Value::null(DoubleType())},
                                {Value::integer(2), Value::null(IntegerType()), Value::doubleValue(4.0)},
                                {Value::null(IntegerType()), Value::integer(7), Value::doubleValue(1.0)}},
                               "k INT, d INT, x DOUBLE");
}

TEST(RewriteDistinctAggregatesTest, SplitsIntoTwoAggregatesWithTheSameResult) {
  auto spark = testing::ruleSession();
  auto df = keyed(*spark).groupBy("k").agg(F::countDistinct({F::col("d")}).alias("nd"), F::count("*").alias("n"),
                                           F::sum("x").alias("sx"), F::min("x").alias("mx"),
                                           F::max("d").alias("md"));
  auto rewritten = RewriteDistinctAggregates().apply(df.plan(), spark->conf());
  EXPECT_EQ(countKind(rewritten, PlanKind::Aggregate), 2);
  EXPECT_EQ(rewritten->output().size(), df.plan()->output().size());
  for (size_t i = 0; i < rewritten->output().size(); ++i) {
    EXPECT_EQ(rewritten->output()[i]->attributeId(), df.plan()->output()[i]->attributeId());
    EXPECT_EQ(*rewritten->output()[i]->type(), *df.plan()->output()[i]->type());
  }
  EXPECT_EQ(testing::sortedRows(df.collect()),
            (std::vector<std::string>{"1|2|3|4.0|1.5|3", "2|0|1|4.0|4.0|NULL", "NULL|1|1|1.0|1.0|7"}));
}

TEST(RewriteDistinctAggregatesTest, EmptyGlobalAggregateCountsZero) {
  auto spark = testing::ruleSession();
  auto df = keyed(*spark).filter(F::col("k") > 10).agg(F::countDistinct({F::col("d")}).alias("nd"),
                                                        F::count("*").alias("n"), F::sum("x").alias("sx"));
  EXPECT_EQ(countKind(RewriteDistinctAggregates().apply(df.plan(), spark->conf()), PlanKind::Aggregate), 2);
  EXPECT_EQ(testing::rowsOf(df.collect()), (std::vector<std::string>{"0|0|NULL"}));
}

TEST(RewriteDistinctAggregatesTest, LeavesOtherAggregatesAlone) {
  auto spark = testing::ruleSession();
  // A decimal avg is not merged from partials here (its buffer is a wider
  // decimal), and two distinct arguments need Spark's Expand.
  auto decimal_avg = keyed(*spark).groupBy("k").agg(F::countDistinct({F::col("d")}),
                                                    F::avg(F::col("x").cast(DecimalType(10, 2))));
  auto two_args = keyed(*spark).groupBy("k").agg(F::countDistinct({F::col("d")}), F::countDistinct({F::col("x")}));
  for (const auto& df : {decimal_avg, two_args}) {
    EXPECT_EQ(countKind(RewriteDistinctAggregates().apply(df.plan(), spark->conf()), PlanKind::Aggregate), 1);
  }
  EXPECT_EQ(decimal_avg.count(), 3);
}

TEST(RewriteDistinctAggregatesTest, AvgSplitsIntoPartialSumAndCount) {
  auto spark = testing::ruleSession();
  // Group 3 has only NULL x (avg NULL, no division by zero under ANSI);
  // integer avg gives a DOUBLE as Spark's Average does.
  auto rows = spark->createDataFrame({{Value::integer(1), Value::integer(2), Value::doubleValue(1.5), Value::integer(1)},
                                      {Value::integer(1), Value::integer(2), Value::doubleValue(2.5), Value::integer(2)},
                                      {Value::integer(1), Value::integer(3), Value::null(DoubleType()), Value::integer(4)},
                                      {Value::integer(3), Value::integer(5), Value::null(DoubleType()),
                                       Value::null(IntegerType())},
                                      {Value::integer(3), Value::integer(6), Value::null(DoubleType()),
                                       Value::null(IntegerType())}},
                                     "k INT, d INT, x DOUBLE, i INT");
  auto df = rows.groupBy("k").agg(F::countDistinct({F::col("d")}).alias("nd"), F::avg("x").alias("ax"),
                                  F::avg("i").alias("ai"));
  auto rewritten = RewriteDistinctAggregates().apply(df.plan(), spark->conf());
  EXPECT_EQ(countKind(rewritten, PlanKind::Aggregate), 2);
  for (size_t i = 0; i < rewritten->output().size(); ++i)
    EXPECT_EQ(*rewritten->output()[i]->type(), *df.plan()->output()[i]->type());
  EXPECT_EQ(testing::sortedRows(df.collect()),
            (std::vector<std::string>{"1|2|2.0|2.3333333333333335", "3|2|NULL|NULL"}));

  auto empty = rows.filter(F::col("k") > 10).agg(F::countDistinct({F::col("d")}), F::avg("x"));
  EXPECT_EQ(countKind(RewriteDistinctAggregates().apply(empty.plan(), spark->conf()), PlanKind::Aggregate), 2);
  EXPECT_EQ(testing::rowsOf(empty.collect()), (std::vector<std::string>{"0|NULL"}));
}

}  // namespace
}  // namespace loch

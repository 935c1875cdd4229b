// Window functions through the DataFrame API: Window.partitionBy().orderBy(),
// F.row_number().over(w), lag, running sums — the seed's sessionization and
// top-N patterns, checked against hand-computed results.

#include <gtest/gtest.h>

#include "loch/api/functions.h"
#include "loch/api/window.h"
#include "loch/common/exception.h"
#include "test_session.h"

namespace loch {
namespace {

namespace F = functions;
using testing::rowsOf;

Value I(int v) { return Value::integer(v); }
Value L(int64_t v) { return Value::longValue(v); }
Value S(const char* v) { return Value::string(v); }
Value D(double v) { return Value::doubleValue(v); }
Value T(int64_t minutes) { return Value::timestamp(minutes * 60 * 1000000LL); }

DataFrame sales(SparkSession& spark) {
  return spark.createDataFrame({{S("a"), S("x"), D(10)},
                                {S("a"), S("y"), D(30)},
                                {S("a"), S("z"), D(30)},
                                {S("b"), S("x"), D(5)},
                                {S("b"), S("y"), Value::null(DoubleType())}},
                               "cat STRING, product STRING, revenue DOUBLE");
}

TEST(WindowApiTest, RankingFunctions) {
  auto spark = testing::newSession();
  auto w = Window::partitionBy("cat").orderBy(F::col("revenue").desc(), F::col("product"));
  auto r = sales(*spark)
               .select(F::col("cat"), F::col("product"), F::row_number().over(w).alias("rn"),
                       F::rank().over(Window::partitionBy("cat").orderBy(F::col("revenue").desc())).alias("rk"),
                       F::dense_rank().over(Window::partitionBy("cat").orderBy(F::col("revenue").desc())).alias("dr"))
               .orderBy("cat", "rn")
               .collect();
  EXPECT_EQ(rowsOf(r), (std::vector<std::string>{"a|y|1|1|1", "a|z|2|1|1", "a|x|3|3|2", "b|x|1|1|1", "b|y|2|2|2"}));
}

TEST(WindowApiTest, TopNPerGroupWithRowNumber) {
  auto spark = testing::newSession();
  auto w = Window::partitionBy("cat").orderBy(F::col("revenue").desc(), F::col("product"));
  auto top = sales(*spark).withColumn("rn", F::row_number().over(w)).filter(F::col("rn") <= 1).select("cat", "product");
  EXPECT_EQ(rowsOf(top.orderBy("cat").collect()), (std::vector<std::string>{"a|y", "b|x"}));
}

TEST(WindowApiTest, AggregatesOverDefaultAndExplicitFrames) {
  auto spark = testing::newSession();
  auto df = sales(*spark);
  auto ordered = Window::partitionBy("cat").orderBy("product");
  auto r = df.select(F::col("cat"), F::col("product"), F::sum("revenue").over(ordered).alias("running"),
                     F::sum("revenue").over(Window::partitionBy("cat")).alias("total"),
                     F::avg("revenue").over(ordered.rowsBetween(-1, 1)).alias("moving"))
               .orderBy("cat", "product")
               .collect();
  EXPECT_EQ(rowsOf(r), (std::vector<std::string>{"a|x|10.0|70.0|20.0", "a|y|40.0|70.0|23.333333333333332",
                                                 "a|z|70.0|70.0|30.0", "b|x|5.0|5.0|5.0", "b|y|5.0|5.0|5.0"}));
}

TEST(WindowApiTest, PercentRankNtileCumeDist) {
  auto spark = testing::newSession();
  auto df = spark->range(1, 6).withColumn("g", F::lit(1));
  auto w = Window::partitionBy("g").orderBy("id");
  auto r = df.select(F::col("id"), F::percent_rank().over(w).alias("pr"), F::ntile(2).over(w).alias("nt"),
                     F::cume_dist().over(w).alias("cd"))
               .orderBy("id")
               .collect();
  EXPECT_EQ(rowsOf(r), (std::vector<std::string>{"1|0.0|1|0.2", "2|0.25|1|0.4", "3|0.5|1|0.6", "4|0.75|2|0.8",
                                                 "5|1.0|2|1.0"}));
}

TEST(WindowApiTest, SessionizationWithThirtyMinuteGap) {
  auto spark = testing::newSession();
  // user 1: 0, 10, 50 (gap 40 > 30 → new session), 70; user 2: 5, 100.
  auto events = spark->createDataFrame(
      {{L(1), T(0)}, {L(1), T(10)}, {L(1), T(50)}, {L(1), T(70)}, {L(2), T(5)}, {L(2), T(100)}},
      "user_id BIGINT, ts TIMESTAMP");
  auto w = Window::partitionBy("user_id").orderBy("ts");
  auto sessions =
      events.withColumn("prev_ts", F::lag("ts", 1).over(w))
          .withColumn("new_session",
                      F::when(F::col("prev_ts").isNull() ||
                                  (F::unix_timestamp(F::col("ts")) - F::unix_timestamp(F::col("prev_ts"))) > 1800,
                              1)
                          .otherwise(0))
          .withColumn("session_id", F::sum("new_session").over(w))
          .groupBy("user_id", "session_id")
          .agg(F::count("*").alias("events"),
               (F::unix_timestamp(F::max("ts")) - F::unix_timestamp(F::min("ts"))).alias("duration_s"))
          .orderBy("user_id", "session_id");
  EXPECT_EQ(rowsOf(sessions.collect()), (std::vector<std::string>{"1|1|2|600", "1|2|2|1200", "2|1|1|0", "2|2|1|0"}));
}

TEST(WindowApiTest, LagLeadDefaultsAndErrors) {
  auto spark = testing::newSession();
  auto df = spark->range(1, 4);
  auto w = Window::orderBy("id");
  auto r = df.select(F::col("id"), F::lag(F::col("id"), 1, F::lit(Value::longValue(0))).over(w).alias("lg"),
                     F::lead("id", 2).over(w).alias("ld"))
               .orderBy("id")
               .collect();
  EXPECT_EQ(rowsOf(r), (std::vector<std::string>{"1|0|3", "2|1|NULL", "3|2|NULL"}));
  EXPECT_THROW(df.select(F::row_number().over(Window::partitionBy("id"))), AnalysisException);
  EXPECT_THROW(df.select(F::upper(F::col("id")).over(w)), AnalysisException);
  EXPECT_THROW(df.filter(F::row_number().over(w) > 1), AnalysisException);
}

}  // namespace
}  // namespace loch

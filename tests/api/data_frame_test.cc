#include "loch/api/data_frame.h"

#include <gtest/gtest.h>

#include "loch/api/functions.h"
#include "loch/common/exception.h"
#include "test_session.h"

namespace loch {
namespace {

namespace F = functions;
using testing::rowsOf;
using testing::sortedRows;

Value I(int v) { return Value::integer(v); }
Value S(const char* v) { return Value::string(v); }
Value D(double v) { return Value::doubleValue(v); }
Value NI() { return Value::null(IntegerType()); }
Value NS() { return Value::null(StringType()); }
Value ND() { return Value::null(DoubleType()); }

DataFrame people(SparkSession& spark) {
  return spark.createDataFrame({{I(1), S("ann"), D(10.5)},
                                {I(2), S("bob"), ND()},
                                {I(3), NS(), D(-1.0)},
                                {NI(), S("dan"), D(4.0)}},
                               "id INT, name STRING, score DOUBLE");
}

TEST(DataFrameTest, SelectWithColumnAndExpressions) {
  auto spark = testing::newSession();
  auto df = people(*spark);
  auto r = df.select(F::col("id"), (F::col("score") * 2).alias("double_score"), F::upper(F::col("name")))
               .orderBy(F::col("id").asc_nulls_last())
               .collect();
  EXPECT_EQ(rowsOf(r), (std::vector<std::string>{"1|21.0|ANN", "2|NULL|BOB", "3|-2.0|NULL", "NULL|8.0|DAN"}));
  auto w = df.withColumn("id", F::col("id") + 100).withColumn("flag", F::col("score") > 0);
  EXPECT_EQ(w.columns(), (std::vector<std::string>{"id", "name", "score", "flag"}));
  EXPECT_EQ(sortedRows(w.select("id", "flag").collect()),
            (std::vector<std::string>{"101|true", "102|NULL", "103|false", "NULL|true"}));
}

TEST(DataFrameTest, RenameDropAndToDF) {
  auto spark = testing::newSession();
  auto df = people(*spark);
  EXPECT_EQ(df.withColumnRenamed("name", "who").columns(), (std::vector<std::string>{"id", "who", "score"}));
  EXPECT_EQ(df.withColumnRenamed("nope", "x").columns(), df.columns());
  EXPECT_EQ(df.drop("score", "NAME").columns(), (std::vector<std::string>{"id"}));
  EXPECT_EQ(df.drop("missing").columns(), df.columns());
  EXPECT_EQ(df.toDF({"a", "b", "c"}).columns(), (std::vector<std::string>{"a", "b", "c"}));
}

TEST(DataFrameTest, FilterThreeValuedLogic) {
  auto spark = testing::newSession();
  auto df = people(*spark);
  // score > 0 is NULL for bob: dropped; NOT of it is also NULL: dropped.
  EXPECT_EQ(df.filter(F::col("score") > 0).count(), 2);
  EXPECT_EQ(df.filter(!(F::col("score") > 0)).count(), 1);
  EXPECT_EQ(df.filter(F::col("score").isNull() || F::col("name").isNull()).count(), 2);
  EXPECT_EQ(df.where(F::col("name").like("%n%")).count(), 2);
}

TEST(DataFrameTest, CaseWhenAndCoalesce) {
  auto spark = testing::newSession();
  auto df = people(*spark);
  auto r = df.select(F::col("id"),
                     F::when(F::col("score") >= 10, "high").when(F::col("score") >= 0, "low").otherwise("neg").alias("band"),
                     F::coalesce(F::col("name"), F::lit("?")).alias("n"))
               .orderBy(F::col("id").asc_nulls_first())
               .collect();
  EXPECT_EQ(rowsOf(r), (std::vector<std::string>{"NULL|low|dan", "1|high|ann", "2|neg|bob", "3|neg|?"}));
}

TEST(DataFrameTest, DistinctDropDuplicatesLimit) {
  auto spark = testing::newSession();
  auto df = spark->createDataFrame({{I(1), S("a")}, {I(1), S("a")}, {I(1), S("b")}, {NI(), S("a")}, {NI(), S("a")}},
                                   "k INT, v STRING");
  EXPECT_EQ(df.distinct().count(), 3);
  EXPECT_EQ(df.dropDuplicates({"k"}).count(), 2);
  EXPECT_EQ(df.limit(2).count(), 2);
  EXPECT_EQ(df.limit(0).count(), 0);
  EXPECT_EQ(df.limit(100).count(), 5);
  EXPECT_THROW(df.limit(-1), AnalysisException);
}

TEST(DataFrameTest, FillnaAndDropna) {
  auto spark = testing::newSession();
  auto df = people(*spark);
  auto filled = df.fillna(Value::integer(0)).orderBy(F::col("name").asc_nulls_first()).collect();
  EXPECT_EQ(rowsOf(filled), (std::vector<std::string>{"3|NULL|-1.0", "1|ann|10.5", "2|bob|0.0", "0|dan|4.0"}));
  auto named = df.fillna(Value::string("?")).filter(F::col("id") == 3).collect();
  EXPECT_EQ(rowsOf(named), (std::vector<std::string>{"3|?|-1.0"}));
  EXPECT_EQ(df.dropna().count(), 1);
  EXPECT_EQ(df.dropna("all").count(), 4);
  EXPECT_EQ(df.dropna("any", std::nullopt, {"id"}).count(), 3);
  EXPECT_EQ(df.dropna("any", 3).count(), 1);
  EXPECT_EQ(df.na().drop("any", 2).count(), 4);
}

TEST(DataFrameTest, OrderByNullsAndDirections) {
  auto spark = testing::newSession();
  auto df = people(*spark);
  // Spark defaults: ASC → NULLS FIRST, DESC → NULLS LAST.
  EXPECT_EQ(rowsOf(df.orderBy(F::col("score")).select("id").collect()),
            (std::vector<std::string>{"2", "3", "NULL", "1"}));
  EXPECT_EQ(rowsOf(df.orderBy(F::col("score").desc()).select("id").collect()),
            (std::vector<std::string>{"1", "NULL", "3", "2"}));
  EXPECT_EQ(rowsOf(df.orderBy(F::col("name").desc_nulls_first()).select("id").collect()),
            (std::vector<std::string>{"3", "NULL", "2", "1"}));
}

TEST(DataFrameTest, GroupedShortcutsAndGlobalAgg) {
  auto spark = testing::newSession();
  auto df = spark->createDataFrame({{S("a"), I(1)}, {S("a"), I(3)}, {S("b"), I(5)}, {S("b"), NI()}}, "k STRING, v INT");
  EXPECT_EQ(sortedRows(df.groupBy("k").count().collect()), (std::vector<std::string>{"a|2", "b|2"}));
  EXPECT_EQ(sortedRows(df.groupBy("k").sum({"v"}).collect()), (std::vector<std::string>{"a|4", "b|5"}));
  EXPECT_EQ(df.groupBy("k").avg({"v"}).columns(), (std::vector<std::string>{"k", "avg(v)"}));
  EXPECT_EQ(rowsOf(df.agg(F::min("v"), F::max("v"), F::count("v")).collect()), (std::vector<std::string>{"1|5|3"}));
  // Empty input: a global aggregate still returns one row.
  auto empty = df.filter(F::lit(false));
  EXPECT_EQ(rowsOf(empty.agg(F::count("*"), F::sum("v")).collect()), (std::vector<std::string>{"0|NULL"}));
  EXPECT_EQ(empty.groupBy("k").count().count(), 0);
}

TEST(DataFrameTest, AggregateExpressionsOverGroups) {
  auto spark = testing::newSession();
  auto df = spark->createDataFrame({{S("a"), I(1)}, {S("a"), I(3)}, {S("b"), I(5)}}, "k STRING, v INT");
  auto r = df.groupBy(F::upper(F::col("k")).alias("K"))
               .agg((F::sum("v") * 10 + F::count("*")).alias("x"), F::max("v").alias("m"))
               .orderBy("K")
               .collect();
  EXPECT_EQ(rowsOf(r), (std::vector<std::string>{"A|42|3", "B|51|5"}));
}

TEST(DataFrameTest, SampleIsDeterministicPerSeed) {
  auto spark = testing::newSession();
  auto df = spark->range(100000);
  int64_t a = df.sample(0.1, 42).count();
  int64_t b = df.sample(0.1, 42).count();
  EXPECT_EQ(a, b);
  EXPECT_GT(a, 9000);
  EXPECT_LT(a, 11000);
  EXPECT_EQ(df.sample(0.0, 1).count(), 0);
  EXPECT_THROW(df.sample(1.5, 1), InvalidArgumentException);
}

TEST(DataFrameTest, CacheKeepsResultsAndUnpersist) {
  auto spark = testing::newSession();
  auto df = spark->range(1000).withColumn("sq", F::col("id") * F::col("id")).cache();
  EXPECT_TRUE(df.isCached());
  EXPECT_EQ(df.count(), 1000);
  EXPECT_EQ(df.filter(F::col("sq") > 990000).count(), 5);
  df.unpersist();
  EXPECT_FALSE(df.isCached());
  EXPECT_EQ(df.count(), 1000);
}

TEST(DataFrameTest, TempViewsAndTable) {
  auto spark = testing::newSession();
  people(*spark).createOrReplaceTempView("people");
  EXPECT_EQ(spark->table("PEOPLE").count(), 4);
  EXPECT_THROW(people(*spark).createTempView("people"), AnalysisException);
  EXPECT_THROW(spark->table("nope"), AnalysisException);
}

TEST(DataFrameTest, ActionsFirstTakeIsEmpty) {
  auto spark = testing::newSession();
  auto df = people(*spark).orderBy("id");
  EXPECT_EQ(df.first().toString(), "Row(id=NULL, name='dan', score=4.0)");
  EXPECT_EQ(df.take(2).size(), 2u);
  EXPECT_FALSE(df.isEmpty());
  EXPECT_TRUE(df.filter(F::lit(false)).isEmpty());
  EXPECT_THROW(df.filter(F::lit(false)).first(), InvalidArgumentException);
  EXPECT_EQ(df.dtypes()[2], (std::pair<std::string, std::string>{"score", "double"}));
}

}  // namespace
}  // namespace loch

namespace loch {
namespace {

TEST(DataFrameTest, ColumnNamesFollowTheExpressionAsWritten) {
  auto spark = testing::newSession();
  auto df = spark->range(3);
  EXPECT_EQ(df.select(F::col("id") + 1).columns(), (std::vector<std::string>{"(id + 1)"}));
  EXPECT_EQ(df.agg(F::sum(F::col("id") * 2)).columns(), (std::vector<std::string>{"sum((id * 2))"}));
  EXPECT_EQ(df.select(F::count("*")).columns(), (std::vector<std::string>{"count(1)"}));
}

TEST(DataFrameTest, SqlTextInExprSelectExprAndFilter) {
  auto spark = testing::newSession();
  auto df = spark->range(10);
  EXPECT_EQ(df.filter("id % 2 = 0 AND id > 2").count(), 3);
  auto r = df.selectExpr({"id", "id * 10 AS tens"}).filter(F::expr("tens >= 80")).collect();
  EXPECT_EQ(testing::rowsOf(r), (std::vector<std::string>{"8|80", "9|90"}));
  EXPECT_EQ(df.select(F::expr("id + 1 AS next")).columns(), (std::vector<std::string>{"next"}));
  EXPECT_THROW(df.filter("id >"), ParseException);
}

}  // namespace
}  // namespace loch

namespace loch {
namespace {

TEST(DataFrameTest, CubeAndRollup) {
  auto spark = testing::newSession();
  auto df = spark->createDataFrame({{S("us"), S("books"), I(1)}, {S("us"), S("toys"), I(2)}, {S("fr"), S("books"), I(4)}},
                                   "country STRING, category STRING, v INT");
  auto cube = df.cube("country", "category").agg(F::sum("v").alias("s"));
  EXPECT_EQ(cube.columns(), (std::vector<std::string>{"country", "category", "s"}));
  EXPECT_EQ(testing::sortedRows(cube.collect()),
            (std::vector<std::string>{"NULL|NULL|7", "NULL|books|5", "NULL|toys|2", "fr|NULL|4", "fr|books|4",
                                      "us|NULL|3", "us|books|1", "us|toys|2"}));
  auto rollup = df.rollup("country", "category").agg(F::sum("v").alias("s"));
  EXPECT_EQ(testing::sortedRows(rollup.collect()),
            (std::vector<std::string>{"NULL|NULL|7", "fr|NULL|4", "fr|books|4", "us|NULL|3", "us|books|1",
                                      "us|toys|2"}));
}

}  // namespace
}  // namespace loch

namespace loch {
namespace {

TEST(DataFrameTest, DescribeAndSummary) {
  auto spark = testing::newSession();
  auto df = spark->createDataFrame({{I(1), S("b")}, {I(2), S("a")}, {I(3), Value::null(StringType())}, {I(4), S("c")}},
                                   "x INT, s STRING");
  EXPECT_EQ(testing::rowsOf(df.describe().collect()),
            (std::vector<std::string>{"count|4|3", "mean|2.5|NULL", "stddev|1.2909944487358056|NULL", "min|1|a",
                                      "max|4|c"}));
  auto summary = df.summary();
  EXPECT_EQ(summary.columns(), (std::vector<std::string>{"summary", "x", "s"}));
  EXPECT_EQ(testing::rowsOf(summary.select("summary", "x").collect()),
            (std::vector<std::string>{"count|4", "mean|2.5", "stddev|1.2909944487358056", "min|1", "25%|1", "50%|2",
                                      "75%|3", "max|4"}));
  EXPECT_THROW(df.summary({"p99"}), InvalidArgumentException);
}

}  // namespace
}  // namespace loch

namespace loch {
namespace {

TEST(DataFrameTest, PivotAsSpark) {
  auto spark = testing::newSession();
  auto df = spark->createDataFrame({{S("eu"), S("books"), I(1)},
                                    {S("eu"), S("books"), I(2)},
                                    {S("eu"), S("toys"), I(4)},
                                    {S("us"), S("toys"), I(8)},
                                    {S("us"), Value::null(StringType()), I(16)}},
                                   "region STRING, category STRING, v INT");
  auto one = df.groupBy("region").pivot("category").agg(F::sum("v"));
  EXPECT_EQ(one.columns(), (std::vector<std::string>{"region", "books", "toys"}));
  EXPECT_EQ(testing::rowsOf(one.orderBy("region").collect()), (std::vector<std::string>{"eu|3|4", "us|NULL|8"}));
  auto two = df.groupBy("region").pivot("category", {Value::string("toys")}).agg(F::sum("v").alias("s"),
                                                                                  F::count("*").alias("n"));
  EXPECT_EQ(two.columns(), (std::vector<std::string>{"region", "toys_s", "toys_n"}));
  EXPECT_EQ(testing::rowsOf(two.orderBy("region").collect()), (std::vector<std::string>{"eu|4|1", "us|8|1"}));
}

}  // namespace
}  // namespace loch

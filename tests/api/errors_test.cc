// Analysis and runtime errors name the column, expression or value, with
// Spark's error classes.

#include <gtest/gtest.h>

#include "loch/api/functions.h"
#include "loch/common/exception.h"
#include "test_session.h"

namespace loch {
namespace {

namespace F = functions;

DataFrame events(SparkSession& spark) {
  return spark.createDataFrame({{Value::longValue(1), Value::string("view"), Value::doubleValue(0)},
                                {Value::longValue(2), Value::string("purchase"), Value::doubleValue(5)}},
                               "user_id BIGINT, event_type STRING, value DOUBLE");
}

template <class E, class Fn>
std::string errorOf(Fn fn) {
  try {
    fn();
  } catch (const E& e) {
    return e.what();
  }
  return "<no error>";
}

TEST(ErrorsTest, UnresolvedColumnSuggestsCloseNames) {
  auto spark = testing::newSession();
  auto df = events(*spark);
  std::string msg = errorOf<AnalysisException>([&] { df.select("usr_id"); });
  EXPECT_NE(msg.find("[UNRESOLVED_COLUMN.WITH_SUGGESTION]"), std::string::npos) << msg;
  EXPECT_NE(msg.find("`usr_id`"), std::string::npos) << msg;
  EXPECT_NE(msg.find("Did you mean one of the following? [`user_id`"), std::string::npos) << msg;
  EXPECT_NE(errorOf<AnalysisException>([&] { df.filter(F::col("vaule") > 1); }).find("`value`"), std::string::npos);
}

TEST(ErrorsTest, MissingAggregation) {
  auto spark = testing::newSession();
  auto df = events(*spark);
  std::string msg = errorOf<AnalysisException>([&] { df.groupBy("user_id").agg(F::col("value")); });
  EXPECT_NE(msg.find("[MISSING_AGGREGATION]"), std::string::npos) << msg;
  EXPECT_NE(msg.find("\"value\""), std::string::npos) << msg;
}

TEST(ErrorsTest, FilterMustBeBoolean) {
  auto spark = testing::newSession();
  auto df = events(*spark);
  EXPECT_THROW(df.filter(F::col("value") + 1), AnalysisException);
}

TEST(ErrorsTest, UnknownFunction) {
  auto spark = testing::newSession();
  auto df = events(*spark);
  std::string msg = errorOf<AnalysisException>([&] { df.select(F::call_function("uper", F::col("event_type"))); });
  EXPECT_NE(msg.find("UNRESOLVED_ROUTINE"), std::string::npos) << msg;
}

TEST(ErrorsTest, AmbiguousReferenceAfterSelfJoin) {
  auto spark = testing::newSession();
  auto a = events(*spark).alias("a");
  auto b = events(*spark).alias("b");
  auto joined = a.join(b, F::col("a.user_id") == F::col("b.user_id"));
  std::string msg = errorOf<AnalysisException>([&] { joined.select("user_id"); });
  EXPECT_NE(msg.find("[AMBIGUOUS_REFERENCE]"), std::string::npos) << msg;
  EXPECT_EQ(joined.select("a.user_id").count(), 2);
}

TEST(ErrorsTest, DivisionByZeroUnderAnsiAndNullWithoutIt) {
  auto spark = testing::newSession();
  auto df = spark->createDataFrame({{Value::integer(10), Value::integer(0)}}, "a INT, b INT");
  std::string msg = errorOf<ArithmeticException>([&] { df.select(F::col("a") % F::col("b")).collect(); });
  EXPECT_NE(msg.find("[DIVIDE_BY_ZERO]"), std::string::npos) << msg;
  EXPECT_NE(msg.find("in Project"), std::string::npos) << msg;  // names the operator and morsel
  EXPECT_NE(msg.find("morsel 0"), std::string::npos) << msg;
  spark->conf().set("spark.sql.ansi.enabled", "false");
  auto rows = df.select((F::col("a") / F::col("b")).alias("q")).collect();
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_TRUE(rows[0].isNullAt(0));
}

TEST(ErrorsTest, InvalidCastUnderAnsi) {
  auto spark = testing::newSession();
  auto df = spark->createDataFrame({{Value::string("12")}, {Value::string("abc")}}, "s STRING");
  std::string msg = errorOf<CastException>([&] { df.select(F::col("s").cast("int")).collect(); });
  EXPECT_NE(msg.find("CAST_INVALID_INPUT"), std::string::npos) << msg;
  EXPECT_NE(msg.find("'abc'"), std::string::npos) << msg;
  auto r = df.select(F::col("s").try_cast(IntegerType()).alias("i")).collect();
  EXPECT_EQ(r[0].getInt(0), 12);
  EXPECT_TRUE(r[1].isNullAt(0));
}

TEST(ErrorsTest, CaseWhenIsLazyUnderAnsi) {
  auto spark = testing::newSession();
  auto df = spark->createDataFrame({{Value::integer(0)}, {Value::integer(5)}}, "x INT");
  auto r = df.select(F::when(F::col("x") == 0, F::lit(Value::null(DoubleType())))
                         .otherwise(F::lit(10) / F::col("x"))
                         .alias("y"))
               .collect();
  EXPECT_TRUE(r[0].isNullAt(0));
  EXPECT_DOUBLE_EQ(r[1].getDouble(0), 2.0);
  EXPECT_EQ(df.filter(F::col("x") != 0 && (F::lit(10) / F::col("x")) > 1).count(), 1);
}

TEST(ErrorsTest, CreateDataFrameChecksRows) {
  auto spark = testing::newSession();
  EXPECT_THROW(spark->createDataFrame({{Value::integer(1)}}, "a INT, b INT"), InvalidArgumentException);
  EXPECT_THROW(spark->createDataFrame({{Value::string("x")}}, "a INT"), InvalidArgumentException);
  EXPECT_THROW(spark->createDataFrame({{Value::null(IntegerType())}}, "a INT NOT NULL"), InvalidArgumentException);
  EXPECT_THROW(spark->createDataFrame({}, "a INTEGR"), AnalysisException);
}

TEST(ErrorsTest, MemoryLimitNamesTheOperator) {
  auto spark = testing::newSession();
  spark->conf().set("loch.memory.limit", "1m");
  auto df = spark->range(2000000).groupBy("id").count();
  std::string msg = errorOf<MemoryLimitException>([&] { df.collect(); });
  EXPECT_NE(msg.find("MEMORY_LIMIT_EXCEEDED"), std::string::npos) << msg;
  EXPECT_NE(msg.find("HashAggregate"), std::string::npos) << msg;
}

}  // namespace
}  // namespace loch

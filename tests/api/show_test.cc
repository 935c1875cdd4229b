// show() and printSchema() print exactly Spark's text layout.

#include <gtest/gtest.h>

#include "loch/api/functions.h"
#include "test_session.h"

namespace loch {
namespace {

namespace F = functions;

TEST(ShowTest, TableLayoutMatchesSpark) {
  auto spark = testing::newSession();
  auto df = spark->createDataFrame({{Value::integer(1), Value::string("Alice"), Value::doubleValue(3.5)},
                                    {Value::integer(22), Value::null(StringType()), Value::doubleValue(1e10)}},
                                   "id INT, name STRING, score DOUBLE");
  EXPECT_EQ(df.showString(),
            "+---+-----+------+\n"
            "| id| name| score|\n"
            "+---+-----+------+\n"
            "|  1|Alice|   3.5|\n"
            "| 22| NULL|1.0E10|\n"
            "+---+-----+------+\n");
}

TEST(ShowTest, TruncationAndTopRowsFooter) {
  auto spark = testing::newSession();
  auto df = spark->createDataFrame({{Value::string("a very long string value indeed")}, {Value::string("b")}}, "s STRING");
  EXPECT_EQ(df.showString(1),
            "+--------------------+\n"
            "|                   s|\n"
            "+--------------------+\n"
            "|a very long strin...|\n"
            "+--------------------+\n"
            "only showing top 1 row\n");
  EXPECT_EQ(df.showString(20, 0),
            "+-------------------------------+\n"
            "|s                              |\n"
            "+-------------------------------+\n"
            "|a very long string value indeed|\n"
            "|b                              |\n"
            "+-------------------------------+\n");
}

TEST(ShowTest, VerticalAndEmpty) {
  auto spark = testing::newSession();
  auto df = spark->createDataFrame({{Value::integer(1), Value::string("x")}}, "a INT, bb STRING");
  EXPECT_EQ(df.showString(20, 20, true),
            "-RECORD 0-----------\n"
            " a  | 1 \n"
            " bb | x \n");
  EXPECT_EQ(df.filter(F::lit(false)).showString(),
            "+---+---+\n"
            "|  a| bb|\n"
            "+---+---+\n"
            "+---+---+\n");
}

TEST(ShowTest, DatesTimestampsDecimalsAndNested) {
  auto spark = testing::newSession();
  auto df = spark->createDataFrame(
      {{Value::date(19723), Value::timestamp(1704067200000000LL + 1500000), Value::decimal(12345, 10, 2),
        Value::array(ArrayType(IntegerType()), {Value::integer(1), Value::null(IntegerType())})}},
      "d DATE, t TIMESTAMP, m DECIMAL(10,2), a ARRAY<INT>");
  EXPECT_EQ(df.showString(),
            "+----------+--------------------+------+---------+\n"
            "|         d|                   t|     m|        a|\n"
            "+----------+--------------------+------+---------+\n"
            "|2024-01-01|2024-01-01 00:00:...|123.45|[1, NULL]|\n"
            "+----------+--------------------+------+---------+\n");
  EXPECT_NE(df.showString(20, 0).find("|2024-01-01|2024-01-01 00:00:01.5|123.45|[1, NULL]|"), std::string::npos);
}

TEST(ShowTest, PrintSchemaTree) {
  auto spark = testing::newSession();
  auto df = spark->createDataFrame({}, "user_id BIGINT NOT NULL, tags ARRAY<STRING>, value DOUBLE");
  EXPECT_EQ(treeString(*df.schema()),
            "root\n"
            " |-- user_id: long (nullable = false)\n"
            " |-- tags: array (nullable = true)\n"
            " |    |-- element: string (containsNull = true)\n"
            " |-- value: double (nullable = true)\n");
}

TEST(ShowTest, ExplainNamesOperators) {
  auto spark = testing::newSession();
  auto df = spark->range(10).filter(F::col("id") > 3).groupBy((F::col("id") % 2).alias("p")).count();
  std::string plan = df.explainString("simple");
  EXPECT_NE(plan.find("== Physical Plan =="), std::string::npos);
  EXPECT_NE(plan.find("HashAggregate"), std::string::npos);
  EXPECT_NE(plan.find("Filter"), std::string::npos);
  std::string ext = df.explainString("extended");
  EXPECT_NE(ext.find("== Analyzed Logical Plan =="), std::string::npos);
  EXPECT_NE(ext.find("Aggregate"), std::string::npos);
  std::string formatted = df.explainString("formatted");
  EXPECT_NE(formatted.find("(1)"), std::string::npos);
}

}  // namespace
}  // namespace loch

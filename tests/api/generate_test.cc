// DataFrame generators: F::explode / F::posexplode / F::explode_outer in
// select() and withColumn() (Spark semantics: NULL or empty arrays give no
// row, the _outer form one row of NULLs; pos is 0-based).

#include <gtest/gtest.h>


#include "loch/api/data_frame.h"
#include "loch/api/functions.h"
#include "loch/common/exception.h"
#include "test_session.h"

namespace loch {
namespace {

namespace F = functions;
using testing::rowsOf;

Value I(int v) { return Value::integer(v); }
Value A(std::vector<Value> v) { return Value::array(ArrayType(IntegerType()), std::move(v)); }

DataFrame tags(SparkSession& spark) {
  return spark.createDataFrame({{I(1), A({I(10), I(20)})},
                                {I(2), A({})},
                                {I(3), Value::null(ArrayType(IntegerType()))},
                                {I(4), A({Value::null(IntegerType())})}},
                               "id INT, arr ARRAY<INT>");
}

TEST(GenerateTest, ExplodeInSelectAndWithColumn) {
  auto spark = testing::newSession();
  auto df = tags(*spark);
  auto e = df.select(F::col("id"), F::explode(F::col("arr")).alias("x"));
  EXPECT_EQ(e.columns(), (std::vector<std::string>{"id", "x"}));
  EXPECT_EQ(rowsOf(e.orderBy(F::col("id"), F::col("x")).collect()),
            (std::vector<std::string>{"1|10", "1|20", "4|NULL"}));
  // Default name `col`, the source column kept by withColumn.
  auto d = df.select(F::explode(F::col("arr")));
  EXPECT_EQ(d.columns(), (std::vector<std::string>{"col"}));
  auto w = df.withColumn("x", F::explode_outer(F::col("arr")));
  EXPECT_EQ(w.columns(), (std::vector<std::string>{"id", "arr", "x"}));
  EXPECT_EQ(rowsOf(w.select("id", "x").orderBy(F::col("id"), F::col("x")).collect()),
            (std::vector<std::string>{"1|10", "1|20", "2|NULL", "3|NULL", "4|NULL"}));
  // withColumn replacing the exploded column itself.
  auto r = df.withColumn("arr", F::explode(F::col("arr")));
  EXPECT_EQ(rowsOf(r.orderBy(F::col("id"), F::col("arr")).collect()),
            (std::vector<std::string>{"1|10", "1|20", "4|NULL"}));
}

TEST(GenerateTest, PosExplodeAndStar) {
  auto spark = testing::newSession();
  auto df = tags(*spark);
  auto p = df.select(F::col("*"), F::posexplode(F::col("arr")));
  EXPECT_EQ(p.columns(), (std::vector<std::string>{"id", "arr", "pos", "col"}));
  EXPECT_EQ(rowsOf(p.select("id", "pos", "col").orderBy(F::col("id"), F::col("pos")).collect()),
            (std::vector<std::string>{"1|0|10", "1|1|20", "4|0|NULL"}));
  // Filters above the generator see its columns.
  auto f = df.select(F::col("id"), F::explode(F::col("arr")).alias("x")).filter(F::col("x") > 10);
  EXPECT_EQ(rowsOf(f.collect()), (std::vector<std::string>{"1|20"}));
}

TEST(GenerateTest, OptimizedPlanPushesOnlyKeptColumnFilters) {
  auto spark = testing::newSession();
  auto df = tags(*spark);
  auto q = df.select(F::col("id"), F::explode(F::col("arr")).alias("x"))
               .filter(F::col("id") < 4)
               .filter(F::col("x") > 10);
  std::string plan = q.explainString("extended");
  SCOPED_TRACE(plan);
  size_t opt = plan.find("== Optimized Logical Plan ==");
  ASSERT_NE(opt, std::string::npos);
  size_t generate = plan.find("Generate explode", opt);
  size_t kept_filter = plan.find("(id#", generate);
  size_t gen_filter = plan.find("(x#", opt);
  ASSERT_NE(generate, std::string::npos);
  // The filter on x stays above Generate, the one on id moves below it.
  EXPECT_LT(gen_filter, generate);
  EXPECT_NE(kept_filter, std::string::npos);
  EXPECT_NE(plan.find("Generate explode", plan.find("== Physical Plan ==")), std::string::npos);
  EXPECT_EQ(rowsOf(q.collect()), (std::vector<std::string>{"1|20"}));
}

TEST(GenerateTest, Errors) {
  auto spark = testing::newSession();
  auto df = tags(*spark);
  try {
    df.select(F::explode(F::col("arr")), F::explode(F::col("arr"))).collect();
    FAIL() << "expected MULTI_GENERATOR";
  } catch (const AnalysisException& e) {
    EXPECT_NE(std::string(e.what()).find("[UNSUPPORTED_GENERATOR.MULTI_GENERATOR]"), std::string::npos) << e.what();
  }
  try {
    df.select(F::explode(F::col("arr")) + 1).collect();
    FAIL() << "expected NESTED_IN_EXPRESSIONS";
  } catch (const AnalysisException& e) {
    EXPECT_NE(std::string(e.what()).find("[UNSUPPORTED_GENERATOR.NESTED_IN_EXPRESSIONS]"), std::string::npos)
        << e.what();
  }
  try {
    df.select(F::explode(F::col("id"))).collect();
    FAIL() << "expected DATATYPE_MISMATCH";
  } catch (const AnalysisException& e) {
    EXPECT_NE(std::string(e.what()).find("[DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE]"), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find("explode(id)"), std::string::npos) << e.what();
  }
}

}  // namespace
}  // namespace loch

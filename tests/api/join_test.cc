#include <gtest/gtest.h>

#include "loch/api/functions.h"
#include "loch/common/exception.h"
#include "test_session.h"

namespace loch {
namespace {

namespace F = functions;
using testing::sortedRows;

Value I(int v) { return Value::integer(v); }
Value S(const char* v) { return Value::string(v); }
Value NI() { return Value::null(IntegerType()); }

struct JoinFixture {
  std::shared_ptr<SparkSession> spark = testing::newSession();
  DataFrame left = spark->createDataFrame({{I(1), S("a")}, {I(2), S("b")}, {I(2), S("b2")}, {NI(), S("n")}},
                                          "id INT, l STRING");
  DataFrame right = spark->createDataFrame({{I(2), S("x")}, {I(3), S("y")}, {NI(), S("z")}}, "id INT, r STRING");
};

TEST(JoinTest, AllTypesOnCondition) {
  JoinFixture f;
  auto on = f.left["id"] == f.right["id"];
  EXPECT_EQ(sortedRows(f.left.join(f.right, on, "inner").collect()),
            (std::vector<std::string>{"2|b2|2|x", "2|b|2|x"}));
  EXPECT_EQ(sortedRows(f.left.join(f.right, on, "left").collect()),
            (std::vector<std::string>{"1|a|NULL|NULL", "2|b2|2|x", "2|b|2|x", "NULL|n|NULL|NULL"}));
  EXPECT_EQ(sortedRows(f.left.join(f.right, on, "right").collect()),
            (std::vector<std::string>{"2|b2|2|x", "2|b|2|x", "NULL|NULL|3|y", "NULL|NULL|NULL|z"}));
  EXPECT_EQ(sortedRows(f.left.join(f.right, on, "full_outer").collect()),
            (std::vector<std::string>{"1|a|NULL|NULL", "2|b2|2|x", "2|b|2|x", "NULL|NULL|3|y", "NULL|NULL|NULL|z",
                                      "NULL|n|NULL|NULL"}));
  EXPECT_EQ(sortedRows(f.left.join(f.right, on, "left_semi").collect()), (std::vector<std::string>{"2|b", "2|b2"}));
  EXPECT_EQ(sortedRows(f.left.join(f.right, on, "left_anti").collect()),
            (std::vector<std::string>{"1|a", "NULL|n"}));
  EXPECT_EQ(f.left.crossJoin(f.right).count(), 12);
  EXPECT_THROW(f.left.join(f.right, on, "sideways"), AnalysisException);
}

TEST(JoinTest, UsingColumnsAppearOnce) {
  JoinFixture f;
  auto inner = f.left.join(f.right, "id");
  EXPECT_EQ(inner.columns(), (std::vector<std::string>{"id", "l", "r"}));
  EXPECT_EQ(sortedRows(inner.collect()), (std::vector<std::string>{"2|b2|x", "2|b|x"}));
  auto full = f.left.join(f.right, std::vector<std::string>{"id"}, "full");
  EXPECT_EQ(sortedRows(full.collect()),
            (std::vector<std::string>{"1|a|NULL", "2|b2|x", "2|b|x", "3|NULL|y", "NULL|NULL|z", "NULL|n|NULL"}));
}

TEST(JoinTest, NonEquiConditionsAndOuterPadding) {
  JoinFixture f;
  auto on = (f.left["id"] == f.right["id"]) && (f.left["l"] == F::lit("b"));
  EXPECT_EQ(sortedRows(f.left.join(f.right, on, "left").collect()),
            (std::vector<std::string>{"1|a|NULL|NULL", "2|b2|NULL|NULL", "2|b|2|x", "NULL|n|NULL|NULL"}));
  auto lt = f.left["id"] < f.right["id"];
  EXPECT_EQ(sortedRows(f.left.join(f.right, lt, "inner").collect()),
            (std::vector<std::string>{"1|a|2|x", "1|a|3|y", "2|b2|3|y", "2|b|3|y"}));
}

TEST(JoinTest, SelfJoinDistinguishesSides) {
  JoinFixture f;
  auto df = f.left;
  auto j = df.alias("a").join(df.alias("b"), F::col("a.id") == F::col("b.id"));
  EXPECT_EQ(j.count(), 5);  // 1-1 once, 2-2 as 2x2; NULL never matches
  EXPECT_EQ(j.columns(), (std::vector<std::string>{"id", "l", "id", "l"}));
}

TEST(JoinTest, BroadcastHintGivesSameResult) {
  JoinFixture f;
  auto on = f.left["id"] == f.right["id"];
  EXPECT_EQ(sortedRows(f.left.hint("broadcast").join(f.right, on, "left").collect()),
            sortedRows(f.left.join(f.right, on, "left").collect()));
  EXPECT_NE(f.left.hint("broadcast").join(f.right, on).explainString().find("HashJoin"), std::string::npos);
}

TEST(JoinTest, LargeJoinAgainstIndependentCount) {
  auto spark = testing::newSession();
  auto a = spark->range(200000).withColumn("k", F::col("id") % 1000);
  auto b = spark->range(5000).withColumn("k2", F::col("id") % 2000);
  // Each k in [0,1000) appears 200 times in a; in b, values k2 in [0,1000) appear
  // 3 times for k2 < 500 (5000 = 2*2000 + 1000) ... computed directly:
  std::vector<int64_t> per_key(2000, 0);
  for (int64_t i = 0; i < 5000; ++i) per_key[i % 2000]++;
  int64_t expected = 0;
  for (int64_t k = 0; k < 1000; ++k) expected += 200 * per_key[k];
  EXPECT_EQ(a.join(b, a["k"] == b["k2"]).count(), expected);
}

}  // namespace
}  // namespace loch

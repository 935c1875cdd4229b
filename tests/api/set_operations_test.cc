#include <gtest/gtest.h>

#include "loch/api/functions.h"
#include "loch/common/exception.h"
#include "test_session.h"

namespace loch {
namespace {

using testing::sortedRows;

Value I(int v) { return Value::integer(v); }
Value L(int64_t v) { return Value::longValue(v); }
Value NI() { return Value::null(IntegerType()); }

TEST(SetOperationsTest, UnionWidensTypes) {
  auto spark = testing::newSession();
  auto a = spark->createDataFrame({{I(1)}, {NI()}}, "x INT");
  auto b = spark->createDataFrame({{L(5000000000LL)}}, "y BIGINT");
  auto u = a.unionAll(b);
  EXPECT_EQ(u.columns(), (std::vector<std::string>{"x"}));
  EXPECT_EQ(u.schema()->fields()[0].type->simpleString(), "bigint");
  EXPECT_EQ(sortedRows(u.collect()), (std::vector<std::string>{"1", "5000000000", "NULL"}));
  EXPECT_THROW(a.unionAll(spark->createDataFrame({{I(1), I(2)}}, "p INT, q INT")), AnalysisException);
}

TEST(SetOperationsTest, UnionByName) {
  auto spark = testing::newSession();
  auto a = spark->createDataFrame({{I(1), I(2)}}, "a INT, b INT");
  auto b = spark->createDataFrame({{I(3), I(4)}}, "b INT, a INT");
  EXPECT_EQ(sortedRows(a.unionByName(b).collect()), (std::vector<std::string>{"1|2", "4|3"}));
  auto c = spark->createDataFrame({{I(9)}}, "c INT");
  EXPECT_THROW(a.unionByName(c), AnalysisException);
  auto m = a.unionByName(c, true);
  EXPECT_EQ(m.columns(), (std::vector<std::string>{"a", "b", "c"}));
  EXPECT_EQ(sortedRows(m.collect()), (std::vector<std::string>{"1|2|NULL", "NULL|NULL|9"}));
}

TEST(SetOperationsTest, IntersectAndExceptWithNulls) {
  auto spark = testing::newSession();
  auto a = spark->createDataFrame({{I(1)}, {I(1)}, {I(2)}, {NI()}, {NI()}, {I(3)}}, "x INT");
  auto b = spark->createDataFrame({{I(1)}, {NI()}, {I(4)}}, "x INT");
  EXPECT_EQ(sortedRows(a.intersect(b).collect()), (std::vector<std::string>{"1", "NULL"}));
  EXPECT_EQ(sortedRows(a.intersectAll(b).collect()), (std::vector<std::string>{"1", "NULL"}));
  EXPECT_EQ(sortedRows(a.subtract(b).collect()), (std::vector<std::string>{"2", "3"}));
  EXPECT_EQ(sortedRows(a.exceptAll(b).collect()), (std::vector<std::string>{"1", "2", "3", "NULL"}));
  EXPECT_EQ(sortedRows(a.unionAll(b).distinct().collect()), (std::vector<std::string>{"1", "2", "3", "4", "NULL"}));
}

}  // namespace
}  // namespace loch

#include <cmath>

#include "function/aggregate/aggregate_test_util.h"

namespace loch::testing {
namespace {

Value L(int64_t v) { return Value::longValue(v); }

TEST(DistinctAggregateTest, CountDistinctSkipsNullsAndDuplicatesAcrossPartials) {
  auto f = bindAgg("count", {LongType()}, /*distinct=*/true);
  EXPECT_EQ(f.return_type->id(), TypeId::Long);
  auto in = longs({1, 2, std::nullopt, 2, 1, 3, std::nullopt});
  EXPECT_EQ(values(runAggregate(f, {in}, 7, {0, 0, 0, 1, 1, 1, 1}, 3, 3)), (std::vector<Value>{L(2), L(3), L(0)}));
  // All rows in one group, duplicates split between the partial states.
  EXPECT_EQ(values(runAggregate(f, {in}, 7, {}, 1, 2)), std::vector<Value>{L(3)});
}

TEST(DistinctAggregateTest, SumAndAvgDistinct) {
  auto in = ints({5, 5, 7, std::nullopt, 7, 1});
  EXPECT_EQ(values(runAggregate(bindAgg("sum", {IntegerType()}, true), {in}, 6)), std::vector<Value>{L(13)});
  auto avg = values(runAggregate(bindAgg("avg", {IntegerType()}, true), {in}, 6));
  ASSERT_EQ(avg.size(), 1u);
  EXPECT_DOUBLE_EQ(avg[0].getDouble(), 13.0 / 3);
  auto none = ints({std::nullopt, std::nullopt});
  EXPECT_EQ(values(runAggregate(bindAgg("sum", {IntegerType()}, true), {none}, 2)),
            std::vector<Value>{Value::null(LongType())});
}

TEST(DistinctAggregateTest, FloatingPointZerosAndNaNsAreOneValue) {
  double nan = std::nan("");
  auto in = doubles({0.0, -0.0, nan, -nan, 1.5});
  EXPECT_EQ(values(runAggregate(bindAgg("count", {DoubleType()}, true), {in}, 5)), std::vector<Value>{L(3)});
}

TEST(DistinctAggregateTest, MultiColumnStringTuples) {
  auto a = strings({"x", "x", "y", "x", std::nullopt, "y"});
  auto b = longs({1, 1, 1, 2, 1, std::nullopt});
  auto f = bindAgg("count", {StringType(), LongType()}, true);
  // (x,1) (y,1) (x,2); tuples with a NULL are not counted.
  EXPECT_EQ(values(runAggregate(f, {a, b}, 6, {}, 1, 3)), std::vector<Value>{L(3)});
  EXPECT_EQ(values(runAggregate(bindAgg("count", {StringType()}, true), {a}, 6)), std::vector<Value>{L(2)});
}

TEST(DistinctAggregateTest, CollectListDistinctIsSortedAndDeterministic) {
  auto in = longs({3, 1, 3, 2, 1});
  auto out = values(runAggregate(bindAgg("collect_list", {LongType()}, true), {in}, 5));
  auto at = ArrayType(LongType(), false);
  EXPECT_EQ(out, (std::vector<Value>{Value::array(at, {L(1), L(2), L(3)})}));
}

TEST(DistinctAggregateTest, FinalizeTwiceGivesTheSameResult) {
  auto f = bindAgg("sum", {LongType()}, true);
  StateSet states(f, 1);
  EvalContext ctx;
  auto in = longs({4, 4, 6});
  std::vector<uint8_t*> ptrs(3, states[0]);
  f.update({in}, 3, ptrs.data(), ctx);
  EXPECT_EQ(values(f.finalize(states.data(), 1, ctx)), std::vector<Value>{L(10)});
  EXPECT_EQ(values(f.finalize(states.data(), 1, ctx)), std::vector<Value>{L(10)});
}

TEST(DistinctAggregateTest, DecimalSumDistinctOverflowFollowsAnsi) {
  int128_t big = 1;
  for (int i = 0; i < 37; ++i) big *= 10;
  big *= 9;
  auto in = decimals({big, big - 1}, 38, 0);
  expectError([&] { runAggregate(bindAgg("sum", {DecimalType(38, 0)}, true), {in}, 2); }, "ARITHMETIC_OVERFLOW",
              "decimals");
  EXPECT_EQ(values(runAggregate(bindAgg("sum", {DecimalType(38, 0)}, true, false), {in}, 2)),
            std::vector<Value>{Value::null(DecimalType(38, 0))});
}

}  // namespace
}  // namespace loch::testing

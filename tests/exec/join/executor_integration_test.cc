// The join, sort and set operators driven by the real Executor (pipelines,
// breakers, finish() leftovers), checked against the test driver's results.
#include <gtest/gtest.h>

#include "exec/join/op_driver.h"
#include "loch/exec/executor.h"
#include "loch/exec/join/hash_join.h"
#include "loch/exec/set/sample.h"
#include "loch/exec/set/set_operators.h"
#include "loch/exec/sort/limit.h"
#include "loch/exec/sort/sort.h"
#include "loch/exec/sort/top_n.h"

namespace loch::testing {
namespace {

SchemaPtr kv() { return schemaOf({{"k", IntegerType()}, {"v", StringType()}}); }

Rows data(int n, int range, int salt) {
  Rows rows;
  for (int i = 0; i < n; ++i) {
    int k = (i * 7 + salt) % range;
    rows.push_back({k % 11 == 0 ? NI() : I(k), S("v" + std::to_string((i + salt) % 13))});
  }
  return rows;
}

TEST(ExecutorIntegrationTest, FullOuterJoinThenSortAndTopN) {
  Rows probe = data(500, 60, 1), build = data(300, 80, 2);
  std::vector<std::string> first;
  for (int threads : {1, 2, 4}) {
    Env env(threads, 64);
    auto join = std::make_shared<HashJoin>(JoinType::FullOuter, source(kv(), probe, 37), source(kv(), build, 23),
                                           std::vector<PhysicalExprPtr>{col(kv(), 0)},
                                           std::vector<PhysicalExprPtr>{col(kv(), 0)});
    auto js = join->schema();
    std::vector<SortKey> keys{{col(js, 0), true, true}, {col(js, 1), true, true}, {col(js, 2), false, false},
                              {col(js, 3), true, true}};
    auto sorted = std::make_shared<Sort>(join, keys);
    Executor exec(env.ctx);
    Rows out = rowsOf(exec.collect(sorted));
    // Same rows as the driver's join, in sorted order.
    Env env2(1);
    HashJoin ref(JoinType::FullOuter, source(kv(), probe, 37), source(kv(), build, 23), {col(kv(), 0)},
                 {col(kv(), 0)});
    EXPECT_EQ(sortedStrings(out), sortedStrings(rowsOf(runJoin(ref, env2.ctx))));
    if (threads == 1) first = strings(out);
    EXPECT_EQ(strings(out), first);
    // TopN over the same join equals the sorted prefix.
    auto join2 = std::make_shared<HashJoin>(JoinType::FullOuter, source(kv(), probe, 37), source(kv(), build, 23),
                                            std::vector<PhysicalExprPtr>{col(kv(), 0)},
                                            std::vector<PhysicalExprPtr>{col(kv(), 0)});
    auto top = std::make_shared<TopN>(join2, keys, 25, 10);
    Rows top_rows = rowsOf(exec.collect(top));
    ASSERT_EQ(top_rows.size(), 25u);
    EXPECT_EQ(strings(top_rows), std::vector<std::string>(first.begin() + 10, first.begin() + 35));
  }
}

TEST(ExecutorIntegrationTest, SetOperationsLimitAndSample) {
  Rows a = data(400, 30, 3), b = data(200, 30, 5);
  std::vector<std::string> first;
  for (int threads : {1, 2, 4}) {
    Env env(threads, 50);
    Executor exec(env.ctx);
    auto u = std::make_shared<UnionAll>(std::vector<PhysicalOperatorPtr>{source(kv(), a, 31), source(kv(), b, 17)});
    auto sample = std::make_shared<Sample>(u, 0.5, 7);
    auto except = std::make_shared<SetOperation>(SetOpKind::Except, true, sample, source(kv(), b, 13));
    auto distinct = std::make_shared<Distinct>(except);
    auto limit = std::make_shared<Limit>(distinct, 40, 5);
    std::vector<std::string> out = strings(rowsOf(exec.collect(limit)));
    EXPECT_EQ(out.size(), 40u);
    if (threads == 1) first = out;
    EXPECT_EQ(out, first) << threads << " threads";
  }
}

}  // namespace
}  // namespace loch::testing

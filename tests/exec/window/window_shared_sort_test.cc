// Window paths added for speed: a window over the output of a window with the
// same PARTITION BY / ORDER BY reuses its order (no second sort), many small
// partitions per evaluation call, and partitions/peers from the sort's key
// changes; checked against one operator and against a direct computation.

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <numeric>

#include "window_test_util.h"

namespace loch::testing {
namespace {

using VS = std::vector<std::string>;

// Rows (id, p, v): p with NULLs and ~n/3 partitions, v with NULLs, NaN,
// -0.0/0.0 and many ties.
Rows mixedRows(int n, uint64_t seed) {
  Rows in;
  uint64_t x = seed;
  const double vals[] = {1.5, -2.0, 0.0, -0.0, NAN, 3.25, 1.5, -7.0};
  for (int i = 0; i < n; ++i) {
    x = x * 6364136223846793005ULL + 1442695040888963407ULL;
    int p = static_cast<int>((x >> 33) % static_cast<uint64_t>(n / 3 + 1));
    int vi = static_cast<int>((x >> 45) % 9);
    in.push_back({I(i), p == 0 ? NI() : I(p), vi == 8 ? ND() : D(vals[vi])});
  }
  return in;
}

SchemaPtr idPv() { return schemaOf({{"id", IntegerType()}, {"p", IntegerType()}, {"v", DoubleType()}}); }

TEST(WindowSharedSort, WindowOverWindowOutputSkipsTheSortAndMatchesOneOperator) {
  SchemaPtr s = idPv();
  Rows in = mixedRows(3000, 7);
  auto v = col(s, 2);
  std::vector<SortKey> order = {SortKey{v, true, true}};
  for (int threads : {1, 2}) {
    Env env(threads, 256);
    // lag(v) first, then a second window with the same specification.
    auto w1 = makeWindow(source(s, in, 97), {col(s, 1)}, order, {windowFn("lag", {v})});
    std::vector<RecordBatchPtr> lagged = runBreaker(*w1, env.ctx);
    EXPECT_FALSE(w1->reusedInputOrder());
    SchemaPtr s2 = w1->schema();
    auto v2 = col(s2, 2);
    auto w2 = makeWindow(std::make_shared<BatchSource>(s2, lagged), {col(s2, 1)}, {SortKey{v2, true, true}},
                         {windowFn("row_number", {}), windowFn("rank", {}), windowFn("dense_rank", {}),
                          windowAgg("sum", {v2}, rowsFrame(unboundedPreceding(), currentRow())),
                          windowAgg("count", {v2}, defaultOrderedFrame()), windowFn("lead", {col(s2, 0)})});
    Rows two = rowsOf(runBreaker(*w2, env.ctx));
    EXPECT_TRUE(w2->reusedInputOrder()) << threads;
    // The same expressions in one operator over the original input.
    auto id = col(s, 0);
    Rows one = runWindow(s, in, {col(s, 1)}, order,
                         {windowFn("lag", {v}), windowFn("row_number", {}), windowFn("rank", {}),
                          windowFn("dense_rank", {}), windowAgg("sum", {v}, rowsFrame(unboundedPreceding(), currentRow())),
                          windowAgg("count", {v}, defaultOrderedFrame()), windowFn("lead", {id})},
                         threads, 97, 256);
    ASSERT_EQ(one.size(), in.size());
    EXPECT_EQ(strings(two), strings(one)) << threads;
  }
}

TEST(WindowSharedSort, DifferentOrderIsSortedAgain) {
  SchemaPtr s = idPv();
  Rows in = {{I(1), I(1), D(3)}, {I(2), I(1), D(1)}, {I(3), I(2), D(2)}, {I(4), I(1), D(2)}};
  Env env(1);
  auto w1 = makeWindow(source(s, in, 2), {col(s, 1)}, {SortKey{col(s, 2), true, true}}, {windowFn("row_number", {})});
  std::vector<RecordBatchPtr> first = runBreaker(*w1, env.ctx);
  SchemaPtr s2 = w1->schema();
  // Descending v: the input order does not satisfy it.
  auto w2 = makeWindow(std::make_shared<BatchSource>(s2, first), {col(s2, 1)}, {SortKey{col(s2, 2), false, false}},
                       {windowFn("row_number", {})});
  Rows out = rowsOf(runBreaker(*w2, env.ctx));
  EXPECT_FALSE(w2->reusedInputOrder());
  EXPECT_EQ(strings(out), (VS{"(1, 1, 3.0, 3, 1)", "(4, 1, 2.0, 2, 2)", "(2, 1, 1.0, 1, 3)", "(3, 2, 2.0, 1, 1)"}));
}

TEST(WindowSharedSort, AlreadySortedInputWithTiesAndNullsKeepsInputOrder) {
  SchemaPtr s = idPv();
  // Sorted by (p ASC NULLS FIRST, v ASC NULLS FIRST) with ties: ties keep
  // the input order, -0.0 and 0.0 are peers, NaN is last and equal to NaN.
  Rows in = {{I(1), NI(), D(1)}, {I(2), NI(), D(1)}, {I(3), I(1), ND()}, {I(4), I(1), D(-0.0)},
             {I(5), I(1), D(0.0)}, {I(6), I(1), D(NAN)}, {I(7), I(1), D(NAN)}, {I(8), I(2), D(5)}};
  auto op = makeWindow(source(s, in, 3), {col(s, 1)}, {SortKey{col(s, 2), true, true}},
                       {windowFn("row_number", {}), windowFn("rank", {}), windowFn("lag", {col(s, 0)})});
  Env env(2);
  Rows out = rowsOf(runBreaker(*op, env.ctx));
  EXPECT_TRUE(op->reusedInputOrder());
  EXPECT_EQ(strings(out), (VS{"(1, NULL, 1.0, 1, 1, NULL)", "(2, NULL, 1.0, 2, 1, 1)", "(3, 1, NULL, 1, 1, NULL)",
                              "(4, 1, -0.0, 2, 2, 3)", "(5, 1, 0.0, 3, 2, 4)", "(6, 1, NaN, 4, 4, 5)",
                              "(7, 1, NaN, 5, 4, 6)", "(8, 2, 5.0, 1, 1, NULL)"}));
}

TEST(WindowSharedSort, ManySmallPartitionsMatchDirectComputation) {
  SchemaPtr s = idPv();
  const int n = 30000;
  Rows in = mixedRows(n, 99);
  auto v = col(s, 2);
  Rows out = runWindow(s, in, {col(s, 1)}, {SortKey{v, false, false}},
                       {windowFn("row_number", {}), windowFn("rank", {}), windowFn("dense_rank", {}),
                        windowFn("percent_rank", {}), windowFn("cume_dist", {}),
                        windowFn("ntile", {lit(Value::integer(2))}, {Value::integer(2)}), windowFn("lag", {v}),
                        windowFn("lead", {col(s, 0), lit(Value::integer(2))}, {std::nullopt, Value::integer(2)}),
                        windowAgg("count", {v}, rowsFrame(unboundedPreceding(), currentRow()))},
                       2, 1000, 512);
  ASSERT_EQ(static_cast<int>(out.size()), n);
  // Direct computation: stable sort by (p ASC NULLS FIRST, v DESC NULLS LAST
  // with NaN largest and -0.0 == 0.0).
  auto pkey = [&](int i) { return in[i][1].isNull() ? -1 : static_cast<int>(in[i][1].getLong()); };
  auto vcmp = [&](int a, int b) {  // <0 when a sorts first under DESC NULLS LAST
    const Value &x = in[a][2], &y = in[b][2];
    if (x.isNull() || y.isNull()) return x.isNull() == y.isNull() ? 0 : (x.isNull() ? 1 : -1);
    double dx = x.getDouble(), dy = y.getDouble();
    if (std::isnan(dx) || std::isnan(dy)) return std::isnan(dx) == std::isnan(dy) ? 0 : (std::isnan(dx) ? -1 : 1);
    return dx == dy ? 0 : (dx > dy ? -1 : 1);
  };
  std::vector<int> order(n);
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(), [&](int a, int b) {
    if (pkey(a) != pkey(b)) return pkey(a) < pkey(b);
    return vcmp(a, b) < 0;
  });
  VS expected;
  for (int s0 = 0; s0 < n;) {
    int e0 = s0;
    while (e0 < n && pkey(order[e0]) == pkey(order[s0])) ++e0;
    int m = e0 - s0, dense = 0, count = 0;
    for (int i = s0; i < e0; ++i) {
      int pb = i, pe = i + 1;
      while (pb > s0 && vcmp(order[pb - 1], order[i]) == 0) --pb;
      while (pe < e0 && vcmp(order[pe], order[i]) == 0) ++pe;
      if (pb == i) ++dense;
      const auto& r = in[order[i]];
      if (!r[2].isNull()) ++count;
      int q = m / 2, rem = m % 2, big = rem * (q + 1), k = i - s0;
      int tile = k < big ? k / (q + 1) + 1 : rem + (k - big) / q + 1;
      Rows one = {{r[0], r[1], r[2], I(i - s0 + 1), I(pb - s0 + 1), I(dense),
                   D(m <= 1 ? 0.0 : static_cast<double>(pb - s0) / (m - 1)), D(static_cast<double>(pe - s0) / m),
                   I(tile), i > s0 ? in[order[i - 1]][2] : ND(), i + 2 < e0 ? in[order[i + 2]][0] : NI(), L(count)}};
      expected.push_back(strings(one)[0]);
    }
    s0 = e0;
  }
  EXPECT_EQ(strings(out), expected);
}


TEST(WindowSharedSort, OffsetsAndFramesAcrossManyPartitionsOfOneCall) {
  // ~2000 partitions of 1..5 rows, evaluated in a few calls of many
  // partitions each: offsets and frames must stop at partition boundaries.
  SchemaPtr s = schemaOf({{"id", IntegerType()}, {"p", IntegerType()}, {"v", IntegerType()}});
  Rows in;
  std::vector<std::vector<std::optional<int>>> parts;
  uint64_t x = 3;
  int id = 0;
  for (int p = 0; p < 2000; ++p) {
    x = x * 6364136223846793005ULL + 1442695040888963407ULL;
    int m = 1 + static_cast<int>((x >> 40) % 5);
    parts.emplace_back();
    for (int i = 0; i < m; ++i) {
      x = x * 6364136223846793005ULL + 1442695040888963407ULL;
      bool null = (x >> 50) % 3 == 0;
      int v = static_cast<int>((x >> 33) % 100);
      parts.back().push_back(null ? std::nullopt : std::optional<int>(v));
      in.push_back({I(id++), I(p), null ? NI() : I(v)});
    }
  }
  std::reverse(in.begin(), in.end());  // the sort has work to do
  auto v = col(s, 2);
  Rows out = runWindow(s, in, {col(s, 1)}, {SortKey{col(s, 0), true, true}},
                       {windowFn("lag", {v}, {}, true), windowFn("lead", {v, lit(I(1)), lit(I(-1))}, {std::nullopt, I(1), I(-1)}),
                        windowFn("first_value", {v}, {}, true, rowsFrame(preceding(1), following(1))),
                        windowFn("nth_value", {v, lit(I(2))}, {std::nullopt, I(2)}, false, wholeFrame())},
                       2, 50, 300);
  auto text = [](std::optional<int> o) { return o ? std::to_string(*o) : std::string("NULL"); };
  VS expected;
  for (const auto& part : parts) {
    int m = static_cast<int>(part.size());
    for (int i = 0; i < m; ++i) {
      std::optional<int> lag;
      for (int j = i - 1; j >= 0 && !lag; --j) lag = part[j];
      std::string lead = i + 1 < m ? text(part[i + 1]) : "-1";
      std::optional<int> first;
      for (int j = std::max(0, i - 1); j <= std::min(m - 1, i + 1) && !first; ++j) first = part[j];
      std::string nth = m >= 2 ? text(part[1]) : "NULL";
      expected.push_back(text(lag) + "," + lead + "," + text(first) + "," + nth);
    }
  }
  VS got;
  for (const auto& r : out) {
    got.push_back(r[3].toString() + "," + r[4].toString() + "," + r[5].toString() + "," + r[6].toString());
  }
  EXPECT_EQ(got, expected);
}

}  // namespace
}  // namespace loch::testing

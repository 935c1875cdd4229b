// A 1M-row Window checked against a direct computation in the test.

#include <gtest/gtest.h>

#include <algorithm>
#include <numeric>

#include "window_test_util.h"

namespace loch::testing {
namespace {

TEST(WindowScale, MillionRowsMatchDirectComputation) {
  const int64_t n = 1000000, per_batch = 8192;
  SchemaPtr s = schemaOf({{"id", IntegerType()}, {"k", IntegerType()}, {"v", IntegerType()}});
  std::vector<int32_t> ids(n), ks(n), vs(n);
  uint64_t x = 42;
  for (int64_t i = 0; i < n; ++i) {
    x = x * 6364136223846793005ULL + 1442695040888963407ULL;
    ids[i] = static_cast<int32_t>(i);
    ks[i] = static_cast<int32_t>((x >> 33) % 1000);
    vs[i] = static_cast<int32_t>((x >> 45) % 300);
  }
  std::vector<RecordBatchPtr> batches;
  for (int64_t b = 0; b < n; b += per_batch) {
    int64_t m = std::min(per_batch, n - b);
    std::vector<VectorPtr> cols;
    for (const auto* src : {&ids, &ks, &vs}) {
      VectorPtr c = Vector::makeFlat(IntegerType(), m);
      std::copy(src->begin() + b, src->begin() + b + m, c->mutableValues<int32_t>());
      cols.push_back(c);
    }
    batches.push_back(RecordBatch::make(s, cols, m));
  }
  auto v = col(s, 2);
  auto op = makeWindow(std::make_shared<BatchSource>(s, batches), {col(s, 1)}, {SortKey{v, true, true}},
                       {windowFn("row_number", {}), windowFn("rank", {}), windowAgg("sum", {v}, defaultOrderedFrame()),
                        windowAgg("sum", {v}, rowsFrame(preceding(5), following(5))), windowFn("lag", {v}),
                        windowAgg("count", {v}, rangeFrame(preceding(3), following(3)))});
  Env env(2);
  std::vector<RecordBatchPtr> out = runBreaker(*op, env.ctx);

  // Direct computation: sort by (k, v, input position), then per partition.
  std::vector<int64_t> order(n);
  std::iota(order.begin(), order.end(), 0);
  std::sort(order.begin(), order.end(), [&](int64_t a, int64_t b) {
    return std::tie(ks[a], vs[a], a) < std::tie(ks[b], vs[b], b);
  });
  std::vector<int32_t> rn(n), rk(n), lag(n);
  std::vector<int64_t> running(n), sliding(n), range_count(n);
  std::vector<uint8_t> lag_null(n);
  for (int64_t s0 = 0; s0 < n;) {
    int64_t e0 = s0;
    while (e0 < n && ks[order[e0]] == ks[order[s0]]) ++e0;
    std::vector<int64_t> prefix(e0 - s0 + 1, 0);
    for (int64_t i = s0; i < e0; ++i) prefix[i - s0 + 1] = prefix[i - s0] + vs[order[i]];
    for (int64_t i = s0; i < e0; ++i) {
      int32_t val = vs[order[i]];
      rn[i] = static_cast<int32_t>(i - s0 + 1);
      int64_t pb = i;
      while (pb > s0 && vs[order[pb - 1]] == val) --pb;
      int64_t pe = i;
      while (pe < e0 && vs[order[pe]] == val) ++pe;
      rk[i] = static_cast<int32_t>(pb - s0 + 1);
      running[i] = prefix[pe - s0];
      int64_t lo = std::max(s0, i - 5), hi = std::min(e0, i + 6);
      sliding[i] = prefix[hi - s0] - prefix[lo - s0];
      lag_null[i] = i == s0;
      lag[i] = i == s0 ? 0 : vs[order[i - 1]];
      // Rows of the partition are sorted by v: count values in [v-3, v+3].
      int64_t lo3 = s0, hi3 = e0;
      while (lo3 < e0 && vs[order[lo3]] < val - 3) ++lo3;
      while (hi3 > s0 && vs[order[hi3 - 1]] > val + 3) --hi3;
      range_count[i] = hi3 - lo3;
    }
    s0 = e0;
  }

  int64_t row = 0, mismatches = 0;
  for (const auto& b : out) {
    for (int64_t r = 0; r < b->numRows(); ++r, ++row) {
      bool ok = b->column(0)->getValue(r).getLong() == order[row] &&
                b->column(3)->getValue(r).getLong() == rn[row] && b->column(4)->getValue(r).getLong() == rk[row] &&
                b->column(5)->getValue(r).getLong() == running[row] &&
                b->column(6)->getValue(r).getLong() == sliding[row] &&
                b->column(7)->isNull(r) == (lag_null[row] != 0) &&
                (lag_null[row] || b->column(7)->getValue(r).getLong() == lag[row]) &&
                b->column(8)->getValue(r).getLong() == range_count[row];
      if (!ok && ++mismatches < 5) ADD_FAILURE() << "row " << row;
    }
  }
  EXPECT_EQ(row, n);
  EXPECT_EQ(mismatches, 0);
}

}  // namespace
}  // namespace loch::testing

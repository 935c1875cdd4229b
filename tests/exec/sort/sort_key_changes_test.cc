// sortRows' radix path with key changes (first_diff) and keysAlreadySorted,
// against a stable sort with compareKeyValues.

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <numeric>
#include <random>

#include "exec/join/op_driver.h"
#include "loch/common/exception.h"
#include "loch/common/thread_pool.h"
#include "loch/exec/sort/row_sorter.h"
#include "loch/vector/vector_ops.h"

namespace loch::testing {
namespace {

// Keys: a (bigint, NULLs, few values), s (strings sharing a 20-byte prefix,
// so that ties are decided past the normalized prefix), d (double with NaN,
// -0.0, 0.0, NULL).
std::vector<VectorPtr> mixedKeys(int64_t n, uint32_t seed) {
  std::mt19937 rng(seed);
  std::vector<Value> a, s, d;
  const double dv[] = {0.0, -0.0, NAN, 1.0, -1.0, 2.5};
  for (int64_t i = 0; i < n; ++i) {
    uint32_t r = rng();
    a.push_back(r % 17 == 0 ? Value::null(LongType()) : Value::longValue(static_cast<int64_t>(r % 50) - 25));
    s.push_back(Value::string("common-prefix-20byte" + std::to_string((r >> 8) % 3)));
    uint32_t k = (r >> 12) % 7;
    d.push_back(k == 6 ? Value::null(DoubleType()) : Value::doubleValue(dv[k]));
  }
  return {Vector::fromValues(LongType(), a), Vector::fromValues(StringType(), s),
          Vector::fromValues(DoubleType(), d)};
}

int compareRows(const std::vector<VectorPtr>& keys, const std::vector<SortOrderSpec>& specs, int64_t x, int64_t y,
                size_t* first_diff = nullptr) {
  for (size_t k = 0; k < keys.size(); ++k) {
    bool xn = keys[k]->isNull(x), yn = keys[k]->isNull(y);
    int c;
    if (xn || yn) {
      c = xn == yn ? 0 : ((xn == specs[k].nulls_first) ? -1 : 1);
    } else {
      c = compareKeyValues(*keys[k], x, *keys[k], y);
      if (!specs[k].ascending) c = -c;
    }
    if (c) {
      if (first_diff) *first_diff = k;
      return c;
    }
  }
  if (first_diff) *first_diff = keys.size();
  return 0;
}

TEST(SortKeyChanges, RadixSortAndKeyChangesMatchStableSort) {
  const int64_t n = 150000;
  std::vector<VectorPtr> keys = mixedKeys(n, 5);
  for (auto specs : {std::vector<SortOrderSpec>{{true, true}, {true, true}, {true, true}},
                     std::vector<SortOrderSpec>{{false, false}, {true, false}, {false, true}}}) {
    std::vector<uint32_t> expected(static_cast<size_t>(n));
    std::iota(expected.begin(), expected.end(), 0u);
    std::stable_sort(expected.begin(), expected.end(),
                     [&](uint32_t x, uint32_t y) { return compareRows(keys, specs, x, y) < 0; });
    std::vector<uint16_t> want_diff(static_cast<size_t>(n), 0);
    for (int64_t i = 1; i < n; ++i) {
      size_t d = 0;
      compareRows(keys, specs, expected[i - 1], expected[i], &d);
      want_diff[i] = static_cast<uint16_t>(d);
    }
    for (int threads : {1, 2}) {
      Env env(threads);
      std::vector<uint16_t> diff;
      std::vector<uint32_t> got = sortRows(keys, specs, n, nullptr, -1, env.ctx.pool, true, &diff);
      EXPECT_EQ(got, expected) << threads;
      EXPECT_EQ(diff, want_diff) << threads;
    }
    // The sorted keys are recognised as sorted, with the same key changes.
    std::vector<int32_t> rows(expected.begin(), expected.end());
    std::vector<VectorPtr> sorted;
    for (const auto& k : keys) sorted.push_back(gather(*k, rows.data(), n));
    std::vector<uint16_t> diff;
    EXPECT_TRUE(keysAlreadySorted(sorted, specs, n, &diff));
    EXPECT_EQ(diff, want_diff);
    // Not sorted once two rows with different first keys are swapped.
    int64_t i = 1;
    while (want_diff[i] != 0) ++i;
    std::swap(rows[i - 1], rows[i]);
    sorted.clear();
    for (const auto& k : keys) sorted.push_back(gather(*k, rows.data(), n));
    EXPECT_FALSE(keysAlreadySorted(sorted, specs, n, &diff));
  }
}

TEST(SortKeyChanges, EdgeCases) {
  std::vector<SortOrderSpec> one = {{true, true}};
  std::vector<uint16_t> diff = {7};
  // Empty input: sorted, no rows.
  VectorPtr empty = Vector::makeFlat(LongType(), 0);
  EXPECT_TRUE(sortRows({empty}, one, 0, nullptr, -1, nullptr, true, &diff).empty());
  EXPECT_TRUE(diff.empty());
  EXPECT_TRUE(keysAlreadySorted({empty}, one, 0, &diff));
  // All NULL and all equal keys: one group, input order.
  VectorPtr nulls = Vector::fromValues(LongType(), {Value::null(LongType()), Value::null(LongType()), Value::null(LongType())});
  EXPECT_EQ(sortRows({nulls}, one, 3, nullptr, -1, nullptr, true, &diff), (std::vector<uint32_t>{0, 1, 2}));
  EXPECT_EQ(diff, (std::vector<uint16_t>{0, 1, 1}));
  // Key changes need a full sort without ordinals.
  VectorPtr v = Vector::fromValues(LongType(), {Value::longValue(2), Value::longValue(1)});
  EXPECT_THROW(sortRows({v}, one, 2, nullptr, 1, nullptr, true, &diff), InternalException);
  std::vector<uint64_t> ords = {1, 0};
  EXPECT_THROW(sortRows({v}, one, 2, ords.data(), -1, nullptr, true, &diff), InternalException);
  EXPECT_EQ(sortRows({v}, one, 2, ords.data(), -1, nullptr), (std::vector<uint32_t>{1, 0}));
  EXPECT_FALSE(keysAlreadySorted({v}, one, 2, nullptr));
  // No keys: input order, every row equal to the previous one.
  EXPECT_EQ(sortRows({}, {}, 3, nullptr, -1, nullptr, true, &diff), (std::vector<uint32_t>{0, 1, 2}));
  EXPECT_EQ(diff, (std::vector<uint16_t>{0, 0, 0}));
  // Parts: a part with the wrong number of keys is an internal error.
  EXPECT_THROW(sortRowParts({{v}, {}}, one, nullptr, nullptr), InternalException);
  EXPECT_THROW(keyPartsAlreadySorted({{v}, {v, v}}, one, nullptr), InternalException);
  // Parts sorted separately but not across the boundary.
  VectorPtr low = Vector::fromValues(LongType(), {Value::longValue(1), Value::longValue(3)});
  VectorPtr high = Vector::fromValues(LongType(), {Value::longValue(3), Value::longValue(4)});
  EXPECT_TRUE(keyPartsAlreadySorted({{low}, {high}}, one, &diff));
  EXPECT_EQ(diff, (std::vector<uint16_t>{0, 0, 1, 0}));
  EXPECT_FALSE(keyPartsAlreadySorted({{high}, {low}}, one, &diff));
  EXPECT_EQ(sortRowParts({{high}, {low}}, one, nullptr, &diff), (std::vector<uint32_t>{2, 0, 3, 1}));
  EXPECT_EQ(diff, (std::vector<uint16_t>{0, 0, 1, 0}));
}

}  // namespace
}  // namespace loch::testing

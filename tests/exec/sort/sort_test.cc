#include "loch/exec/sort/sort.h"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <random>

#include "exec/join/op_driver.h"
#include "loch/common/exception.h"
#include "loch/exec/sort/limit.h"
#include "loch/exec/sort/top_n.h"
#include "loch/vector/vector_builder.h"

namespace loch::testing {
namespace {

SortKey key(const SchemaPtr& s, int i, bool asc = true, std::optional<bool> nulls_first = std::nullopt) {
  return SortKey{col(s, i), asc, nulls_first.value_or(asc)};
}

Rows sortRowsWith(const SchemaPtr& schema, const Rows& rows, std::vector<SortKey> keys, int threads = 1,
                  size_t per_batch = 3, int64_t batch_size = 4096) {
  Env env(threads, batch_size);
  Sort sort(source(schema, rows, per_batch), std::move(keys));
  return rowsOf(runBreaker(sort, env.ctx));
}

std::vector<std::string> column0(const Rows& rows) {
  std::vector<std::string> out;
  for (const auto& r : rows) out.push_back(r[0].toString());
  return out;
}

TEST(SortTest, IntegersWithNulls) {
  auto s = schemaOf({{"a", IntegerType()}});
  Rows rows = {{I(3)}, {NI()}, {I(-1)}, {I(2147483647)}, {I(-2147483647 - 1)}, {NI()}, {I(0)}};
  EXPECT_EQ(column0(sortRowsWith(s, rows, {key(s, 0)})),
            (std::vector<std::string>{"NULL", "NULL", "-2147483648", "-1", "0", "3", "2147483647"}));
  EXPECT_EQ(column0(sortRowsWith(s, rows, {key(s, 0, false)})),
            (std::vector<std::string>{"2147483647", "3", "0", "-1", "-2147483648", "NULL", "NULL"}));
  EXPECT_EQ(column0(sortRowsWith(s, rows, {key(s, 0, true, false)})),
            (std::vector<std::string>{"-2147483648", "-1", "0", "3", "2147483647", "NULL", "NULL"}));
  EXPECT_EQ(column0(sortRowsWith(s, rows, {key(s, 0, false, true)})),
            (std::vector<std::string>{"NULL", "NULL", "2147483647", "3", "0", "-1", "-2147483648"}));
}

TEST(SortTest, DoublesNaNAndSignedZero) {
  auto s = schemaOf({{"d", DoubleType()}, {"i", IntegerType()}});
  double inf = std::numeric_limits<double>::infinity();
  Rows rows = {{D(std::nan("")), I(0)}, {D(0.0), I(1)}, {D(-inf), I(2)}, {ND(), I(3)},  {D(-0.0), I(4)},
               {D(1.5), I(5)},          {D(inf), I(6)}, {D(-1.5), I(7)}, {D(0.0), I(8)}, {D(-std::nan("")), I(9)}};
  auto asc = sortRowsWith(s, rows, {key(s, 0)});
  EXPECT_EQ(strings(asc), (std::vector<std::string>{"(NULL, 3)", "(-Infinity, 2)", "(-1.5, 7)", "(0.0, 1)",
                                                    "(-0.0, 4)", "(0.0, 8)", "(1.5, 5)", "(Infinity, 6)", "(NaN, 0)",
                                                    "(NaN, 9)"}));
  auto desc = sortRowsWith(s, rows, {key(s, 0, false)});
  EXPECT_EQ(strings(desc), (std::vector<std::string>{"(NaN, 0)", "(NaN, 9)", "(Infinity, 6)", "(1.5, 5)", "(0.0, 1)",
                                                     "(-0.0, 4)", "(0.0, 8)", "(-1.5, 7)", "(-Infinity, 2)",
                                                     "(NULL, 3)"}));
}

TEST(SortTest, StringsByUnsignedBytes) {
  auto s = schemaOf({{"s", StringType()}});
  Rows rows = {{S("b")}, {S("é")}, {S("")}, {S("B")}, {NS()}, {S("abcdefghijklmnopq")}, {S("abcdefghijklmnop")},
               {S("abcdefghijklmnoz")}, {S("a")}, {S(std::string("a\0b", 3))}, {S("~")}};
  auto out = sortRowsWith(s, rows, {key(s, 0)}, 2);
  std::vector<std::string> got;
  for (const auto& r : out) got.push_back(r[0].isNull() ? "NULL" : r[0].getString());
  EXPECT_EQ(got, (std::vector<std::string>{"NULL", "", "B", "a", std::string("a\0b", 3), "abcdefghijklmnop",
                                           "abcdefghijklmnopq", "abcdefghijklmnoz", "b", "~", "é"}));
  auto desc = sortRowsWith(s, rows, {key(s, 0, false)});
  EXPECT_EQ(desc.front()[0].getString(), "é");
  EXPECT_TRUE(desc.back()[0].isNull());
}

TEST(SortTest, NoNullColumnsAndStringPrefixes) {
  auto s = schemaOf({{"s", StringType()}, {"d", DoubleType()}});
  Rows rows = {{S("ab"), D(-0.5)}, {S("abc"), D(2.0)}, {S(""), D(-0.0)}, {S("a"), D(0.0)},
               {S("abcdefghijklmnopqrstuvwxyz"), D(1e300)}, {S("abcdefghijklmnopqrstuvwxy"), D(-1e300)}};
  auto desc = sortRowsWith(s, rows, {key(s, 0, false)});
  EXPECT_EQ(column0(desc), (std::vector<std::string>{"abcdefghijklmnopqrstuvwxyz", "abcdefghijklmnopqrstuvwxy",
                                                     "abc", "ab", "a", ""}));
  auto asc = sortRowsWith(s, rows, {key(s, 0)});
  EXPECT_EQ(column0(asc), (std::vector<std::string>{"", "a", "ab", "abc", "abcdefghijklmnopqrstuvwxy",
                                                    "abcdefghijklmnopqrstuvwxyz"}));
  auto by_double = sortRowsWith(s, rows, {key(s, 1, false)});
  EXPECT_EQ(column0(by_double), (std::vector<std::string>{"abcdefghijklmnopqrstuvwxyz", "abc", "", "a", "ab",
                                                          "abcdefghijklmnopqrstuvwxy"}));
}

TEST(SortTest, MultiKeyStableWithBooleans) {
  auto s = schemaOf({{"b", BooleanType()}, {"x", LongType()}, {"id", IntegerType()}});
  Rows rows = {{Value::boolean(true), L(1), I(0)},  {Value::boolean(false), L(2), I(1)},
               {Value::boolean(true), L(2), I(2)},  {Value::null(BooleanType()), L(1), I(3)},
               {Value::boolean(false), L(2), I(4)}, {Value::boolean(true), L(1), I(5)}};
  auto out = sortRowsWith(s, rows, {key(s, 0), key(s, 1, false)}, 2, 2);
  EXPECT_EQ(strings(out), (std::vector<std::string>{"(NULL, 1, 3)", "(false, 2, 1)", "(false, 2, 4)",
                                                    "(true, 2, 2)", "(true, 1, 0)", "(true, 1, 5)"}));
}

TEST(SortTest, DecimalsDatesAndManyKeys) {
  auto s = schemaOf({{"d", DecimalType(38, 2)}, {"t", DateType()}, {"l", LongType()}, {"s", StringType()}});
  auto dec = [](int128_t v) { return Value::decimal(v, 38, 2); };
  int128_t big = static_cast<int128_t>(1) << 100;
  Rows rows = {{dec(-big), Value::date(5), L(1), S("x")}, {dec(big), Value::date(-5), L(1), S("y")},
               {dec(0), Value::date(1), L(2), S("b")},    {dec(0), Value::date(1), L(2), S("a")},
               {dec(-1), Value::date(0), L(0), S("z")}};
  auto out = sortRowsWith(s, rows, {key(s, 0), key(s, 1), key(s, 2), key(s, 3)});
  std::vector<std::string> got;
  for (const auto& r : out) got.push_back(r[3].getString());
  EXPECT_EQ(got, (std::vector<std::string>{"x", "z", "a", "b", "y"}));
}

TEST(SortTest, EmptyInputAndChunks) {
  auto s = schemaOf({{"a", IntegerType()}});
  EXPECT_TRUE(sortRowsWith(s, {}, {key(s, 0)}).empty());
  Rows rows;
  for (int i = 0; i < 100; ++i) rows.push_back({I(99 - i)});
  Env env(2, 30);
  Sort sort(source(s, rows, 7), {key(s, 0)});
  auto batches = runBreaker(sort, env.ctx);
  ASSERT_EQ(batches.size(), 4u);
  EXPECT_EQ(batches[3]->numRows(), 10);
  EXPECT_EQ(rowsOf(batches)[42][0].toString(), "42");
  EXPECT_EQ(sort.toString(), "Sort([a ASC NULLS FIRST])");
  EXPECT_THROW(Sort(source(s, {}), {}), InternalException);
}

// A million rows: two keys (int64 with NULLs, desc; string) checked against
// std::stable_sort, identical for 1, 2 and 4 threads.
TEST(SortTest, MillionRowsMatchStableSort) {
  const int64_t kRows = 1'000'000;
  auto s = schemaOf({{"k", LongType()}, {"id", LongType()}});
  std::mt19937_64 rng(7);
  std::vector<RecordBatchPtr> batches;
  struct Ref {
    bool null;
    int64_t k;
    int64_t id;
  };
  std::vector<Ref> ref;
  for (int64_t start = 0; start < kRows; start += 10000) {
    auto k = Vector::makeFlat(LongType(), 10000);
    auto id = Vector::makeFlat(LongType(), 10000);
    for (int64_t i = 0; i < 10000; ++i) {
      int64_t v = static_cast<int64_t>(rng() % 100000) - 50000;
      bool null = rng() % 50 == 0;
      k->mutableValues<int64_t>()[i] = v;
      if (null) k->setNull(i);
      id->mutableValues<int64_t>()[i] = start + i;
      ref.push_back({null, v, start + i});
    }
    batches.push_back(RecordBatch::make(s, {k, id}, 10000));
  }
  // DESC NULLS LAST.
  std::stable_sort(ref.begin(), ref.end(), [](const Ref& a, const Ref& b) {
    if (a.null != b.null) return !a.null;
    return !a.null && a.k > b.k;
  });
  for (int threads : {1, 2, 4}) {
    Env env(threads);
    Sort sort(std::make_shared<BatchSource>(s, batches), {SortKey{col(s, 0), false, false}});
    auto out = runBreaker(sort, env.ctx);
    int64_t pos = 0;
    bool ok = true;
    for (const auto& b : out) {
      const int64_t* ids = b->column(1)->values<int64_t>();
      for (int64_t i = 0; i < b->numRows() && ok; ++i, ++pos) ok = ids[i] == ref[pos].id;
    }
    EXPECT_TRUE(ok) << threads << " threads, first mismatch at " << pos;
    EXPECT_EQ(pos, kRows);
    EXPECT_GT(env.ctx.memory->peak(), kRows * 16);
  }
}

// Keys without NULLs that fit 8 bytes take the radix-sort path.
TEST(SortTest, RadixPathMatchesStableSort) {
  auto s = schemaOf({{"k", IntegerType()}, {"id", IntegerType()}});
  std::mt19937 rng(9);
  std::vector<std::pair<int32_t, int32_t>> ref;
  std::vector<RecordBatchPtr> batches;
  for (int b = 0; b < 25; ++b) {
    auto k = Vector::makeFlat(IntegerType(), 4000);
    auto id = Vector::makeFlat(IntegerType(), 4000);
    for (int i = 0; i < 4000; ++i) {
      int32_t v = static_cast<int32_t>(rng() % 20000) - 10000;
      if (i % 1000 == 0) v = i % 2000 == 0 ? std::numeric_limits<int32_t>::min() : std::numeric_limits<int32_t>::max();
      k->mutableValues<int32_t>()[i] = v;
      id->mutableValues<int32_t>()[i] = b * 4000 + i;
      ref.push_back({v, b * 4000 + i});
    }
    batches.push_back(RecordBatch::make(s, {k, id}, 4000));
  }
  for (bool asc : {true, false}) {
    auto expected = ref;
    std::stable_sort(expected.begin(), expected.end(),
                     [&](const auto& a, const auto& b) { return asc ? a.first < b.first : a.first > b.first; });
    for (int threads : {1, 2}) {
      Env env(threads);
      Sort sort(std::make_shared<BatchSource>(s, batches), {SortKey{col(s, 0), asc, asc}});
      Rows out = rowsOf(runBreaker(sort, env.ctx));
      ASSERT_EQ(out.size(), expected.size());
      bool ok = true;
      for (size_t i = 0; i < out.size() && ok; ++i) ok = out[i][1].getLong() == expected[i].second;
      EXPECT_TRUE(ok) << (asc ? "asc" : "desc") << " threads " << threads;
    }
  }
}

TEST(TopNTest, MatchesFullSortWithLimitAndOffset) {
  auto s = schemaOf({{"k", IntegerType()}, {"s", StringType()}, {"id", IntegerType()}});
  std::mt19937 rng(3);
  Rows rows;
  for (int i = 0; i < 20000; ++i) {
    Value k = rng() % 10 == 0 ? NI() : I(static_cast<int>(rng() % 50));
    rows.push_back({k, S("s" + std::to_string(rng() % 7)), I(i)});
  }
  std::vector<SortKey> keys{key(s, 0, false), key(s, 1)};
  Rows full = sortRowsWith(s, rows, keys, 1, 1000);
  for (auto [limit, offset] : std::vector<std::pair<int64_t, int64_t>>{{10, 0}, {100, 7}, {5000, 3000}, {0, 5},
                                                                        {30000, 0}, {10, 19995}, {10, 50000}}) {
    Rows expected;
    for (int64_t i = offset; i < std::min<int64_t>(offset + limit, static_cast<int64_t>(full.size())); ++i) {
      expected.push_back(full[i]);
    }
    for (int threads : {1, 2, 4}) {
      Env env(threads, 1024);
      TopN top(source(s, rows, 1000), keys, limit, offset);
      auto out = rowsOf(runBreaker(top, env.ctx));
      EXPECT_EQ(strings(out), strings(expected)) << "limit " << limit << " offset " << offset << " threads "
                                                 << threads;
    }
  }
  TopN top(source(s, {}), keys, 10, 2);
  EXPECT_EQ(top.toString(), "TopN(limit=10, offset=2, [k DESC NULLS LAST, s ASC NULLS FIRST])");
  Env env(1);
  EXPECT_TRUE(runBreaker(top, env.ctx).empty());
}

// Enough rows for the workers to cut their buffers and drop rows beyond the
// boundary, with many ties on the boundary key.
TEST(TopNTest, LargeInputWithTiesMatchesSort) {
  auto s = schemaOf({{"k", IntegerType()}, {"s", StringType()}, {"id", IntegerType()}});
  std::mt19937 rng(21);
  std::vector<RecordBatchPtr> batches;
  for (int b = 0; b < 40; ++b) {
    auto k = Vector::makeFlat(IntegerType(), 4096);
    auto id = Vector::makeFlat(IntegerType(), 4096);
    VectorBuilder sb(StringType());
    for (int i = 0; i < 4096; ++i) {
      k->mutableValues<int32_t>()[i] = static_cast<int32_t>(rng() % 100);
      if (rng() % 20 == 0) k->setNull(i);
      id->mutableValues<int32_t>()[i] = b * 4096 + i;
      sb.appendString(std::string(1, static_cast<char>('a' + rng() % 3)));
    }
    batches.push_back(RecordBatch::make(s, {k, sb.finish(), id}, 4096));
  }
  std::vector<SortKey> keys{key(s, 0, false), key(s, 1)};
  Env full_env(1);
  Sort sort(std::make_shared<BatchSource>(s, batches), keys);
  std::vector<std::string> full = strings(rowsOf(runBreaker(sort, full_env.ctx)));
  for (auto [limit, offset] : std::vector<std::pair<int64_t, int64_t>>{{10, 5}, {3000, 0}, {20000, 1000}}) {
    std::vector<std::string> expected(full.begin() + offset, full.begin() + offset + limit);
    for (int threads : {1, 2, 4}) {
      Env env(threads);
      TopN top(std::make_shared<BatchSource>(s, batches), keys, limit, offset);
      EXPECT_EQ(strings(rowsOf(runBreaker(top, env.ctx))), expected)
          << "limit " << limit << " offset " << offset << " threads " << threads;
    }
  }
}

TEST(LimitTest, FirstRowsInMorselOrder) {
  auto s = schemaOf({{"a", IntegerType()}});
  Rows rows;
  for (int i = 0; i < 1000; ++i) rows.push_back({I(i)});
  for (int threads : {1, 2, 4}) {
    for (auto [limit, offset] : std::vector<std::pair<int64_t, int64_t>>{
             {10, 0}, {10, 5}, {0, 0}, {500, 990}, {5, 1000}, {-1, 995}, {2000, 0}, {7, 3}}) {
      Env env(threads);
      Limit op(source(s, rows, 7), limit, offset);
      auto out = column0(rowsOf(runBreaker(op, env.ctx)));
      std::vector<std::string> expected;
      int64_t end = limit < 0 ? 1000 : std::min<int64_t>(1000, offset + limit);
      for (int64_t i = offset; i < end; ++i) expected.push_back(std::to_string(i));
      EXPECT_EQ(out, expected) << limit << " " << offset << " threads " << threads;
    }
  }
  Limit op(source(s, {}), 3, 1);
  EXPECT_EQ(op.toString(), "Limit(limit=3, offset=1)");
  EXPECT_THROW(Limit(source(s, {}), -2, 0), InternalException);
}

}  // namespace
}  // namespace loch::testing

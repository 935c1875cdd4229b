#include "loch/exec/set/set_operators.h"

#include <gtest/gtest.h>

#include <cmath>
#include <map>
#include <random>

#include "exec/join/op_driver.h"
#include "loch/common/exception.h"
#include "loch/exec/set/row_groups.h"
#include "loch/exec/set/sample.h"

namespace loch::testing {
namespace {

SchemaPtr twoCols() { return schemaOf({{"a", IntegerType()}, {"s", StringType()}}); }

Rows leftRows() {
  return {{I(1), S("x")}, {I(1), S("x")}, {I(1), S("x")}, {NI(), S("y")}, {NI(), S("y")},
          {I(2), NS()},   {I(3), S("z")}, {I(2), NS()},   {NI(), NS()}};
}
Rows rightRows() { return {{I(1), S("x")}, {NI(), S("y")}, {NI(), S("y")}, {NI(), S("y")}, {I(2), NS()}, {I(4), S("w")}}; }

Rows runSetOp(SetOpKind kind, bool all, const Rows& l, const Rows& r, int threads) {
  Env env(threads, 2);
  SetOperation op(kind, all, source(twoCols(), l, 2), source(twoCols(), r, 4));
  return rowsOf(runBreaker(op, env.ctx));
}

TEST(SetOperationTest, IntersectAndExceptWithNulls) {
  for (int threads : {1, 2, 4}) {
    SCOPED_TRACE(threads);
    EXPECT_EQ(strings(runSetOp(SetOpKind::Intersect, false, leftRows(), rightRows(), threads)),
              (std::vector<std::string>{"(1, x)", "(NULL, y)", "(2, NULL)"}));
    EXPECT_EQ(strings(runSetOp(SetOpKind::Intersect, true, leftRows(), rightRows(), threads)),
              (std::vector<std::string>{"(1, x)", "(NULL, y)", "(NULL, y)", "(2, NULL)"}));
    EXPECT_EQ(strings(runSetOp(SetOpKind::Except, false, leftRows(), rightRows(), threads)),
              (std::vector<std::string>{"(3, z)", "(NULL, NULL)"}));
    EXPECT_EQ(strings(runSetOp(SetOpKind::Except, true, leftRows(), rightRows(), threads)),
              (std::vector<std::string>{"(1, x)", "(1, x)", "(2, NULL)", "(3, z)", "(NULL, NULL)"}));
  }
}

TEST(SetOperationTest, EmptySides) {
  EXPECT_TRUE(runSetOp(SetOpKind::Intersect, false, leftRows(), {}, 2).empty());
  EXPECT_TRUE(runSetOp(SetOpKind::Intersect, true, {}, rightRows(), 2).empty());
  EXPECT_EQ(runSetOp(SetOpKind::Except, false, leftRows(), {}, 2).size(), 5u);
  EXPECT_EQ(runSetOp(SetOpKind::Except, true, leftRows(), {}, 2).size(), 9u);
  EXPECT_TRUE(runSetOp(SetOpKind::Except, true, {}, {}, 2).empty());
}

TEST(SetOperationTest, RandomMultisetsMatchCounts) {
  std::mt19937 rng(11);
  auto gen = [&](int n) {
    Rows rows;
    for (int i = 0; i < n; ++i) {
      Value a = rng() % 5 == 0 ? NI() : I(static_cast<int>(rng() % 30));
      Value s = rng() % 7 == 0 ? NS() : S(std::string(rng() % 3, 'q'));
      rows.push_back({a, s});
    }
    return rows;
  };
  Rows l = gen(3000), r = gen(2000);
  std::map<std::string, int64_t> lc, rc;
  for (const auto& row : l) ++lc[rowString(row)];
  for (const auto& row : r) ++rc[rowString(row)];
  std::map<std::string, int64_t> inter, except;
  size_t except_distinct = 0;
  for (const auto& [k, c] : lc) {
    int64_t rcount = rc.count(k) ? rc[k] : 0;
    if (std::min(c, rcount) > 0) inter[k] = std::min(c, rcount);
    if (c - rcount > 0) except[k] = c - rcount;
    if (rcount == 0) ++except_distinct;
  }
  auto counts = [](const Rows& rows) {
    std::map<std::string, int64_t> m;
    for (const auto& row : rows) ++m[rowString(row)];
    return m;
  };
  Rows first;
  for (int threads : {1, 2, 4}) {
    Rows ia = runSetOp(SetOpKind::Intersect, true, l, r, threads);
    EXPECT_EQ(counts(ia), inter);
    Rows ea = runSetOp(SetOpKind::Except, true, l, r, threads);
    EXPECT_EQ(counts(ea), except);
    Rows id = runSetOp(SetOpKind::Intersect, false, l, r, threads);
    EXPECT_EQ(id.size(), inter.size());
    Rows ed = runSetOp(SetOpKind::Except, false, l, r, threads);
    EXPECT_EQ(ed.size(), except_distinct);
    if (threads == 1) first = ea;
    EXPECT_EQ(strings(ea), strings(first));
  }
}

TEST(SetOperationTest, SchemaAndErrors) {
  std::vector<StructField> nn{StructField("a", IntegerType(), false), StructField("s", StringType(), true)};
  auto strict = std::make_shared<BatchSource>(StructType(nn), std::vector<RecordBatchPtr>{});
  auto loose = source(twoCols(), {});
  SetOperation inter(SetOpKind::Intersect, false, loose, strict);
  EXPECT_FALSE(inter.schema()->fields()[0].nullable);
  SetOperation except(SetOpKind::Except, true, loose, strict);
  EXPECT_TRUE(except.schema()->fields()[0].nullable);
  EXPECT_EQ(except.toString(), "ExceptAll");
  EXPECT_EQ(inter.toString(), "Intersect");
  auto other = source(schemaOf({{"a", LongType()}, {"s", StringType()}}), {});
  EXPECT_THROW(SetOperation(SetOpKind::Except, false, loose, other), InternalException);
  EXPECT_THROW(UnionAll({loose, source(schemaOf({{"a", IntegerType()}}), {})}), InternalException);
}

TEST(UnionAllTest, KeepsChildAndMorselOrder) {
  auto s = schemaOf({{"a", IntegerType()}});
  Rows a, b, c;
  for (int i = 0; i < 20; ++i) a.push_back({I(i)});
  for (int i = 0; i < 5; ++i) b.push_back({NI()});
  for (int i = 100; i < 110; ++i) c.push_back({I(i)});
  for (int threads : {1, 2, 4}) {
    Env env(threads);
    UnionAll u({source(s, a, 3), source(s, {}), source(s, b, 2), source(s, c, 4)});
    Rows out = rowsOf(runBreaker(u, env.ctx));
    Rows expected = a;
    expected.insert(expected.end(), b.begin(), b.end());
    expected.insert(expected.end(), c.begin(), c.end());
    EXPECT_EQ(strings(out), strings(expected));
    EXPECT_EQ(u.toString(), "UnionAll(4 children)");
  }
}

TEST(DistinctTest, FirstOccurrencesWithNullsNaNAndZero) {
  auto s = schemaOf({{"d", DoubleType()}, {"s", StringType()}});
  Rows rows = {{D(0.0), S("a")},         {D(-0.0), S("a")}, {D(std::nan("")), NS()}, {ND(), NS()},
               {D(-std::nan("")), NS()}, {ND(), NS()},      {D(1.0), S("a")},        {D(1.0), S("b")},
               {D(1.0), S("a")}};
  for (int threads : {1, 2, 4}) {
    Env env(threads);
    Distinct d(source(s, rows, 2));
    EXPECT_EQ(strings(rowsOf(runBreaker(d, env.ctx))),
              (std::vector<std::string>{"(0.0, a)", "(NaN, NULL)", "(NULL, NULL)", "(1.0, a)", "(1.0, b)"}));
  }
  Env env(1);
  Distinct empty(source(s, {}));
  EXPECT_TRUE(runBreaker(empty, env.ctx).empty());
}

TEST(DistinctTest, LargeInputMatchesSet) {
  auto s = schemaOf({{"a", LongType()}, {"b", IntegerType()}});
  std::vector<RecordBatchPtr> batches;
  std::mt19937_64 rng(5);
  std::set<std::pair<int64_t, int32_t>> expected;
  for (int b = 0; b < 50; ++b) {
    auto x = Vector::makeFlat(LongType(), 4000);
    auto y = Vector::makeFlat(IntegerType(), 4000);
    for (int i = 0; i < 4000; ++i) {
      int64_t v = static_cast<int64_t>(rng() % 5000);
      int32_t w = static_cast<int32_t>(rng() % 4);
      x->mutableValues<int64_t>()[i] = v;
      y->mutableValues<int32_t>()[i] = w;
      expected.insert({v, w});
    }
    batches.push_back(RecordBatch::make(s, {x, y}, 4000));
  }
  Rows first;
  for (int threads : {1, 2}) {
    Env env(threads);
    Distinct d(std::make_shared<BatchSource>(s, batches));
    Rows out = rowsOf(runBreaker(d, env.ctx));
    EXPECT_EQ(out.size(), expected.size());
    std::set<std::pair<int64_t, int32_t>> got;
    for (const auto& r : out) got.insert({r[0].getLong(), static_cast<int32_t>(r[1].getLong())});
    EXPECT_EQ(got, expected);
    if (threads == 1) first = out;
    EXPECT_EQ(strings(out), strings(first));
  }
}

TEST(RowGroupsTest, FirstOccurrences) {
  auto v = Vector::fromValues(IntegerType(), {I(5), NI(), I(5), I(7), NI(), I(7), I(5)});
  EXPECT_EQ(firstOccurrences({v}, 7), (std::vector<int32_t>{0, 1, 0, 3, 1, 3, 0}));
  EXPECT_EQ(firstOccurrences({}, 3), (std::vector<int32_t>{0, 0, 0}));
}

TEST(SampleTest, DeterministicForAnyThreadCount) {
  auto s = schemaOf({{"a", IntegerType()}});
  Rows rows;
  for (int i = 0; i < 20000; ++i) rows.push_back({I(i)});
  auto src = source(s, rows, 1000);
  for (bool repl : {false, true}) {
    Rows first;
    for (int threads : {1, 2, 4}) {
      Env env(threads, 300);
      Sample op(src, 0.25, 42, repl);
      auto batches = runStreaming(op, *src, env.ctx);
      for (const auto& b : batches) EXPECT_LE(b->numRows(), 300);
      Rows out = rowsOf(batches);
      if (threads == 1) {
        first = out;
        EXPECT_GT(out.size(), 4500u);
        EXPECT_LT(out.size(), 5500u);
      } else {
        EXPECT_EQ(strings(out), strings(first));
      }
    }
    Env env(2);
    Sample other(src, 0.25, 43, repl);
    EXPECT_NE(strings(rowsOf(runStreaming(other, *src, env.ctx))), strings(first));
  }
  Env env(2);
  Sample none(src, 0.0, 1), all(src, 1.0, 1);
  EXPECT_TRUE(rowsOf(runStreaming(none, *src, env.ctx)).empty());
  EXPECT_EQ(rowsOf(runStreaming(all, *src, env.ctx)).size(), 20000u);
  EXPECT_EQ(all.toString(), "Sample(fraction=1.0, seed=1, withReplacement=false)");
}

TEST(SampleTest, InvalidFraction) {
  auto s = schemaOf({{"a", IntegerType()}});
  try {
    Sample(source(s, {}), 1.5, 1, false);
    FAIL() << "expected InvalidArgumentException";
  } catch (const InvalidArgumentException& e) {
    EXPECT_EQ(e.errorClass(), "INVALID_SAMPLING_FRACTION");
    EXPECT_NE(std::string(e.what()).find("1.5"), std::string::npos);
  }
  EXPECT_THROW(Sample(source(s, {}), -0.1, 1, true), InvalidArgumentException);
  EXPECT_NO_THROW(Sample(source(s, {}), 3.0, 1, true));
}

}  // namespace
}  // namespace loch::testing

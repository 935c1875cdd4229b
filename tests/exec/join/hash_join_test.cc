#include "loch/exec/join/hash_join.h"

#include <gtest/gtest.h>

#include <map>
#include <random>

#include "exec/join/op_driver.h"
#include "loch/common/exception.h"

namespace loch::testing {
namespace {

const JoinType kAllTypes[] = {JoinType::Inner,    JoinType::LeftOuter, JoinType::RightOuter,
                              JoinType::FullOuter, JoinType::LeftSemi,  JoinType::LeftAnti};

using Cond = std::function<std::optional<bool>(const std::vector<Value>&)>;

// Independent nested-loop reference with Spark's semantics.
Rows referenceJoin(JoinType type, const Rows& probe, const Rows& build, const std::vector<std::pair<int, int>>& keys,
                   const std::vector<bool>& null_safe, const Cond& cond, size_t probe_width, size_t build_width) {
  Rows out;
  std::vector<bool> build_matched(build.size(), false);
  for (const auto& p : probe) {
    bool any = false;
    for (size_t b = 0; b < build.size(); ++b) {
      bool eq = true;
      for (size_t k = 0; k < keys.size() && eq; ++k) {
        const Value& x = p[keys[k].first];
        const Value& y = build[b][keys[k].second];
        if (x.isNull() || y.isNull()) {
          eq = !null_safe.empty() && null_safe[k] && x.isNull() && y.isNull();
        } else {
          eq = x == y;
        }
      }
      if (!eq) continue;
      std::vector<Value> joined = p;
      joined.insert(joined.end(), build[b].begin(), build[b].end());
      if (cond) {
        auto r = cond(joined);
        if (!r || !*r) continue;
      }
      any = true;
      build_matched[b] = true;
      if (!joinOutputsProbeOnly(type)) out.push_back(joined);
    }
    if (type == JoinType::LeftSemi && any) out.push_back(p);
    if (type == JoinType::LeftAnti && !any) out.push_back(p);
    if (joinKeepsProbe(type) && !any) {
      std::vector<Value> joined = p;
      for (size_t i = 0; i < build_width; ++i) joined.push_back(Value::null(NullType()));
      out.push_back(joined);
    }
  }
  if (joinKeepsBuild(type)) {
    for (size_t b = 0; b < build.size(); ++b) {
      if (build_matched[b]) continue;
      std::vector<Value> joined;
      for (size_t i = 0; i < probe_width; ++i) joined.push_back(Value::null(NullType()));
      joined.insert(joined.end(), build[b].begin(), build[b].end());
      out.push_back(joined);
    }
  }
  return out;
}

// NULLs print the same whatever their type, so rows compare as strings.
void expectSameRows(const Rows& actual, const Rows& expected) {
  EXPECT_EQ(sortedStrings(actual), sortedStrings(expected));
}

SchemaPtr probeSchema() { return schemaOf({{"a", IntegerType()}, {"s", StringType()}, {"x", LongType()}}); }
SchemaPtr buildSchema() { return schemaOf({{"b", IntegerType()}, {"t", StringType()}, {"y", LongType()}}); }

Rows randomRows(int n, int key_range, uint32_t seed, int null_every) {
  std::mt19937 rng(seed);
  Rows rows;
  for (int i = 0; i < n; ++i) {
    int k = static_cast<int>(rng() % key_range);
    Value key = (null_every && rng() % null_every == 0) ? NI() : I(k);
    Value s = (null_every && rng() % null_every == 0) ? NS() : S("k" + std::to_string(rng() % 3));
    rows.push_back({key, s, L(static_cast<int64_t>(rng() % 100))});
  }
  return rows;
}

std::vector<RecordBatchPtr> joinBatches(JoinType type, const Rows& probe, const Rows& build, int threads,
                                        bool two_keys, PhysicalExprPtr cond, std::vector<bool> null_safe = {},
                                        int64_t batch_size = 4096, size_t per_batch = 7) {
  Env env(threads, batch_size);
  auto ps = probeSchema(), bs = buildSchema();
  std::vector<PhysicalExprPtr> pk{col(ps, 0)}, bk{col(bs, 0)};
  if (two_keys) {
    pk.push_back(col(ps, 1));
    bk.push_back(col(bs, 1));
  }
  if (!null_safe.empty()) null_safe.resize(pk.size(), false);
  HashJoin join(type, source(ps, probe, per_batch), source(bs, build, per_batch), pk, bk, cond, null_safe);
  return runJoin(join, env.ctx);
}

TEST(HashJoinTest, InnerWithNullsAndDuplicates) {
  Rows probe = {{I(1), S("a"), L(10)}, {I(2), S("b"), L(20)}, {NI(), S("c"), L(30)}, {I(1), S("d"), L(40)}};
  Rows build = {{I(1), S("x"), L(1)}, {I(1), S("y"), L(2)}, {NI(), S("z"), L(3)}, {I(3), S("w"), L(4)}};
  auto out = rowsOf(joinBatches(JoinType::Inner, probe, build, 1, false, nullptr));
  EXPECT_EQ(sortedStrings(out), (std::vector<std::string>{"(1, a, 10, 1, x, 1)", "(1, a, 10, 1, y, 2)",
                                                    "(1, d, 40, 1, x, 1)", "(1, d, 40, 1, y, 2)"}));
}

TEST(HashJoinTest, OuterJoinsPadWithNulls) {
  Rows probe = {{I(1), S("a"), L(10)}, {I(2), S("b"), L(20)}, {NI(), S("c"), L(30)}};
  Rows build = {{I(1), S("x"), L(1)}, {NI(), S("z"), L(3)}, {I(3), S("w"), L(4)}};
  auto left = rowsOf(joinBatches(JoinType::LeftOuter, probe, build, 1, false, nullptr));
  EXPECT_EQ(sortedStrings(left), (std::vector<std::string>{"(1, a, 10, 1, x, 1)", "(2, b, 20, NULL, NULL, NULL)",
                                                           "(NULL, c, 30, NULL, NULL, NULL)"}));
  auto right = rowsOf(joinBatches(JoinType::RightOuter, probe, build, 1, false, nullptr));
  EXPECT_EQ(sortedStrings(right), (std::vector<std::string>{"(1, a, 10, 1, x, 1)", "(NULL, NULL, NULL, 3, w, 4)",
                                                            "(NULL, NULL, NULL, NULL, z, 3)"}));
  auto full = rowsOf(joinBatches(JoinType::FullOuter, probe, build, 1, false, nullptr));
  EXPECT_EQ(full.size(), 5u);
  auto semi = rowsOf(joinBatches(JoinType::LeftSemi, probe, build, 1, false, nullptr));
  EXPECT_EQ(strings(semi), (std::vector<std::string>{"(1, a, 10)"}));
  auto anti = rowsOf(joinBatches(JoinType::LeftAnti, probe, build, 1, false, nullptr));
  EXPECT_EQ(strings(anti), (std::vector<std::string>{"(2, b, 20)", "(NULL, c, 30)"}));
}

TEST(HashJoinTest, OutputSchemaNullability) {
  auto ps = schemaOf({{"a", IntegerType()}});
  auto bs = schemaOf({{"b", IntegerType()}});
  std::vector<StructField> pf{StructField("a", IntegerType(), false)};
  std::vector<StructField> bf{StructField("b", IntegerType(), false)};
  auto p = std::make_shared<BatchSource>(StructType(pf), std::vector<RecordBatchPtr>{});
  auto b = std::make_shared<BatchSource>(StructType(bf), std::vector<RecordBatchPtr>{});
  HashJoin left(JoinType::LeftOuter, p, b, {col(ps, 0)}, {col(bs, 0)});
  EXPECT_FALSE(left.schema()->fields()[0].nullable);
  EXPECT_TRUE(left.schema()->fields()[1].nullable);
  HashJoin right(JoinType::RightOuter, p, b, {col(ps, 0)}, {col(bs, 0)});
  EXPECT_TRUE(right.schema()->fields()[0].nullable);
  EXPECT_FALSE(right.schema()->fields()[1].nullable);
  HashJoin semi(JoinType::LeftSemi, p, b, {col(ps, 0)}, {col(bs, 0)});
  EXPECT_EQ(semi.schema()->fields().size(), 1u);
}

TEST(HashJoinTest, ResidualConditionOuterSemantics) {
  // Probe row 1 has two matches, both failing x < y: it is NULL-padded once.
  Rows probe = {{I(1), S("a"), L(50)}, {I(2), S("b"), L(1)}, {I(3), S("c"), L(5)}};
  Rows build = {{I(1), S("x"), L(10)}, {I(1), S("y"), L(20)}, {I(2), S("z"), L(30)}, {I(3), S("w"), NL()}};
  auto cond = rowPredicate("(x < y)", [](const std::vector<Value>& r) -> std::optional<bool> {
    if (r[2].isNull() || r[5].isNull()) return std::nullopt;
    return r[2].getLong() < r[5].getLong();
  });
  auto left = rowsOf(joinBatches(JoinType::LeftOuter, probe, build, 1, false, cond));
  EXPECT_EQ(sortedStrings(left), (std::vector<std::string>{"(1, a, 50, NULL, NULL, NULL)", "(2, b, 1, 2, z, 30)",
                                                           "(3, c, 5, NULL, NULL, NULL)"}));
  auto right = rowsOf(joinBatches(JoinType::RightOuter, probe, build, 1, false, cond));
  EXPECT_EQ(sortedStrings(right),
            (std::vector<std::string>{"(2, b, 1, 2, z, 30)", "(NULL, NULL, NULL, 1, x, 10)",
                                      "(NULL, NULL, NULL, 1, y, 20)", "(NULL, NULL, NULL, 3, w, NULL)"}));
  auto semi = rowsOf(joinBatches(JoinType::LeftSemi, probe, build, 1, false, cond));
  EXPECT_EQ(strings(semi), (std::vector<std::string>{"(2, b, 1)"}));
  auto anti = rowsOf(joinBatches(JoinType::LeftAnti, probe, build, 1, false, cond));
  EXPECT_EQ(strings(anti), (std::vector<std::string>{"(1, a, 50)", "(3, c, 5)"}));
}

TEST(HashJoinTest, NullSafeKeys) {
  Rows probe = {{I(1), S("a"), L(1)}, {NI(), S("b"), L(2)}};
  Rows build = {{NI(), S("x"), L(3)}, {I(1), S("y"), L(4)}, {NI(), S("z"), L(5)}};
  auto out = rowsOf(joinBatches(JoinType::Inner, probe, build, 1, false, nullptr, {true}));
  EXPECT_EQ(sortedStrings(out), (std::vector<std::string>{"(1, a, 1, 1, y, 4)", "(NULL, b, 2, NULL, x, 3)",
                                                          "(NULL, b, 2, NULL, z, 5)"}));
}

TEST(HashJoinTest, EmptySides) {
  Rows some = {{I(1), S("a"), L(1)}, {NI(), S("b"), L(2)}};
  for (JoinType t : kAllTypes) {
    SCOPED_TRACE(joinTypeName(t));
    auto no_build = rowsOf(joinBatches(t, some, {}, 2, false, nullptr));
    expectSameRows(no_build, referenceJoin(t, some, {}, {{0, 0}}, {}, nullptr, 3, 3));
    auto no_probe = rowsOf(joinBatches(t, {}, some, 2, false, nullptr));
    expectSameRows(no_probe, referenceJoin(t, {}, some, {{0, 0}}, {}, nullptr, 3, 3));
    auto none = rowsOf(joinBatches(t, {}, {}, 2, false, nullptr));
    EXPECT_TRUE(none.empty());
  }
}

TEST(HashJoinTest, AllTypesMatchReferenceForAnyThreadCount) {
  Rows probe = randomRows(300, 20, 1, 7);
  Rows build = randomRows(200, 25, 2, 9);
  Cond fn = [](const std::vector<Value>& r) -> std::optional<bool> {
    return (r[2].getLong() + r[5].getLong()) % 3 != 0;
  };
  auto cond = rowPredicate("((x + y) % 3 != 0)", fn);
  for (JoinType t : kAllTypes) {
    for (bool two_keys : {false, true}) {
      for (bool with_cond : {false, true}) {
        SCOPED_TRACE(joinTypeName(t) + (two_keys ? " two keys" : " one key") + (with_cond ? " cond" : ""));
        std::vector<std::pair<int, int>> keys{{0, 0}};
        if (two_keys) keys.push_back({1, 1});
        Rows expected = referenceJoin(t, probe, build, keys, {}, with_cond ? fn : Cond(), 3, 3);
        Rows first;
        for (int threads : {1, 2, 4}) {
          auto batches = joinBatches(t, probe, build, threads, two_keys, with_cond ? cond : nullptr, {}, 64);
          for (const auto& b : batches) EXPECT_LE(b->numRows(), 64);
          Rows out = rowsOf(batches);
          if (threads == 1) {
            expectSameRows(out, expected);
            first = out;
          } else {
            EXPECT_EQ(strings(out), strings(first)) << threads << " threads";
          }
        }
      }
    }
  }
}

TEST(HashJoinTest, StringAndDoubleKeys) {
  auto ps = schemaOf({{"s", StringType()}, {"d", DoubleType()}});
  auto bs = schemaOf({{"t", StringType()}, {"e", DoubleType()}});
  double nan = std::nan("");
  Rows probe = {{S("héllo"), D(0.0)}, {S(""), D(nan)}, {S("a"), D(1.5)}, {NS(), D(1.0)}};
  Rows build = {{S("héllo"), D(-0.0)}, {S(""), D(nan)}, {S("a"), D(2.5)}, {NS(), D(1.0)}};
  Env env(2);
  HashJoin join(JoinType::Inner, source(ps, probe, 2), source(bs, build, 2), {col(ps, 0), col(ps, 1)},
                {col(bs, 0), col(bs, 1)});
  auto out = rowsOf(runJoin(join, env.ctx));
  EXPECT_EQ(sortedStrings(out), (std::vector<std::string>{"(, NaN, , NaN)", "(héllo, 0.0, héllo, -0.0)"}));
}

TEST(HashJoinTest, DecimalDateAndBooleanKeys) {
  auto ps = schemaOf({{"d", DecimalType(38, 2)}, {"t", DateType()}, {"b", BooleanType()}});
  auto bs = schemaOf({{"e", DecimalType(38, 2)}, {"u", DateType()}, {"c", BooleanType()}});
  auto dec = [](int128_t v) { return Value::decimal(v, 38, 2); };
  int128_t big = static_cast<int128_t>(1) << 100;
  Rows probe = {{dec(big), Value::date(1), Value::boolean(true)},
                {dec(-5), Value::date(-1), Value::boolean(false)},
                {dec(7), Value::date(3), Value::boolean(true)}};
  Rows build = {{dec(big), Value::date(1), Value::boolean(true)},
                {dec(-5), Value::date(-1), Value::boolean(true)},
                {dec(7), Value::date(3), Value::boolean(true)},
                {dec(big + 1), Value::date(1), Value::boolean(true)}};
  Env env(2);
  HashJoin join(JoinType::LeftSemi, source(ps, probe, 2), source(bs, build, 2), {col(ps, 0), col(ps, 1), col(ps, 2)},
                {col(bs, 0), col(bs, 1), col(bs, 2)});
  auto out = rowsOf(runJoin(join, env.ctx));
  ASSERT_EQ(out.size(), 2u);
  EXPECT_EQ(out[0][1].toString(), "1970-01-02");
  EXPECT_EQ(out[1][1].toString(), "1970-01-04");
}

TEST(HashJoinTest, CrossJoinBatchesOutput) {
  auto ps = schemaOf({{"a", IntegerType()}});
  auto bs = schemaOf({{"b", IntegerType()}});
  Rows probe, build;
  for (int i = 0; i < 30; ++i) probe.push_back({I(i)});
  for (int i = 0; i < 7; ++i) build.push_back({I(100 + i)});
  for (int threads : {1, 2}) {
    Env env(threads, 16);
    HashJoin join(JoinType::Cross, source(ps, probe, 10), source(bs, build, 3), {}, {});
    auto batches = runJoin(join, env.ctx);
    int64_t total = 0;
    for (const auto& b : batches) {
      EXPECT_LE(b->numRows(), 16);
      total += b->numRows();
    }
    EXPECT_EQ(total, 210);
    auto rows = rowsOf(batches);
    EXPECT_EQ(rowString(rows.front()), "(0, 100)");
    EXPECT_EQ(rowString(rows.back()), "(29, 106)");
  }
}

TEST(HashJoinTest, ManyMatchesSplitIntoBatches) {
  auto ps = schemaOf({{"a", IntegerType()}});
  auto bs = schemaOf({{"b", IntegerType()}});
  Rows probe = {{I(1)}, {I(2)}};
  Rows build;
  for (int i = 0; i < 1000; ++i) build.push_back({I(1)});
  Env env(1, 100);
  HashJoin join(JoinType::Inner, source(ps, probe, 10), source(bs, build, 64), {col(ps, 0)}, {col(bs, 0)});
  auto batches = runJoin(join, env.ctx);
  EXPECT_EQ(batches.size(), 10u);
  for (const auto& b : batches) EXPECT_EQ(b->numRows(), 100);
}

TEST(HashJoinTest, NestedLoopJoinAllTypes) {
  Rows probe = randomRows(60, 10, 5, 6);
  Rows build = randomRows(40, 10, 6, 6);
  auto fn = [](const std::vector<Value>& r) -> std::optional<bool> {
    if (r[0].isNull() || r[3].isNull()) return std::nullopt;
    return r[0].getLong() < r[3].getLong() && r[2].getLong() > r[5].getLong();
  };
  auto cond = rowPredicate("((a < b) AND (x > y))", fn);
  for (JoinType t : kAllTypes) {
    SCOPED_TRACE(joinTypeName(t));
    Rows expected = referenceJoin(t, probe, build, {}, {}, fn, 3, 3);
    Rows first;
    for (int threads : {1, 2, 4}) {
      Env env(threads, 50);
      NestedLoopJoin join(t, source(probeSchema(), probe, 7), source(buildSchema(), build, 7), cond);
      Rows out = rowsOf(runJoin(join, env.ctx));
      if (threads == 1) {
        expectSameRows(out, expected);
        first = out;
      } else {
        EXPECT_EQ(strings(out), strings(first));
      }
    }
  }
}

TEST(HashJoinTest, MillionRowProbeMatchesMultimap) {
  const int64_t kProbe = 1'000'000, kBuild = 50'000;
  auto ps = schemaOf({{"k", LongType()}, {"v", LongType()}});
  auto bs = schemaOf({{"k", LongType()}, {"w", LongType()}});
  std::mt19937_64 rng(42);
  auto makeBatches = [&](int64_t n, int64_t key_range, const SchemaPtr& schema, std::vector<int64_t>& keys,
                         std::vector<int64_t>& vals) {
    std::vector<RecordBatchPtr> batches;
    for (int64_t start = 0; start < n; start += 4096) {
      int64_t m = std::min<int64_t>(4096, n - start);
      auto k = Vector::makeFlat(LongType(), m);
      auto v = Vector::makeFlat(LongType(), m);
      for (int64_t i = 0; i < m; ++i) {
        int64_t key = static_cast<int64_t>(rng() % key_range);
        k->mutableValues<int64_t>()[i] = key;
        v->mutableValues<int64_t>()[i] = start + i;
        if (key % 97 == 0) k->setNull(i);
        keys.push_back(key % 97 == 0 ? -1 : key);
        vals.push_back(start + i);
      }
      batches.push_back(RecordBatch::make(schema, {k, v}, m));
    }
    return batches;
  };
  std::vector<int64_t> pk, pv, bk, bv;
  auto probe = makeBatches(kProbe, 80'000, ps, pk, pv);
  auto build = makeBatches(kBuild, 80'000, bs, bk, bv);
  std::multimap<int64_t, int64_t> index;
  for (size_t i = 0; i < bk.size(); ++i) {
    if (bk[i] >= 0) index.emplace(bk[i], bv[i]);
  }
  int64_t expected_rows = 0, expected_sum = 0, expected_unmatched = 0;
  for (size_t i = 0; i < pk.size(); ++i) {
    auto [lo, hi] = index.equal_range(pk[i]);
    if (pk[i] < 0 || lo == hi) ++expected_unmatched;
    if (pk[i] < 0) continue;
    for (auto it = lo; it != hi; ++it) {
      ++expected_rows;
      expected_sum += pv[i] * 3 + it->second;
    }
  }
  for (int threads : {1, 2}) {
    Env env(threads);
    HashJoin join(JoinType::LeftOuter, std::make_shared<BatchSource>(ps, probe),
                  std::make_shared<BatchSource>(bs, build), {col(ps, 0)}, {col(bs, 0)});
    int64_t rows = 0, sum = 0, unmatched = 0;
    std::mutex mu;
    runSink(join, 1, *join.children()[1], env.ctx);
    join.finalize(env.ctx);
    EXPECT_EQ(join.buildRows(), kBuild);
    auto states = std::vector<std::unique_ptr<OperatorState>>();
    for (int w = 0; w < threads; ++w) states.push_back(join.makeState(env.ctx));
    env.pool.parallelFor(static_cast<int64_t>(probe.size()), [&](int64_t m, int w) {
      int64_t r = 0, s = 0, u = 0;
      join.execute(probe[m], states[w].get(), env.ctx, [&](const RecordBatchPtr& b) {
        const int64_t* v = b->column(1)->values<int64_t>();
        const Vector& wcol = *b->column(3);
        for (int64_t i = 0; i < b->numRows(); ++i) {
          if (wcol.isNull(i)) {
            ++u;
          } else {
            ++r;
            s += v[i] * 3 + wcol.values<int64_t>()[i];
          }
        }
      });
      std::lock_guard<std::mutex> lock(mu);
      rows += r;
      sum += s;
      unmatched += u;
    });
    EXPECT_EQ(rows, expected_rows);
    EXPECT_EQ(sum, expected_sum);
    EXPECT_EQ(unmatched, expected_unmatched);
    EXPECT_GT(env.ctx.memory->peak(), kBuild * 16);
  }
}

TEST(HashJoinTest, NullAwareAntiJoin) {
  auto run = [](const Rows& probe, const Rows& build) {
    Env env(2);
    auto ps = probeSchema(), bs = buildSchema();
    HashJoin join(JoinType::LeftAnti, source(ps, probe, 2), source(bs, build, 2), {col(ps, 0)}, {col(bs, 0)});
    join.setNullAwareAnti(true);
    EXPECT_EQ(join.toString(), "HashJoin(LeftAnti, keys=[a = b], nullAware)");
    return strings(rowsOf(runJoin(join, env.ctx)));
  };
  Rows probe = {{I(1), S("a"), L(1)}, {I(2), S("b"), L(2)}, {NI(), S("c"), L(3)}};
  EXPECT_EQ(run(probe, {{I(1), S("x"), L(1)}}), (std::vector<std::string>{"(2, b, 2)"}));
  EXPECT_TRUE(run(probe, {{I(1), S("x"), L(1)}, {NI(), S("y"), L(2)}}).empty());
  EXPECT_EQ(run(probe, {}), (std::vector<std::string>{"(1, a, 1)", "(2, b, 2)", "(NULL, c, 3)"}));
  auto ps = probeSchema(), bs = buildSchema();
  HashJoin inner(JoinType::Inner, source(ps, {}), source(bs, {}), {col(ps, 0)}, {col(bs, 0)});
  EXPECT_THROW(inner.setNullAwareAnti(true), InternalException);
}

TEST(HashJoinTest, ToStringAndErrors) {
  auto ps = probeSchema(), bs = buildSchema();
  auto cond = rowPredicate("(x > y)", [](const std::vector<Value>&) { return std::optional<bool>(true); });
  HashJoin join(JoinType::LeftOuter, source(ps, {}), source(bs, {}), {col(ps, 0), col(ps, 1)},
                {col(bs, 0), col(bs, 1)}, cond, {false, true});
  EXPECT_EQ(join.toString(), "HashJoin(LeftOuter, keys=[a = b, s <=> t], condition=(x > y))");
  NestedLoopJoin nlj(JoinType::Inner, source(ps, {}), source(bs, {}), cond);
  EXPECT_EQ(nlj.toString(), "NestedLoopJoin(Inner, condition=(x > y))");
  EXPECT_THROW(HashJoin(JoinType::Inner, source(ps, {}), source(bs, {}), {col(ps, 0)}, {col(bs, 1)}),
               InternalException);
  EXPECT_THROW(HashJoin(JoinType::Inner, source(ps, {}), source(bs, {}), {col(ps, 0)}, {}), InternalException);
}

TEST(HashJoinTest, MemoryLimitFailsCleanly) {
  Rows build = randomRows(5000, 100, 3, 0);
  Env env(1, 4096, 1000);
  HashJoin join(JoinType::Inner, source(probeSchema(), {}), source(buildSchema(), build, 1000),
                {col(probeSchema(), 0)}, {col(buildSchema(), 0)});
  try {
    runJoin(join, env.ctx);
    FAIL() << "expected MemoryLimitException";
  } catch (const MemoryLimitException& e) {
    EXPECT_NE(std::string(e.what()).find("HashJoin(build)"), std::string::npos) << e.what();
  }
}

}  // namespace
}  // namespace loch::testing

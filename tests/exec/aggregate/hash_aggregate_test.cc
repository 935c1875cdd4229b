#include <gtest/gtest.h>

#include <cmath>
#include <map>
#include <tuple>

#include "exec/aggregate/aggregate_driver.h"
#include "loch/common/exception.h"
#include "loch/vector/vector_builder.h"
#include <set>

namespace loch::testing {
namespace {

Value L(int64_t v) { return Value::longValue(v); }

SchemaPtr schemaOf(std::vector<StructField> fields) { return StructType(std::move(fields)); }

/// Splits rows into batches of `per_batch` rows.
std::vector<RecordBatchPtr> batchesOf(const SchemaPtr& schema, const std::vector<std::vector<Value>>& rows,
                                      size_t per_batch) {
  std::vector<RecordBatchPtr> out;
  for (size_t start = 0; start < rows.size(); start += per_batch) {
    std::vector<std::vector<Value>> part(rows.begin() + static_cast<long>(start),
                                         rows.begin() + static_cast<long>(std::min(rows.size(), start + per_batch)));
    out.push_back(RecordBatch::fromRows(schema, part));
  }
  return out;
}

/// Batches of two bigint columns (key, value) from generator functions.
std::vector<RecordBatchPtr> longBatches(int64_t rows, int64_t per_batch, const std::function<int64_t(int64_t)>& key,
                                        const std::function<int64_t(int64_t)>& value) {
  SchemaPtr schema = schemaOf({{"k", LongType()}, {"v", LongType()}});
  std::vector<RecordBatchPtr> out;
  for (int64_t start = 0; start < rows; start += per_batch) {
    int64_t n = std::min(per_batch, rows - start);
    VectorPtr k = Vector::makeFlat(LongType(), n);
    VectorPtr v = Vector::makeFlat(LongType(), n);
    for (int64_t i = 0; i < n; ++i) {
      k->mutableValues<int64_t>()[i] = key(start + i);
      v->mutableValues<int64_t>()[i] = value(start + i);
    }
    out.push_back(RecordBatch::make(schema, {k, v}, n));
  }
  return out;
}

template <class Fn>
void expectError(Fn&& fn, const std::string& error_class, const std::string& fragment) {
  try {
    fn();
    ADD_FAILURE() << "expected " << error_class;
  } catch (const LochException& e) {
    EXPECT_EQ(e.errorClass(), error_class) << e.what();
    EXPECT_NE(e.message().find(fragment), std::string::npos) << e.what();
  }
}

TEST(HashAggregateTest, ToStringForExplain) {
  auto user = col(0, LongType(), "user_id");
  auto value = col(1, LongType(), "value");
  auto op = makeAggregate({user}, {aggOf("count", {}), aggOf("sum", {value})});
  EXPECT_EQ(op->toString(), "HashAggregate(keys=[user_id], functions=[count(1), sum(value)])");
  EXPECT_EQ(op->role(), OperatorRole::Breaker);
  auto filter = std::make_shared<LambdaExpr>(BooleanType(), "(value > 1)", [](const RecordBatch& b) {
    return Vector::makeConstant(Value::boolean(true), b.numRows());
  });
  auto op2 = makeAggregate({}, {aggOf("count", {value}, true), aggOf("max", {value}, false, filter)});
  EXPECT_EQ(op2->toString(),
            "HashAggregate(keys=[], functions=[count(DISTINCT value), max(value) FILTER (WHERE (value > 1))])");
}

TEST(HashAggregateTest, GlobalAggregateOfEmptyInputGivesOneRow) {
  auto v = col(1, LongType(), "v");
  auto op = makeAggregate({}, {aggOf("count", {}), aggOf("sum", {v}), aggOf("collect_list", {v})});
  auto empty = RecordBatch::empty(schemaOf({{"k", LongType()}, {"v", LongType()}}));
  auto result = drive(*op, {empty}, 2);
  ASSERT_EQ(result.rows.size(), 1u);
  EXPECT_EQ(result.rows[0], (std::vector<Value>{L(0), Value::null(LongType()),
                                                 Value::array(ArrayType(LongType(), false), {})}));
  auto op_no_batches = makeAggregate({}, {aggOf("count", {})});
  EXPECT_EQ(drive(*op_no_batches, {}, 1).rows, (std::vector<std::vector<Value>>{{L(0)}}));
}

TEST(HashAggregateTest, GroupedAggregateOfEmptyInputGivesNoRows) {
  auto op = makeAggregate({col(0, LongType(), "k")}, {aggOf("count", {})});
  auto empty = RecordBatch::empty(schemaOf({{"k", LongType()}, {"v", LongType()}}));
  EXPECT_TRUE(drive(*op, {empty}, 2).rows.empty());
  EXPECT_EQ(op->groupCount(), 0);
}

TEST(HashAggregateTest, NullKeyIsItsOwnGroup) {
  SchemaPtr schema = schemaOf({{"k", IntegerType()}, {"v", LongType()}});
  auto N = [] { return Value::null(IntegerType()); };
  std::vector<std::vector<Value>> rows = {{Value::integer(1), L(10)}, {Value::integer(2), L(20)},
                                          {N(), L(30)},               {Value::integer(1), L(40)},
                                          {N(), Value::null(LongType())}};
  auto k = col(0, IntegerType(), "k");
  auto v = col(1, LongType(), "v");
  auto op = makeAggregate({k}, {aggOf("count", {}), aggOf("count", {v}), aggOf("sum", {v})});
  auto result = drive(*op, batchesOf(schema, rows, 2), 2);
  std::vector<std::vector<Value>> expected = {{Value::integer(1), L(2), L(2), L(50)},
                                              {Value::integer(2), L(1), L(1), L(20)},
                                              {N(), L(2), L(1), L(30)}};
  EXPECT_EQ(rowTexts(result.rows), rowTexts(expected));
}

TEST(HashAggregateTest, DoubleKeysGroupNaNsAndSignedZeros) {
  SchemaPtr schema = schemaOf({{"k", DoubleType()}});
  double nan1 = std::nan("1"), nan2 = -std::nan("2");
  std::vector<std::vector<Value>> rows = {{Value::doubleValue(0.0)}, {Value::doubleValue(-0.0)},
                                          {Value::doubleValue(nan1)}, {Value::doubleValue(nan2)},
                                          {Value::doubleValue(1.5)}};
  auto op = makeAggregate({col(0, DoubleType(), "k")}, {aggOf("count", {})});
  auto result = drive(*op, batchesOf(schema, rows, 1), 2);
  ASSERT_EQ(result.rows.size(), 3u);
  std::map<std::string, int64_t> counts;
  for (const auto& r : result.rows) counts[r[0].toString()] = r[1].getLong();
  EXPECT_EQ(counts["0.0"], 2);
  EXPECT_EQ(counts["NaN"], 2);
  EXPECT_EQ(counts["1.5"], 1);
}

TEST(HashAggregateTest, StringKeysAcrossBatchesMatchStdMap) {
  SchemaPtr schema = schemaOf({{"name", StringType()}, {"v", LongType()}});
  std::vector<std::vector<Value>> rows;
  std::map<std::string, std::tuple<int64_t, int64_t, std::string>> expected;  // count, sum, max name+v
  for (int i = 0; i < 20000; ++i) {
    bool null_key = i % 97 == 0;
    std::string name = "user-" + std::to_string((i * 31) % 713) + (i % 2 ? "" : "-with-a-longer-suffix");
    rows.push_back({null_key ? Value::null(StringType()) : Value::string(name), L(i)});
    auto& e = expected[null_key ? "NULL" : name];
    std::get<0>(e) += 1;
    std::get<1>(e) += i;
  }
  auto name = col(0, StringType(), "name");
  auto v = col(1, LongType(), "v");
  auto op = makeAggregate({name}, {aggOf("count", {}), aggOf("sum", {v}), aggOf("min", {name})});
  auto result = drive(*op, batchesOf(schema, rows, 1000), 4);
  ASSERT_EQ(result.rows.size(), expected.size());
  for (const auto& r : result.rows) {
    std::string key = r[0].isNull() ? "NULL" : r[0].getString();
    ASSERT_TRUE(expected.count(key)) << key;
    EXPECT_EQ(r[1].getLong(), std::get<0>(expected[key])) << key;
    EXPECT_EQ(r[2].getLong(), std::get<1>(expected[key])) << key;
    EXPECT_EQ(r[3], r[0]) << key;  // min of the key within its group is the key
  }
}

TEST(HashAggregateTest, MultiColumnKeysWithNulls) {
  SchemaPtr schema = schemaOf({{"a", StringType()}, {"b", IntegerType()}, {"v", DoubleType()}});
  auto S = [](const char* s) { return s ? Value::string(s) : Value::null(StringType()); };
  auto I = [](std::optional<int32_t> i) { return i ? Value::integer(*i) : Value::null(IntegerType()); };
  std::vector<std::vector<Value>> rows = {
      {S("x"), I(1), Value::doubleValue(1)},     {S("x"), I(std::nullopt), Value::doubleValue(2)},
      {S(nullptr), I(1), Value::doubleValue(3)}, {S(nullptr), I(std::nullopt), Value::doubleValue(4)},
      {S("x"), I(1), Value::doubleValue(5)},     {S(nullptr), I(std::nullopt), Value::doubleValue(6)},
      {S(""), I(1), Value::doubleValue(7)}};
  auto op = makeAggregate({col(0, StringType(), "a"), col(1, IntegerType(), "b")},
                          {aggOf("count", {}), aggOf("avg", {col(2, DoubleType(), "v")})});
  auto result = drive(*op, batchesOf(schema, rows, 3), 2);
  std::vector<std::vector<Value>> expected = {{S("x"), I(1), L(2), Value::doubleValue(3)},
                                              {S("x"), I(std::nullopt), L(1), Value::doubleValue(2)},
                                              {S(nullptr), I(1), L(1), Value::doubleValue(3)},
                                              {S(nullptr), I(std::nullopt), L(2), Value::doubleValue(5)},
                                              {S(""), I(1), L(1), Value::doubleValue(7)}};
  EXPECT_EQ(rowTexts(result.rows), rowTexts(expected));
}

TEST(HashAggregateTest, FilterClauseOnlyFeedsMatchingRows) {
  auto batches = longBatches(1000, 128, [](int64_t i) { return i % 3; }, [](int64_t i) { return i; });
  auto v = col(1, LongType(), "v");
  auto big = std::make_shared<LambdaExpr>(BooleanType(), "(v > 900)", [](const RecordBatch& b) {
    VectorBuilder out(BooleanType(), b.numRows());
    for (int64_t i = 0; i < b.numRows(); ++i) {
      int64_t x = b.column(1)->values<int64_t>()[i];
      if (x % 10 == 0) {
        out.appendNull();  // NULL predicate: row skipped
      } else {
        out.appendBool(x > 900);
      }
    }
    return out.finish();
  });
  auto op = makeAggregate({col(0, LongType(), "k")},
                          {aggOf("count", {}, false, big), aggOf("sum", {v}, false, big), aggOf("count", {})});
  auto result = drive(*op, batches, 2);
  std::map<int64_t, std::array<int64_t, 3>> expected;
  for (int64_t i = 0; i < 1000; ++i) {
    auto& e = expected[i % 3];
    e[2] += 1;
    if (i > 900 && i % 10 != 0) {
      e[0] += 1;
      e[1] += i;
    }
  }
  ASSERT_EQ(result.rows.size(), 3u);
  for (const auto& r : result.rows) {
    auto& e = expected[r[0].getLong()];
    EXPECT_EQ(r[1].getLong(), e[0]);
    EXPECT_EQ(r[2].getLong(), e[1]);
    EXPECT_EQ(r[3].getLong(), e[2]);
  }
  // A filter no row passes leaves sum NULL and count 0.
  auto none = std::make_shared<LambdaExpr>(BooleanType(), "false", [](const RecordBatch& b) {
    return Vector::makeConstant(Value::boolean(false), b.numRows());
  });
  auto op2 = makeAggregate({}, {aggOf("count", {}, false, none), aggOf("sum", {v}, false, none)});
  EXPECT_EQ(drive(*op2, batches, 2).rows, (std::vector<std::vector<Value>>{{L(0), Value::null(LongType())}}));
}

TEST(HashAggregateTest, OneTwoAndFourThreadsGiveTheSameRows) {
  auto batches = longBatches(200000, 1000, [](int64_t i) { return (i * 2654435761LL) % 5003; },
                             [](int64_t i) { return (i % 17) - 8; });
  auto run = [&](int threads) {
    auto k = col(0, LongType(), "k");
    auto v = col(1, LongType(), "v");
    auto op = makeAggregate({k}, {aggOf("count", {}), aggOf("sum", {v}), aggOf("min", {v}), aggOf("max", {v}),
                                  aggOf("count", {v}, true), aggOf("collect_set", {k}),
                                  aggOf("sum", {v}, true), aggOf("bool_or", {std::make_shared<LambdaExpr>(
                                      BooleanType(), "(v > 7)", [](const RecordBatch& b) {
                                        VectorPtr out = Vector::makeFlat(BooleanType(), b.numRows());
                                        for (int64_t i = 0; i < b.numRows(); ++i)
                                          out->mutableValues<uint8_t>()[i] = b.column(1)->values<int64_t>()[i] > 7;
                                        return out;
                                      })})});
    return rowTexts(drive(*op, batches, threads).rows);
  };
  auto one = run(1);
  EXPECT_EQ(one.size(), 5003u);
  EXPECT_EQ(run(2), one);
  EXPECT_EQ(run(4), one);
}

TEST(HashAggregateTest, MillionRowsHundredThousandGroupsMatchStdMap) {
  const int64_t rows = 1000000;
  auto key = [](int64_t i) { return (i * 7919) % 100003 - 50000; };
  auto value = [](int64_t i) { return (i * 31) % 1001 - 500; };
  auto batches = longBatches(rows, 4096, key, value);
  struct Expect {
    int64_t count = 0, sum = 0, min = INT64_MAX, max = INT64_MIN;
  };
  std::map<int64_t, Expect> expected;
  for (int64_t i = 0; i < rows; ++i) {
    auto& e = expected[key(i)];
    int64_t x = value(i);
    e.count += 1;
    e.sum += x;
    e.min = std::min(e.min, x);
    e.max = std::max(e.max, x);
  }
  auto k = col(0, LongType(), "k");
  auto v = col(1, LongType(), "v");
  auto op = makeAggregate({k}, {aggOf("count", {}), aggOf("sum", {v}), aggOf("min", {v}), aggOf("max", {v}),
                                aggOf("avg", {v})});
  auto result = drive(*op, batches, 2);
  ASSERT_EQ(result.rows.size(), expected.size());
  EXPECT_EQ(op->groupCount(), static_cast<int64_t>(expected.size()));
  for (const auto& r : result.rows) {
    auto it = expected.find(r[0].getLong());
    ASSERT_NE(it, expected.end());
    const Expect& e = it->second;
    ASSERT_EQ(r[1].getLong(), e.count);
    ASSERT_EQ(r[2].getLong(), e.sum);
    ASSERT_EQ(r[3].getLong(), e.min);
    ASSERT_EQ(r[4].getLong(), e.max);
    ASSERT_NEAR(r[5].getDouble(), static_cast<double>(e.sum) / static_cast<double>(e.count), 1e-9);
  }
  for (int64_t size : result.batch_sizes) EXPECT_LE(size, 4096);
}

TEST(HashAggregateTest, OutputBatchesAreAboutBatchSize) {
  auto batches = longBatches(10000, 4096, [](int64_t i) { return i; }, [](int64_t i) { return i; });
  auto op = makeAggregate({col(0, LongType(), "k")}, {aggOf("count", {})});
  auto result = drive(*op, batches, 2, nullptr, 100);
  EXPECT_EQ(result.rows.size(), 10000u);
  for (int64_t size : result.batch_sizes) {
    EXPECT_GT(size, 0);
    EXPECT_LE(size, 100);
  }
}

TEST(HashAggregateTest, MemoryLimitExceededNamesTheOperator) {
  auto batches = longBatches(300000, 4096, [](int64_t i) { return i; }, [](int64_t i) { return i; });
  auto memory = std::make_shared<MemoryTracker>(2 * 1024 * 1024);
  auto op = makeAggregate({col(0, LongType(), "k")}, {aggOf("count", {}), aggOf("sum", {col(1, LongType(), "v")})});
  expectError([&] { drive(*op, batches, 2, memory); }, "MEMORY_LIMIT_EXCEEDED", "HashAggregate");
  op.reset();
  EXPECT_EQ(memory->used(), 0);  // everything released with the operator
}

TEST(HashAggregateTest, MemoryIsReleasedAfterSuccess) {
  auto memory = std::make_shared<MemoryTracker>(0);
  auto batches = longBatches(50000, 4096, [](int64_t i) { return i % 1000; }, [](int64_t i) { return i; });
  auto op = makeAggregate({col(0, LongType(), "k")}, {aggOf("collect_list", {col(1, LongType(), "v")})});
  auto result = drive(*op, batches, 2, memory);
  EXPECT_EQ(result.rows.size(), 1000u);
  EXPECT_GT(memory->used(), 0);
  op.reset();
  EXPECT_EQ(memory->used(), 0);
}

TEST(HashAggregateTest, SumOverflowRaisesUnderAnsiAndWrapsOtherwise) {
  auto batches = longBatches(4, 2, [](int64_t) { return 1; }, [](int64_t i) { return i < 2 ? INT64_MAX : 0; });
  auto v = col(1, LongType(), "v");
  auto op = makeAggregate({col(0, LongType(), "k")}, {aggOf("sum", {v})});
  expectError([&] { drive(*op, batches, 1); }, "ARITHMETIC_OVERFLOW", "overflow");
  auto legacy = makeAggregate({col(0, LongType(), "k")}, {aggOf("sum", {v}, false, nullptr, /*ansi=*/false)});
  auto result = drive(*legacy, batches, 2, nullptr, 4096, false);
  ASSERT_EQ(result.rows.size(), 1u);
  EXPECT_EQ(result.rows[0][1], L(-2));
}

TEST(HashAggregateTest, DistinctAcrossThreadsAndFirstLastStrings) {
  SchemaPtr schema = schemaOf({{"k", BooleanType()}, {"s", StringType()}});
  std::vector<std::vector<Value>> rows;
  for (int i = 0; i < 5000; ++i)
    rows.push_back({Value::boolean(i % 2 == 0), i % 11 == 0 ? Value::null(StringType())
                                                             : Value::string("s" + std::to_string(i % 37))});
  auto s = col(1, StringType(), "s");
  auto op = makeAggregate({col(0, BooleanType(), "k")},
                          {aggOf("count", {s}, true), aggOf("max", {s}), aggOf("min", {s})});
  auto result = drive(*op, batchesOf(schema, rows, 100), 4);
  ASSERT_EQ(result.rows.size(), 2u);
  for (const auto& r : result.rows) {
    std::set<std::string> distinct;
    std::string mx, mn = "~";
    for (int i = 0; i < 5000; ++i) {
      if ((i % 2 == 0) != r[0].getBool() || i % 11 == 0) continue;
      std::string x = "s" + std::to_string(i % 37);
      distinct.insert(x);
      mx = std::max(mx, x);
      mn = std::min(mn, x);
    }
    EXPECT_EQ(r[1], L(static_cast<int64_t>(distinct.size())));
    EXPECT_EQ(r[2], Value::string(mx));
    EXPECT_EQ(r[3], Value::string(mn));
  }
}

TEST(HashAggregateTest, NestedKeysGroupByValue) {
  auto at = ArrayType(DoubleType());
  auto st = StructType({{"a", StringType()}, {"b", at}});
  SchemaPtr schema = schemaOf({{"arr", at}, {"s", st}});
  auto arr = [&](std::vector<Value> xs) { return Value::array(at, std::move(xs)); };
  auto D = [](double d) { return Value::doubleValue(d); };
  auto S = [&](const char* a, Value b) { return Value::structValue(st, {a ? Value::string(a) : Value::null(StringType()), b}); };
  std::vector<std::vector<Value>> rows = {
      {arr({D(1), D(2)}), S("x", arr({}))},
      {arr({D(1), D(2)}), S("x", arr({}))},
      {arr({D(0.0)}), S(nullptr, Value::null(at))},
      {arr({D(-0.0)}), S(nullptr, Value::null(at))},  // -0.0 == 0.0 inside arrays too
      {Value::null(at), S("y", arr({Value::null(DoubleType())}))},
      {Value::null(at), S("y", arr({Value::null(DoubleType())}))},
      {arr({}), Value::null(st)}};
  auto op = makeAggregate({col(0, at, "arr"), col(1, st, "s")}, {aggOf("count", {})});
  auto result = drive(*op, batchesOf(schema, rows, 3), 2);
  std::vector<std::vector<Value>> expected = {{arr({D(1), D(2)}), S("x", arr({})), L(2)},
                                              {arr({D(0.0)}), S(nullptr, Value::null(at)), L(2)},
                                              {Value::null(at), S("y", arr({Value::null(DoubleType())})), L(2)},
                                              {arr({}), Value::null(st), L(1)}};
  EXPECT_EQ(rowTexts(result.rows), rowTexts(expected));
}

}  // namespace
}  // namespace loch::testing

// Window operator and window functions against hand-computed Spark results.

#include <gtest/gtest.h>

#include "window_test_util.h"
#include "loch/common/exception.h"

namespace loch::testing {
namespace {

using VS = std::vector<std::string>;

SchemaPtr idPv() { return schemaOf({{"id", IntegerType()}, {"p", StringType()}, {"v", IntegerType()}}); }

// ---- ranking ----------------------------------------------------------------

TEST(WindowRanking, TiesNullsAndPartitions) {
  SchemaPtr s = idPv();
  Rows in = {{I(1), S("a"), I(1)}, {I(2), S("a"), I(2)}, {I(3), NS(), I(1)}, {I(4), S("a"), I(2)},
             {I(5), S("b"), I(5)}, {I(6), S("a"), NI()}, {I(7), S("a"), I(3)}, {I(8), NS(), I(1)}};
  Rows out = runWindow(s, in, {col(s, 1)}, {SortKey{col(s, 2), true, true}},
                       {windowFn("row_number", {}), windowFn("rank", {}), windowFn("dense_rank", {}),
                        windowFn("percent_rank", {}), windowFn("cume_dist", {})});
  EXPECT_EQ(strings(out), (VS{"(3, NULL, 1, 1, 1, 1, 0.0, 1.0)", "(8, NULL, 1, 2, 1, 1, 0.0, 1.0)",
                              "(6, a, NULL, 1, 1, 1, 0.0, 0.2)", "(1, a, 1, 2, 2, 2, 0.25, 0.4)",
                              "(2, a, 2, 3, 3, 3, 0.5, 0.8)", "(4, a, 2, 4, 3, 3, 0.5, 0.8)",
                              "(7, a, 3, 5, 5, 4, 1.0, 1.0)", "(5, b, 5, 1, 1, 1, 0.0, 1.0)"}));
  EXPECT_EQ(*windowFn("rank", {}).returnType(), *IntegerType());
  EXPECT_FALSE(windowFn("rank", {}).nullable());
}

TEST(WindowRanking, DescendingNullsLastAndNoOrder) {
  SchemaPtr s = idPv();
  Rows in = {{I(1), S("a"), I(1)}, {I(2), S("a"), NI()}, {I(3), S("a"), I(3)}, {I(4), S("a"), I(3)}};
  Rows out = runWindow(s, in, {}, {SortKey{col(s, 2), false, false}}, {windowFn("rank", {}), windowFn("cume_dist", {})});
  EXPECT_EQ(strings(out), (VS{"(3, a, 3, 1, 0.5)", "(4, a, 3, 1, 0.5)", "(1, a, 1, 3, 0.75)", "(2, a, NULL, 4, 1.0)"}));
  // Without ORDER BY every row is a peer of every other.
  out = runWindow(s, in, {}, {}, {windowFn("row_number", {}), windowFn("rank", {}), windowFn("cume_dist", {})});
  EXPECT_EQ(strings(out), (VS{"(1, a, 1, 1, 1, 1.0)", "(2, a, NULL, 2, 1, 1.0)", "(3, a, 3, 3, 1, 1.0)",
                              "(4, a, 3, 4, 1, 1.0)"}));
}

TEST(WindowRanking, NtileUnevenBuckets) {
  SchemaPtr s = idPv();
  Rows in;
  for (int i = 1; i <= 7; ++i) in.push_back({I(i), S(i <= 7 ? "a" : "b"), I(i)});
  in.push_back({I(8), S("b"), I(1)});
  in.push_back({I(9), S("b"), I(2)});
  Rows out = runWindow(s, in, {col(s, 1)}, {SortKey{col(s, 0), true, true}},
                       {windowFn("ntile", {lit(I(3))}, {I(3)}), windowFn("ntile", {lit(I(10))}, {I(10)})});
  EXPECT_EQ(texts(column(out, 3)), (VS{"1", "1", "1", "2", "2", "3", "3", "1", "2"}));
  EXPECT_EQ(texts(column(out, 4)), (VS{"1", "2", "3", "4", "5", "6", "7", "1", "2"}));
}

TEST(WindowRanking, BindErrors) {
  try {
    bindWindowFunction("ntile", {IntegerType()}, {I(0)}, false);
    FAIL();
  } catch (const AnalysisException& e) {
    EXPECT_EQ(e.errorClass(), "DATATYPE_MISMATCH.VALUE_OUT_OF_RANGE");
    EXPECT_NE(std::string(e.what()).find("buckets"), std::string::npos);
  }
  try {
    bindWindowFunction("ntile", {IntegerType()}, {std::nullopt}, false);
    FAIL();
  } catch (const AnalysisException& e) {
    EXPECT_EQ(e.errorClass(), "DATATYPE_MISMATCH.NON_FOLDABLE_INPUT");
  }
  try {
    bindWindowFunction("rank", {IntegerType()}, {}, false);
    FAIL();
  } catch (const AnalysisException& e) {
    EXPECT_EQ(e.errorClass(), "WRONG_NUM_ARGS");
    EXPECT_NE(std::string(e.what()).find("`rank`"), std::string::npos);
  }
  try {
    bindWindowFunction("lag", {IntegerType(), IntegerType(), StringType()}, {std::nullopt, I(1), S("x")}, false);
    FAIL();
  } catch (const AnalysisException& e) {
    EXPECT_EQ(e.errorClass(), "DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE");
  }
  EXPECT_THROW(bindWindowFunction("nth_value", {IntegerType(), IntegerType()}, {std::nullopt, I(0)}, false),
               AnalysisException);
  EXPECT_FALSE(bindWindowFunction("sum", {IntegerType()}, {}, false).has_value());
}

// ---- lag / lead ----------------------------------------------------------------

TEST(WindowOffset, LagLeadDefaultsAndOffsets) {
  SchemaPtr s = idPv();
  Rows in = {{I(1), S("a"), I(10)}, {I(2), S("a"), NI()}, {I(3), S("a"), I(30)}, {I(4), S("a"), I(40)},
             {I(5), S("b"), I(50)}};
  auto v = col(s, 2);
  Rows out = runWindow(s, in, {col(s, 1)}, {SortKey{col(s, 0), true, true}},
                       {windowFn("lag", {v}), windowFn("lag", {v, lit(I(2)), lit(I(-1))}, {std::nullopt, I(2), I(-1)}),
                        windowFn("lead", {v}), windowFn("lead", {v, lit(I(3))}, {std::nullopt, I(3)}),
                        windowFn("lead", {v, lit(I(9)), lit(I(0))}, {std::nullopt, I(9), I(0)}),
                        windowFn("lag", {v, lit(I(0))}, {std::nullopt, I(0)}),
                        windowFn("lag", {v, lit(I(-1))}, {std::nullopt, I(-1)})});
  EXPECT_EQ(strings(out), (VS{"(1, a, 10, NULL, -1, NULL, 40, 0, 10, NULL)",
                              "(2, a, NULL, 10, -1, 30, NULL, 0, NULL, 30)",
                              "(3, a, 30, NULL, 10, 40, NULL, 0, 30, 40)",
                              "(4, a, 40, 30, NULL, NULL, NULL, 0, 40, NULL)",
                              "(5, b, 50, NULL, -1, NULL, NULL, 0, 50, NULL)"}));
}

TEST(WindowOffset, LagLeadIgnoreNulls) {
  SchemaPtr s = idPv();
  Rows in = {{I(1), S("a"), I(10)}, {I(2), S("a"), NI()}, {I(3), S("a"), NI()}, {I(4), S("a"), I(40)},
             {I(5), S("a"), NI()}, {I(6), S("a"), I(60)}};
  auto v = col(s, 2);
  Rows out = runWindow(s, in, {}, {SortKey{col(s, 0), true, true}},
                       {windowFn("lag", {v}, {}, true), windowFn("lead", {v}, {}, true),
                        windowFn("lag", {v, lit(I(2))}, {std::nullopt, I(2)}, true)});
  EXPECT_EQ(texts(column(out, 3)), (VS{"NULL", "10", "10", "10", "40", "40"}));
  EXPECT_EQ(texts(column(out, 4)), (VS{"40", "40", "40", "60", "60", "NULL"}));
  EXPECT_EQ(texts(column(out, 5)), (VS{"NULL", "NULL", "NULL", "NULL", "10", "10"}));
}

// ---- first / last / nth_value ------------------------------------------------

TEST(WindowValue, FirstLastNthWithFramesAndIgnoreNulls) {
  SchemaPtr s = idPv();
  // Order by id; v has NULLs.
  Rows in = {{I(1), S("a"), NI()}, {I(2), S("a"), I(20)}, {I(3), S("a"), NI()}, {I(4), S("a"), I(40)},
             {I(5), S("a"), NI()}};
  auto v = col(s, 2);
  WindowFrame sliding = rowsFrame(preceding(1), following(1));
  Rows out = runWindow(
      s, in, {}, {SortKey{col(s, 0), true, true}},
      {windowFn("first_value", {v}), windowFn("first_value", {v}, {}, true), windowFn("last_value", {v}),
       windowFn("last_value", {v}, {}, true), windowFn("nth_value", {v, lit(I(2))}, {std::nullopt, I(2)}),
       windowFn("nth_value", {v, lit(I(2))}, {std::nullopt, I(2)}, true, wholeFrame()),
       windowFn("first_value", {v}, {}, true, sliding), windowFn("last_value", {v}, {}, true, sliding),
       windowFn("first_value", {v, lit(Value::boolean(true))}, {std::nullopt, Value::boolean(true)})});
  EXPECT_EQ(texts(column(out, 3)), (VS{"NULL", "NULL", "NULL", "NULL", "NULL"}));
  EXPECT_EQ(texts(column(out, 4)), (VS{"NULL", "20", "20", "20", "20"}));
  EXPECT_EQ(texts(column(out, 5)), (VS{"NULL", "20", "NULL", "40", "NULL"}));
  EXPECT_EQ(texts(column(out, 6)), (VS{"NULL", "20", "20", "40", "40"}));
  EXPECT_EQ(texts(column(out, 7)), (VS{"NULL", "20", "20", "20", "20"}));
  EXPECT_EQ(texts(column(out, 8)), (VS{"40", "40", "40", "40", "40"}));
  EXPECT_EQ(texts(column(out, 9)), (VS{"20", "20", "20", "40", "40"}));
  EXPECT_EQ(texts(column(out, 10)), (VS{"20", "20", "40", "40", "40"}));
  EXPECT_EQ(texts(column(out, 11)), (VS{"NULL", "20", "20", "20", "20"}));
}

TEST(WindowValue, LastValueDefaultFrameSeesPeers) {
  SchemaPtr s = idPv();
  Rows in = {{I(1), S("a"), I(1)}, {I(2), S("b"), I(1)}, {I(3), S("c"), I(2)}};
  Rows out = runWindow(s, in, {}, {SortKey{col(s, 2), true, true}}, {windowFn("last_value", {col(s, 1)})});
  EXPECT_EQ(texts(column(out, 3)), (VS{"b", "b", "c"}));
}

// ---- aggregates over frames --------------------------------------------------

SchemaPtr idPvL() { return schemaOf({{"id", IntegerType()}, {"p", StringType()}, {"v", LongType()}}); }

TEST(WindowAggregate, RunningRangeAndRowsFrames) {
  SchemaPtr s = idPvL();
  Rows in = {{I(1), S("a"), L(1)}, {I(2), S("a"), L(2)}, {I(3), S("a"), L(2)}, {I(4), S("a"), NL()},
             {I(5), S("a"), L(5)}, {I(6), S("b"), L(7)}};
  auto v = col(s, 2);
  auto range = defaultOrderedFrame();
  auto rows = rowsFrame(unboundedPreceding(), currentRow());
  Rows out = runWindow(s, in, {col(s, 1)}, {SortKey{v, true, false}},
                       {windowAgg("sum", {v}, range), windowAgg("count", {v}, range), windowAgg("avg", {v}, range),
                        windowAgg("min", {v}, range), windowAgg("max", {v}, range), windowAgg("sum", {v}, rows),
                        windowAgg("count", {lit(I(1))}, rows)});
  EXPECT_EQ(strings(out), (VS{"(1, a, 1, 1, 1, 1.0, 1, 1, 1, 1)", "(2, a, 2, 5, 3, 1.6666666666666667, 1, 2, 3, 2)",
                              "(3, a, 2, 5, 3, 1.6666666666666667, 1, 2, 5, 3)", "(5, a, 5, 10, 4, 2.5, 1, 5, 10, 4)",
                              "(4, a, NULL, 10, 4, 2.5, 1, 5, 10, 5)", "(6, b, 7, 7, 1, 7.0, 7, 7, 7, 1)"}));
}

TEST(WindowAggregate, WholePartitionDefaultWithoutOrder) {
  SchemaPtr s = idPvL();
  Rows in = {{I(1), S("a"), L(1)}, {I(2), S("b"), NL()}, {I(3), S("a"), L(4)}};
  auto v = col(s, 2);
  Rows out = runWindow(s, in, {col(s, 1)}, {}, {windowAgg("sum", {v}, wholeFrame()), windowAgg("count", {v}, wholeFrame())});
  EXPECT_EQ(strings(out), (VS{"(1, a, 1, 5, 2)", "(3, a, 4, 5, 2)", "(2, b, NULL, NULL, 0)"}));
}

TEST(WindowAggregate, SlidingRowsFrames) {
  SchemaPtr s = idPvL();
  Rows in;
  for (int i = 1; i <= 6; ++i) in.push_back({I(i), S("a"), i == 4 ? NL() : L(i * 10)});
  auto v = col(s, 2);
  Rows out = runWindow(s, in, {}, {SortKey{col(s, 0), true, true}},
                       {windowAgg("sum", {v}, rowsFrame(preceding(1), following(1))),
                        windowAgg("count", {v}, rowsFrame(preceding(2), currentRow())),
                        windowAgg("max", {v}, rowsFrame(currentRow(), unboundedFollowing())),
                        windowAgg("sum", {v}, rowsFrame(following(1), following(2))),
                        windowAgg("count", {v}, rowsFrame(preceding(3), preceding(2))),
                        windowAgg("avg", {v}, rowsFrame(preceding(1), following(1)))});
  EXPECT_EQ(texts(column(out, 3)), (VS{"30", "60", "50", "80", "110", "110"}));
  EXPECT_EQ(texts(column(out, 4)), (VS{"1", "2", "3", "2", "2", "2"}));
  EXPECT_EQ(texts(column(out, 5)), (VS{"60", "60", "60", "60", "60", "60"}));
  EXPECT_EQ(texts(column(out, 6)), (VS{"50", "30", "50", "110", "60", "NULL"}));
  EXPECT_EQ(texts(column(out, 7)), (VS{"0", "0", "1", "2", "2", "1"}));
  EXPECT_EQ(texts(column(out, 8)), (VS{"15.0", "20.0", "25.0", "40.0", "55.0", "55.0"}));
}

TEST(WindowAggregate, SlidingRangeNumericAscDescAndNulls) {
  SchemaPtr s = idPvL();
  Rows in = {{I(1), S("a"), L(1)}, {I(2), S("a"), L(2)}, {I(3), S("a"), L(2)}, {I(4), S("a"), L(4)},
             {I(5), S("a"), L(7)}, {I(6), S("a"), NL()}};
  auto v = col(s, 2);
  auto frame = rangeFrame(preceding(1), following(2));
  Rows out = runWindow(s, in, {}, {SortKey{v, true, true}},
                       {windowAgg("sum", {v}, frame), windowAgg("count", {lit(I(1))}, frame)});
  // NULL row first (its frame is the NULL peers), then 1,2,2,4,7.
  EXPECT_EQ(texts(column(out, 0)), (VS{"6", "1", "2", "3", "4", "5"}));
  EXPECT_EQ(texts(column(out, 3)), (VS{"NULL", "5", "9", "9", "4", "7"}));
  EXPECT_EQ(texts(column(out, 4)), (VS{"1", "3", "4", "4", "1", "1"}));
  // DESC: 2 PRECEDING means values up to 2 larger.
  out = runWindow(s, in, {}, {SortKey{v, false, false}},
                  {windowAgg("sum", {v}, rangeFrame(preceding(2), currentRow()))});
  EXPECT_EQ(texts(column(out, 2)), (VS{"7", "4", "2", "2", "1", "NULL"}));
  EXPECT_EQ(texts(column(out, 3)), (VS{"7", "4", "8", "8", "5", "NULL"}));
}

TEST(WindowAggregate, RangeOverTimestampWithIntervalOffset) {
  SchemaPtr s = schemaOf({{"ts", TimestampType()}, {"x", LongType()}});
  const int64_t min = 60LL * 1000000;
  Rows in = {{Value::timestamp(0), L(1)}, {Value::timestamp(30 * min), L(2)}, {Value::timestamp(60 * min), L(4)},
             {Value::timestamp(61 * min), L(8)}, {Value::timestamp(200 * min), L(16)}};
  Rows out = runWindow(s, in, {}, {SortKey{col(s, 0), true, true}},
                       {windowAgg("sum", {col(s, 1)}, rangeFrame(preceding(Value::dayTimeInterval(60 * min)), currentRow())),
                        windowAgg("sum", {col(s, 1)}, rangeFrame(currentRow(), following(Value::dayTimeInterval(60 * min))))});
  EXPECT_EQ(texts(column(out, 2)), (VS{"1", "3", "7", "14", "16"}));
  EXPECT_EQ(texts(column(out, 3)), (VS{"7", "14", "12", "8", "16"}));
}

TEST(WindowAggregate, InvalidFrames) {
  SchemaPtr s = idPvL();
  auto child = source(s, {});
  try {
    makeWindow(child, {}, {SortKey{col(s, 0), true, true}, SortKey{col(s, 2), true, true}},
               {windowAgg("sum", {col(s, 2)}, rangeFrame(preceding(1), currentRow()))});
    FAIL();
  } catch (const AnalysisException& e) {
    EXPECT_EQ(e.errorClass(), "DATATYPE_MISMATCH.RANGE_FRAME_MULTI_ORDER");
  }
  try {
    makeWindow(child, {}, {SortKey{col(s, 1), true, true}},
               {windowAgg("sum", {col(s, 2)}, rangeFrame(preceding(1), currentRow()))});
    FAIL();
  } catch (const AnalysisException& e) {
    EXPECT_EQ(e.errorClass(), "DATATYPE_MISMATCH.RANGE_FRAME_INVALID_TYPE");
  }
}

TEST(WindowOperator, EmptyInputAndSingleRowPartitions) {
  SchemaPtr s = idPvL();
  auto v = col(s, 2);
  std::vector<WindowExprSpec> exprs = {windowFn("rank", {}), windowFn("percent_rank", {}), windowFn("lag", {v}),
                                       windowAgg("sum", {v}, rowsFrame(preceding(1), following(1)))};
  EXPECT_TRUE(runWindow(s, {}, {col(s, 1)}, {SortKey{v, true, true}}, exprs).empty());
  Rows in = {{I(1), S("a"), L(5)}, {I(2), S("b"), L(6)}, {I(3), S("c"), NL()}};
  Rows out = runWindow(s, in, {col(s, 1)}, {SortKey{v, true, true}}, exprs);
  EXPECT_EQ(strings(out), (VS{"(1, a, 5, 1, 0.0, NULL, 5)", "(2, b, 6, 1, 0.0, NULL, 6)", "(3, c, NULL, 1, 0.0, NULL, NULL)"}));
  auto op = makeWindow(source(s, in), {}, {}, exprs);
  EXPECT_NE(op->toString().find("Window([rank() RANGE BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW"), std::string::npos);
}

// ---- sessionization ------------------------------------------------------------

TEST(WindowOperator, Sessionization) {
  SchemaPtr s = schemaOf({{"user", StringType()}, {"ts", TimestampType()}});
  const int64_t min = 60LL * 1000000;
  Rows in = {{S("u1"), Value::timestamp(0)},        {S("u2"), Value::timestamp(5 * min)},
             {S("u1"), Value::timestamp(10 * min)}, {S("u1"), Value::timestamp(50 * min)},
             {S("u2"), Value::timestamp(90 * min)}, {S("u1"), Value::timestamp(55 * min)}};
  // Step 1: lag(ts) over (partition by user order by ts).
  auto w1 = makeWindow(source(s, in), {col(s, 0)}, {SortKey{col(s, 1), true, true}}, {windowFn("lag", {col(s, 1)})});
  Env env(2);
  std::vector<RecordBatchPtr> lagged = runBreaker(*w1, env.ctx);
  // Step 2: new_session = prev is NULL or ts - prev > 30 minutes; running sum.
  auto src2 = std::make_shared<BatchSource>(w1->schema(), lagged);
  auto flag = std::make_shared<LambdaExpr>(
      IntegerType(),
      [min](const RecordBatch& b) {
        std::vector<Value> out;
        for (int64_t i = 0; i < b.numRows(); ++i) {
          const Vector& ts = *b.column(1);
          const Vector& prev = *b.column(2);
          bool fresh = prev.isNull(i) || ts.getValue(i).getLong() - prev.getValue(i).getLong() > 30 * min;
          out.push_back(I(fresh ? 1 : 0));
        }
        return Vector::fromValues(IntegerType(), out);
      },
      "new_session");
  SchemaPtr s2 = w1->schema();
  auto w2 = makeWindow(src2, {col(s2, 0)}, {SortKey{col(s2, 1), true, true}}, {windowAgg("sum", {flag}, defaultOrderedFrame())});
  Rows out = rowsOf(runBreaker(*w2, env.ctx));
  std::vector<std::string> got;
  for (const auto& r : out) got.push_back(r[0].toString() + ":" + r[3].toString());
  EXPECT_EQ(got, (VS{"u1:1", "u1:1", "u1:2", "u1:2", "u2:1", "u2:2"}));
}

// ---- determinism and scale -----------------------------------------------------

TEST(WindowOperator, SameResultForOneTwoFourThreads) {
  SchemaPtr s = schemaOf({{"id", IntegerType()}, {"k", IntegerType()}, {"v", LongType()}});
  Rows in;
  uint64_t x = 12345;
  for (int i = 0; i < 20000; ++i) {
    x = x * 6364136223846793005ULL + 1442695040888963407ULL;
    int k = static_cast<int>((x >> 33) % 37);
    int64_t v = static_cast<int64_t>((x >> 40) % 50);
    in.push_back({I(i), k == 0 ? NI() : I(k), v == 7 ? NL() : L(v)});
  }
  auto v = col(s, 2);
  auto exprs = [&] {
    return std::vector<WindowExprSpec>{
        windowFn("rank", {}), windowFn("lag", {v}), windowFn("first_value", {v}, {}, true),
        windowAgg("sum", {v}, defaultOrderedFrame()), windowAgg("min", {v}, rowsFrame(preceding(3), following(2))),
        windowAgg("count", {v}, rangeFrame(preceding(2), following(1))), windowAgg("avg", {v}, wholeFrame())};
  };
  VS base;
  for (int threads : {1, 2, 4}) {
    Rows out = runWindow(s, in, {col(s, 1)}, {SortKey{v, true, true}}, exprs(), threads, 700, 1000);
    ASSERT_EQ(out.size(), in.size());
    if (threads == 1) base = strings(out);
    else EXPECT_EQ(strings(out), base) << threads;
  }
}

}  // namespace
}  // namespace loch::testing

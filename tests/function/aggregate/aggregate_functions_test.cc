#include <cmath>

#include "function/aggregate/aggregate_test_util.h"
#include "loch/function/builtin/builtin_functions.h"
#include "loch/function/function_registry.h"

namespace loch::testing {
namespace {

Value L(int64_t v) { return Value::longValue(v); }
Value D(double v) { return Value::doubleValue(v); }
Value NullOf(DataTypePtr t) { return Value::null(std::move(t)); }

// ---- count ------------------------------------------------------------------

TEST(CountTest, StarCountsAllRowsPerGroupAndEmptyGroupIsZero) {
  auto f = bindAgg("count", {});
  EXPECT_EQ(f.return_type->id(), TypeId::Long);
  EXPECT_FALSE(f.nullable);
  auto out = runAggregate(f, {}, 5, {0, 1, 0, 0, 1}, 3);
  EXPECT_EQ(values(out), (std::vector<Value>{L(3), L(2), L(0)}));
}

TEST(CountTest, LiteralOneCountsNullRowsToo) {
  auto f = bindAgg("count", {IntegerType()}, false, true, {Value::integer(1)});
  auto out = runAggregate(f, {Vector::makeConstant(Value::integer(1), 4)}, 4);
  EXPECT_EQ(values(out), std::vector<Value>{L(4)});
}

TEST(CountTest, ExprSkipsNullsAndMultiArgNeedsAllNonNull) {
  auto x = longs({1, std::nullopt, 3, std::nullopt});
  auto y = strings({"a", "b", std::nullopt, std::nullopt});
  EXPECT_EQ(values(runAggregate(bindAgg("count", {LongType()}), {x}, 4)), std::vector<Value>{L(2)});
  EXPECT_EQ(values(runAggregate(bindAgg("count", {LongType(), StringType()}), {x, y}, 4)), std::vector<Value>{L(1)});
  auto all_null = longs({std::nullopt, std::nullopt});
  EXPECT_EQ(values(runAggregate(bindAgg("count", {LongType()}), {all_null}, 2)), std::vector<Value>{L(0)});
  EXPECT_EQ(values(runAggregate(bindAgg("count", {NullType()}), {Vector::makeNull(NullType(), 3)}, 3)),
            std::vector<Value>{L(0)});
}

TEST(CountTest, CountIfCountsTrueOnly) {
  auto f = bindAgg("count_if", {BooleanType()});
  auto out = runAggregate(f, {bools({true, false, std::nullopt, true})}, 4);
  EXPECT_EQ(values(out), std::vector<Value>{L(2)});
  expectError([] { bindAgg("count_if", {IntegerType()}); }, "DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE", "count_if");
}

// ---- sum ----------------------------------------------------------------------

TEST(SumTest, IntegralToBigintWithNullsAndAllNullGroup) {
  auto f = bindAgg("sum", {IntegerType()});
  EXPECT_EQ(f.return_type->id(), TypeId::Long);
  auto out = runAggregate(f, {ints({1, 2, std::nullopt, 4, std::nullopt})}, 5, {0, 0, 1, 0, 1}, 3);
  EXPECT_EQ(values(out), (std::vector<Value>{L(7), NullOf(LongType()), NullOf(LongType())}));
}

TEST(SumTest, BigintOverflowRaisesUnderAnsi) {
  auto f = bindAgg("sum", {LongType()});
  expectError([&] { runAggregate(f, {longs({INT64_MAX, 1})}, 2, {}, 1, 2); }, "ARITHMETIC_OVERFLOW", "long overflow");
  // Overflow found while combining partial sums.
  expectError([&] { runAggregate(f, {longs({INT64_MAX, 1})}, 2, {}, 1, 1); }, "ARITHMETIC_OVERFLOW", "try_sum");
}

TEST(SumTest, BigintOverflowRaisesOnTheOneStatePathToo) {
  auto f = bindAgg("sum", {LongType()});
  ASSERT_TRUE(f.update_single);
  StateSet s(f, 1);
  EvalContext ctx;
  expectError([&] { f.update_single({longs({INT64_MAX, 1})}, 2, s[0], ctx); }, "ARITHMETIC_OVERFLOW", "long overflow");
}

TEST(SumTest, BigintOverflowWrapsWithoutAnsi) {
  auto f = bindAgg("sum", {LongType()}, false, false);
  auto out = runAggregate(f, {longs({INT64_MAX, 1, 1})}, 3, {}, 1, -1, false);
  EXPECT_EQ(values(out), std::vector<Value>{L(INT64_MIN + 1)});
}

TEST(SumTest, DecimalWidensPrecisionByTen) {
  auto f = bindAgg("sum", {DecimalType(10, 2)});
  EXPECT_TRUE(f.return_type->equals(*DecimalType(20, 2)));
  auto out = runAggregate(f, {decimals({150, -25, std::nullopt}, 10, 2)}, 3);
  EXPECT_EQ(values(out), std::vector<Value>{Value::decimal(125, 20, 2)});
  EXPECT_TRUE(bindAgg("sum", {DecimalType(35, 4)}).return_type->equals(*DecimalType(38, 4)));
}

TEST(SumTest, DecimalOverflowErrorsUnderAnsiAndIsNullOtherwise) {
  int128_t big = 1;
  for (int i = 0; i < 37; ++i) big *= 10;
  big = big * 9;  // 9e37 fits DECIMAL(38,0)
  auto in = decimals({big, big}, 38, 0);
  expectError([&] { runAggregate(bindAgg("sum", {DecimalType(38, 0)}), {in}, 2); }, "ARITHMETIC_OVERFLOW",
              "Overflow in sum of decimals");
  auto legacy = bindAgg("sum", {DecimalType(38, 0)}, false, false);
  EXPECT_EQ(values(runAggregate(legacy, {in}, 2)), std::vector<Value>{NullOf(DecimalType(38, 0))});
}

TEST(SumTest, FloatingAndStringArgumentsSumAsDouble) {
  auto f = bindAgg("sum", {DoubleType()});
  EXPECT_EQ(f.return_type->id(), TypeId::Double);
  EXPECT_EQ(values(runAggregate(f, {doubles({1.5, std::nullopt, 2.25})}, 3)), std::vector<Value>{D(3.75)});
  auto s = bindAgg("sum", {StringType()});
  ASSERT_EQ(s.arg_types.size(), 1u);
  EXPECT_EQ(s.arg_types[0]->id(), TypeId::Double);  // the analyzer casts the string
  expectError([] { bindAgg("sum", {BooleanType()}); }, "DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE", "sum");
  expectError([] { bindAgg("sum", {LongType(), LongType()}); }, "WRONG_NUM_ARGS.WITHOUT_SUGGESTION", "`sum`");
}

TEST(SumTest, EmptyInputIsNull) {
  auto f = bindAgg("sum", {LongType()});
  EXPECT_EQ(values(runAggregate(f, {longs({})}, 0)), std::vector<Value>{NullOf(LongType())});
}

// ---- avg ----------------------------------------------------------------------

TEST(AvgTest, IntegralGivesDouble) {
  auto f = bindAgg("avg", {IntegerType()});
  EXPECT_EQ(f.return_type->id(), TypeId::Double);
  auto out = runAggregate(f, {ints({1, 2, std::nullopt, 4})}, 4);
  EXPECT_EQ(values(out), std::vector<Value>{D(7.0 / 3)});
  EXPECT_EQ(values(runAggregate(f, {ints({std::nullopt})}, 1)), std::vector<Value>{NullOf(DoubleType())});
}

TEST(AvgTest, DecimalRoundsHalfUpAtScalePlusFour) {
  auto f = bindAgg("avg", {DecimalType(10, 2)});
  EXPECT_TRUE(f.return_type->equals(*DecimalType(14, 6)));
  // (1.00 + 2.00 + 2.00) / 3 = 1.6666666... -> 1.666667
  auto out = runAggregate(f, {decimals({100, 200, 200}, 10, 2)}, 3);
  EXPECT_EQ(values(out), std::vector<Value>{Value::decimal(1666667, 14, 6)});
  auto neg = runAggregate(f, {decimals({-100, -200, -200}, 10, 2)}, 3);
  EXPECT_EQ(values(neg), std::vector<Value>{Value::decimal(-1666667, 14, 6)});
  EXPECT_TRUE(bindAgg("avg", {DecimalType(38, 36)}).return_type->equals(*DecimalType(38, 38)));
  EXPECT_TRUE(bindAgg("mean", {DecimalType(36, 2)}).return_type->equals(*DecimalType(38, 6)));
}

// ---- min / max ------------------------------------------------------------------

TEST(MinMaxTest, IntegersWithNullsAndAllNullGroup) {
  auto in = longs({5, std::nullopt, -3, 7, std::nullopt});
  std::vector<int> groups{0, 1, 0, 0, 1};
  EXPECT_EQ(values(runAggregate(bindAgg("min", {LongType()}), {in}, 5, groups, 2)),
            (std::vector<Value>{L(-3), NullOf(LongType())}));
  EXPECT_EQ(values(runAggregate(bindAgg("max", {LongType()}), {in}, 5, groups, 2)),
            (std::vector<Value>{L(7), NullOf(LongType())}));
}

TEST(MinMaxTest, StringsCompareAsBytes) {
  auto in = strings({"banana", std::nullopt, "apple", "cherry", "Zebra", "\xc3\xa9t\xc3\xa9"});
  EXPECT_EQ(values(runAggregate(bindAgg("min", {StringType()}), {in}, 6)), std::vector<Value>{Value::string("Zebra")});
  EXPECT_EQ(values(runAggregate(bindAgg("max", {StringType()}), {in}, 6)),
            std::vector<Value>{Value::string("\xc3\xa9t\xc3\xa9")});
}

TEST(MinMaxTest, NaNIsLargestDouble) {
  double nan = std::nan("");
  auto in = doubles({1.0, nan, -2.0});
  auto mx = values(runAggregate(bindAgg("max", {DoubleType()}), {in}, 3));
  ASSERT_EQ(mx.size(), 1u);
  EXPECT_TRUE(std::isnan(mx[0].getDouble()));
  EXPECT_EQ(values(runAggregate(bindAgg("min", {DoubleType()}), {in}, 3)), std::vector<Value>{D(-2.0)});
}

TEST(MinMaxTest, BooleansDecimalsDatesAndEmpty) {
  EXPECT_EQ(values(runAggregate(bindAgg("max", {BooleanType()}), {bools({false, true, std::nullopt})}, 3)),
            std::vector<Value>{Value::boolean(true)});
  EXPECT_EQ(values(runAggregate(bindAgg("min", {BooleanType()}), {bools({true, false})}, 2)),
            std::vector<Value>{Value::boolean(false)});
  EXPECT_EQ(values(runAggregate(bindAgg("max", {DecimalType(5, 2)}), {decimals({-999, 12, 11}, 5, 2)}, 3)),
            std::vector<Value>{Value::decimal(12, 5, 2)});
  auto dates = Vector::fromValues(DateType(), {Value::date(19000), Value::date(-5), Value::null(DateType())});
  EXPECT_EQ(values(runAggregate(bindAgg("min", {DateType()}), {dates}, 3)), std::vector<Value>{Value::date(-5)});
  auto ts = Vector::fromValues(TimestampType(), {Value::timestamp(10), Value::timestamp(20)});
  EXPECT_EQ(values(runAggregate(bindAgg("max", {TimestampType()}), {ts}, 2)), std::vector<Value>{Value::timestamp(20)});
  EXPECT_EQ(values(runAggregate(bindAgg("max", {StringType()}), {strings({})}, 0)),
            std::vector<Value>{NullOf(StringType())});
}

TEST(MinMaxTest, MaxByAndMinByKeepFirstOnTiesAndSkipNullOrdering) {
  auto x = strings({"a", "b", "c", std::nullopt, "e"});
  auto y = ints({3, 5, 5, 9, std::nullopt});
  // Row 3 has the largest y and a NULL x: max_by returns NULL.
  EXPECT_EQ(values(runAggregate(bindAgg("max_by", {StringType(), IntegerType()}), {x, y}, 5, {}, 1, 5)),
            std::vector<Value>{NullOf(StringType())});
  auto y2 = ints({3, 5, 5, 1, std::nullopt});
  EXPECT_EQ(values(runAggregate(bindAgg("max_by", {StringType(), IntegerType()}), {x, y2}, 5, {}, 1, 5)),
            std::vector<Value>{Value::string("b")});
  EXPECT_EQ(values(runAggregate(bindAgg("min_by", {StringType(), IntegerType()}), {x, y2}, 5)),
            std::vector<Value>{NullOf(StringType())});
  auto y3 = strings({"m", "z", "a", "b", "c"});
  EXPECT_EQ(values(runAggregate(bindAgg("min_by", {IntegerType(), StringType()}), {y, y3}, 5)),
            std::vector<Value>{Value::integer(5)});
}

TEST(MinMaxTest, ArraysAndStructsOrderElementWise) {
  auto at = ArrayType(LongType());
  auto arr = [&](std::vector<std::optional<int64_t>> xs) {
    std::vector<Value> vs;
    for (auto x : xs) vs.push_back(x ? L(*x) : NullOf(LongType()));
    return Value::array(at, vs);
  };
  auto in = Vector::fromValues(at, {arr({1, 2}), arr({1, 2, 0}), arr({1, std::nullopt, 9}), NullOf(at), arr({0, 9})});
  EXPECT_EQ(values(runAggregate(bindAgg("max", {at}), {in}, 5)), std::vector<Value>{arr({1, 2, 0})});
  EXPECT_EQ(values(runAggregate(bindAgg("min", {at}), {in}, 5)), std::vector<Value>{arr({0, 9})});
  auto st = StructType({{"a", StringType()}, {"b", LongType()}});
  auto sv = [&](const char* a, int64_t b) { return Value::structValue(st, {Value::string(a), L(b)}); };
  auto structs = Vector::fromValues(st, {sv("b", 1), sv("a", 5), sv("b", 0)});
  EXPECT_EQ(values(runAggregate(bindAgg("min", {st}), {structs}, 3)), std::vector<Value>{sv("a", 5)});
  EXPECT_EQ(values(runAggregate(bindAgg("max", {st}), {structs}, 3)), std::vector<Value>{sv("b", 1)});
}

// ---- first / last / any_value ------------------------------------------------------

TEST(FirstLastTest, RespectsAndIgnoresNulls) {
  auto in = longs({std::nullopt, 2, 3, std::nullopt});
  auto run = [&](const std::string& name, bool ignore) {
    auto f = bindAgg(name, {LongType(), BooleanType()}, false, true, {std::nullopt, Value::boolean(ignore)});
    return values(runAggregate(f, {in, Vector::makeConstant(Value::boolean(ignore), 4)}, 4, {}, 1, 4));
  };
  EXPECT_EQ(run("first", false), std::vector<Value>{NullOf(LongType())});
  EXPECT_EQ(run("first", true), std::vector<Value>{L(2)});
  EXPECT_EQ(run("last", false), std::vector<Value>{NullOf(LongType())});
  EXPECT_EQ(run("last", true), std::vector<Value>{L(3)});
  auto ignore_clause = bindAgg("last", {LongType()}, false, true, {}, /*ignore_nulls=*/true);
  EXPECT_EQ(values(runAggregate(ignore_clause, {in}, 4)), std::vector<Value>{L(3)});
  expectError([] { bindAgg("first", {LongType(), BooleanType()}); }, "DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE",
              "boolean literal");
}

TEST(FirstLastTest, StringsAcrossPartialStatesAndEmptyGroup) {
  auto in = strings({"x", "y", "z"});
  EXPECT_EQ(values(runAggregate(bindAgg("first", {StringType()}), {in}, 3, {0, 0, 0}, 2, 1)),
            (std::vector<Value>{Value::string("x"), NullOf(StringType())}));
  EXPECT_EQ(values(runAggregate(bindAgg("last_value", {StringType()}), {in}, 3, {}, 1, 1)),
            std::vector<Value>{Value::string("z")});
  EXPECT_EQ(values(runAggregate(bindAgg("any_value", {StringType()}), {in}, 3)), std::vector<Value>{Value::string("x")});
}

// ---- bool_and / bool_or ------------------------------------------------------------

TEST(BoolAggTest, AndOrWithNullsAndEmpty) {
  auto in = bools({true, std::nullopt, false, true, std::nullopt});
  std::vector<int> groups{0, 0, 0, 1, 2};
  EXPECT_EQ(values(runAggregate(bindAgg("bool_and", {BooleanType()}), {in}, 5, groups, 3)),
            (std::vector<Value>{Value::boolean(false), Value::boolean(true), NullOf(BooleanType())}));
  EXPECT_EQ(values(runAggregate(bindAgg("every", {BooleanType()}), {in}, 5, groups, 3)),
            (std::vector<Value>{Value::boolean(false), Value::boolean(true), NullOf(BooleanType())}));
  EXPECT_EQ(values(runAggregate(bindAgg("bool_or", {BooleanType()}), {in}, 5, groups, 3)),
            (std::vector<Value>{Value::boolean(true), Value::boolean(true), NullOf(BooleanType())}));
  EXPECT_EQ(values(runAggregate(bindAgg("some", {BooleanType()}), {bools({false, false})}, 2)),
            std::vector<Value>{Value::boolean(false)});
  expectError([] { bindAgg("bool_or", {IntegerType()}); }, "DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE", "BOOLEAN");
}

// ---- variance family -----------------------------------------------------------------

TEST(VarianceTest, SampleAndPopulationWithCombine) {
  auto in = doubles({1, 2, std::nullopt, 3, 4});
  auto get = [&](const std::string& name) {
    return values(runAggregate(bindAgg(name, {DoubleType()}), {in}, 5, {}, 1, 2))[0].getDouble();
  };
  EXPECT_NEAR(get("var_samp"), 5.0 / 3, 1e-12);
  EXPECT_NEAR(get("variance"), 5.0 / 3, 1e-12);
  EXPECT_NEAR(get("var_pop"), 1.25, 1e-12);
  EXPECT_NEAR(get("stddev_samp"), std::sqrt(5.0 / 3), 1e-12);
  EXPECT_NEAR(get("stddev"), std::sqrt(5.0 / 3), 1e-12);
  EXPECT_NEAR(get("std"), std::sqrt(5.0 / 3), 1e-12);
  EXPECT_NEAR(get("stddev_pop"), std::sqrt(1.25), 1e-12);
}

TEST(VarianceTest, OneValueAndEmpty) {
  auto one = doubles({7.0});
  EXPECT_EQ(values(runAggregate(bindAgg("var_samp", {DoubleType()}), {one}, 1)), std::vector<Value>{NullOf(DoubleType())});
  EXPECT_EQ(values(runAggregate(bindAgg("stddev_samp", {DoubleType()}), {one}, 1)),
            std::vector<Value>{NullOf(DoubleType())});
  EXPECT_EQ(values(runAggregate(bindAgg("var_pop", {DoubleType()}), {one}, 1)), std::vector<Value>{D(0.0)});
  EXPECT_EQ(values(runAggregate(bindAgg("stddev_pop", {DoubleType()}), {doubles({})}, 0)),
            std::vector<Value>{NullOf(DoubleType())});
  // String arguments are cast to double by the analyzer; integers are read directly.
  EXPECT_EQ(bindAgg("var_pop", {StringType()}).arg_types[0]->id(), TypeId::Double);
  EXPECT_EQ(values(runAggregate(bindAgg("var_pop", {IntegerType()}), {ints({1, 3})}, 2)), std::vector<Value>{D(1.0)});
}

// ---- collect_list / collect_set ----------------------------------------------------------

TEST(CollectTest, ListKeepsOrderSkipsNullsEmptyGroupIsEmptyArray) {
  auto f = bindAgg("collect_list", {LongType()});
  EXPECT_TRUE(f.return_type->equals(*ArrayType(LongType(), false)));
  auto in = longs({3, std::nullopt, 1, 3});
  auto out = values(runAggregate(f, {in}, 4, {0, 0, 0, 0}, 2));
  auto at = ArrayType(LongType(), false);
  EXPECT_EQ(out, (std::vector<Value>{Value::array(at, {L(3), L(1), L(3)}), Value::array(at, {})}));
}

TEST(CollectTest, SetDeduplicatesStrings) {
  auto f = bindAgg("collect_set", {StringType()});
  auto in = strings({"b", "a", std::nullopt, "b", "a", "c"});
  auto out = values(runAggregate(f, {in}, 6));
  auto at = ArrayType(StringType(), false);
  EXPECT_EQ(out, (std::vector<Value>{Value::array(at, {Value::string("b"), Value::string("a"), Value::string("c")})}));
}

TEST(EveryFunctionTest, OneRowAndAllNullGroups) {
  auto one = longs({7});
  auto nulls = longs({std::nullopt, std::nullopt});
  struct Case {
    const char* name;
    Value one_row;
    Value all_null;
  };
  auto at = ArrayType(LongType(), false);
  std::vector<Case> cases = {
      {"count", L(1), L(0)},
      {"sum", L(7), NullOf(LongType())},
      {"avg", D(7), NullOf(DoubleType())},
      {"min", L(7), NullOf(LongType())},
      {"max", L(7), NullOf(LongType())},
      {"first", L(7), NullOf(LongType())},
      {"last", L(7), NullOf(LongType())},
      {"any_value", L(7), NullOf(LongType())},
      {"var_pop", D(0), NullOf(DoubleType())},
      {"var_samp", NullOf(DoubleType()), NullOf(DoubleType())},
      {"stddev_pop", D(0), NullOf(DoubleType())},
      {"collect_list", Value::array(at, {L(7)}), Value::array(at, {})},
      {"collect_set", Value::array(at, {L(7)}), Value::array(at, {})},
  };
  for (const auto& c : cases) {
    for (bool distinct : {false, true}) {
      auto f = bindAgg(c.name, {LongType()}, distinct);
      EXPECT_EQ(values(runAggregate(f, {one}, 1)), std::vector<Value>{c.one_row}) << c.name << distinct;
      EXPECT_EQ(values(runAggregate(f, {nulls}, 2)), std::vector<Value>{c.all_null}) << c.name << distinct;
    }
  }
}

TEST(EveryFunctionTest, TiesKeepTheFirstRowSeen) {
  // Equal ordering values: max_by/min_by return the x of the first row.
  auto x = strings({"first", "second", "third"});
  auto y = ints({4, 4, 4});
  EXPECT_EQ(values(runAggregate(bindAgg("max_by", {StringType(), IntegerType()}), {x, y}, 3, {}, 1, 3)),
            std::vector<Value>{Value::string("first")});
  EXPECT_EQ(values(runAggregate(bindAgg("min_by", {StringType(), IntegerType()}), {x, y}, 3, {}, 1, 3)),
            std::vector<Value>{Value::string("first")});
  // Combining partial states keeps the target's value on ties.
  EXPECT_EQ(values(runAggregate(bindAgg("max_by", {StringType(), IntegerType()}), {x, y}, 3, {}, 1, 1)),
            std::vector<Value>{Value::string("first")});
  auto same = strings({"a", "a"});
  EXPECT_EQ(values(runAggregate(bindAgg("min", {StringType()}), {same}, 2)), std::vector<Value>{Value::string("a")});
  EXPECT_EQ(values(runAggregate(bindAgg("first", {StringType()}), {x}, 3, {}, 1, 0)),
            std::vector<Value>{Value::string("first")});
  EXPECT_EQ(values(runAggregate(bindAgg("last", {StringType()}), {x}, 3, {}, 1, 3)),
            std::vector<Value>{Value::string("third")});
}

// ---- registry --------------------------------------------------------------------------------

TEST(AggregateRegistryTest, AllSparkNamesRegistered) {
  FunctionRegistry registry;
  registerAggregateFunctions(registry);
  for (const char* name : {"count", "count_if", "sum", "avg", "mean", "min", "max", "first", "first_value", "last",
                           "last_value", "any_value", "bool_and", "every", "bool_or", "some", "any", "max_by",
                           "min_by", "stddev", "std", "stddev_samp", "stddev_pop", "variance", "var_samp", "var_pop",
                           "collect_list", "array_agg", "collect_set"}) {
    EXPECT_NE(registry.findAggregate(name), nullptr) << name;
  }
  EXPECT_NE(registry.findAggregate("SUM"), nullptr);
  EXPECT_EQ(registry.findAggregate("sum_of_all"), nullptr);
}

TEST(AggregateRegistryTest, UnknownNameIsUnresolvedRoutine) {
  expectError([] { bindAgg("median_of_three", {LongType()}); }, "UNRESOLVED_ROUTINE", "median_of_three");
  expectError([] { bindAgg("min", {}); }, "WRONG_NUM_ARGS.WITHOUT_SUGGESTION", "`min`");
  expectError([] { bindAgg("max", {MapType(StringType(), LongType())}); }, "DATATYPE_MISMATCH.INVALID_ORDERING_TYPE",
              "max");
}

}  // namespace
}  // namespace loch::testing

namespace loch::testing {
namespace {

// Dictionary-encoded arguments (Parquet strings and functions of them) fold
// like their flat equivalent, through update and update_single.
TEST(SumTest, DictionaryArgumentsFoldLikeFlatOnes) {
  auto base = longs({10, 20, std::nullopt});
  auto idx = std::make_shared<Buffer>(5 * sizeof(int32_t));
  int32_t rows[5] = {0, 1, 1, 0, 1};
  std::memcpy(idx->data(), rows, sizeof(rows));
  auto dict = Vector::makeDictionary(base, idx, 5);
  for (const char* name : {"sum", "max", "min", "count"}) {
    auto f = bindAgg(name, {LongType()});
    EvalContext ctx;
    StateSet grouped(f, 1), single(f, 1);
    std::vector<uint8_t*> ptrs(5, grouped[0]);
    f.update({dict}, 5, ptrs.data(), ctx);
    f.update_single({dict}, 5, single[0], ctx);
    Value want = std::string(name) == "sum" ? Value::fromInt(LongType(), 80)
                 : std::string(name) == "max" ? Value::fromInt(LongType(), 20)
                 : std::string(name) == "min" ? Value::fromInt(LongType(), 10)
                                              : Value::fromInt(LongType(), 5);
    EXPECT_TRUE(f.finalize(grouped.data(), 1, ctx)->getValue(0) == want) << name;
    EXPECT_TRUE(f.finalize(single.data(), 1, ctx)->getValue(0) == want) << name;
  }
  // A NULL dictionary entry is skipped.
  int32_t with_null[5] = {0, 2, 2, 1, 2};
  std::memcpy(idx->data(), with_null, sizeof(with_null));
  auto f = bindAgg("sum", {LongType()});
  EvalContext ctx;
  StateSet single(f, 1);
  f.update_single({Vector::makeDictionary(base, idx, 5)}, 5, single[0], ctx);
  EXPECT_TRUE(f.finalize(single.data(), 1, ctx)->getValue(0) == Value::fromInt(LongType(), 30));
}

}  // namespace
}  // namespace loch::testing

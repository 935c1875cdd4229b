// skewness, kurtosis, corr, covar_pop, covar_samp, percentile, median.
#include <cmath>

#include "function/aggregate/aggregate_test_util.h"

namespace loch::testing {
namespace {

Value NullD() { return Value::null(DoubleType()); }

/// Checks `v` is a non-NULL double within 1e-9 relative of `expected`.
void expectNear(const Value& v, double expected) {
  ASSERT_FALSE(v.isNull()) << "expected " << expected;
  double got = v.getDouble();
  EXPECT_NEAR(got, expected, 1e-9 * std::max(1.0, std::fabs(expected))) << "expected " << expected;
}

// ---- skewness / kurtosis -----------------------------------------------------

// x = {1, 2, 3, 4, 10}: n = 5, mean 4, deviations -3 -2 -1 0 6,
// M2 = 50, M3 = 180, M4 = 1394.
TEST(SkewnessKurtosisTest, HandComputedWithNullsAndEveryMergeSplit) {
  auto x = doubles({1, std::nullopt, 2, 3, std::nullopt, 4, 10});
  for (int64_t split = 0; split <= 7; ++split) {
    auto sk = values(runAggregate(bindAgg("skewness", {DoubleType()}), {x}, 7, {}, 1, split));
    expectNear(sk[0], std::sqrt(5.0) * 180.0 / std::pow(50.0, 1.5));
    auto ku = values(runAggregate(bindAgg("kurtosis", {DoubleType()}), {x}, 7, {}, 1, split));
    expectNear(ku[0], 5.0 * 1394.0 / 2500.0 - 3.0);  // -0.212
  }
}

TEST(SkewnessKurtosisTest, IntegerInputAndGroups) {
  // group 0: {1, 2, 3} symmetric -> skewness 0, kurtosis 3*2/(2*2) - 3 = -1.5.
  auto f = bindAgg("kurtosis", {IntegerType()});
  EXPECT_EQ(f.return_type->id(), TypeId::Double);
  auto out = values(runAggregate(f, {ints({1, 7, 2, 3})}, 4, {0, 1, 0, 0}, 3));
  expectNear(out[0], -1.5);
  EXPECT_EQ(out[1], NullD());  // single row: M2 == 0
  EXPECT_EQ(out[2], NullD());  // empty group
  auto sk = values(runAggregate(bindAgg("skewness", {IntegerType()}), {ints({1, 2, 3})}, 3));
  expectNear(sk[0], 0.0);
}

TEST(SkewnessKurtosisTest, NullForEmptyAllNullSingleRowAndConstant) {
  for (const char* fn : {"skewness", "kurtosis"}) {
    auto f = bindAgg(fn, {DoubleType()});
    EXPECT_EQ(values(runAggregate(f, {doubles({})}, 0)), std::vector<Value>{NullD()});
    EXPECT_EQ(values(runAggregate(f, {doubles({std::nullopt, std::nullopt})}, 2)), std::vector<Value>{NullD()});
    EXPECT_EQ(values(runAggregate(f, {doubles({5})}, 1)), std::vector<Value>{NullD()});
    EXPECT_EQ(values(runAggregate(f, {doubles({5, 5, 5})}, 3)), std::vector<Value>{NullD()});
  }
}

TEST(SkewnessKurtosisTest, ArgumentErrors) {
  expectError([] { bindAgg("skewness", {DoubleType(), DoubleType()}); }, "WRONG_NUM_ARGS.WITHOUT_SUGGESTION",
              "`skewness` requires 1 parameters");
  expectError([] { bindAgg("kurtosis", {BooleanType()}); }, "DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE", "kurtosis");
}

// ---- corr / covar_pop / covar_samp ---------------------------------------------

// Pairs (1,2) (2,4) (3,5) (4,9): means 2.5 and 5, C = 11, Mx = 5, My = 26.
TEST(CovarianceTest, HandComputedSkippingRowsWithANullInEitherColumn) {
  auto x = doubles({1, std::nullopt, 2, 100, 3, 4});
  auto y = doubles({2, 50, 4, std::nullopt, 5, 9});
  for (int64_t split = 0; split <= 6; ++split) {
    expectNear(values(runAggregate(bindAgg("covar_pop", {DoubleType(), DoubleType()}), {x, y}, 6, {}, 1, split))[0],
               11.0 / 4.0);
    expectNear(values(runAggregate(bindAgg("covar_samp", {DoubleType(), DoubleType()}), {x, y}, 6, {}, 1, split))[0],
               11.0 / 3.0);
    expectNear(values(runAggregate(bindAgg("corr", {DoubleType(), DoubleType()}), {x, y}, 6, {}, 1, split))[0],
               11.0 / std::sqrt(130.0));
  }
}

TEST(CovarianceTest, MixedNumericTypesAndGroups) {
  auto f = bindAgg("covar_pop", {IntegerType(), LongType()});
  EXPECT_EQ(f.return_type->id(), TypeId::Double);
  // group 0: (1,10) (3,30) -> C = 2*10 = 40/... : means 2, 20; C = (-1)(-10) + (1)(10) = 20; /2 = 10.
  auto out = values(runAggregate(f, {ints({1, 5, 3}), longs({10, 6, 30})}, 3, {0, 1, 0}, 3));
  expectNear(out[0], 10.0);
  expectNear(out[1], 0.0);  // one pair: population covariance 0
  EXPECT_EQ(out[2], NullD());
}

TEST(CovarianceTest, NullCases) {
  auto pop = bindAgg("covar_pop", {DoubleType(), DoubleType()});
  auto samp = bindAgg("covar_samp", {DoubleType(), DoubleType()});
  auto corr = bindAgg("corr", {DoubleType(), DoubleType()});
  for (auto* f : {&pop, &samp, &corr}) {
    EXPECT_EQ(values(runAggregate(*f, {doubles({}), doubles({})}, 0)), std::vector<Value>{NullD()});
    EXPECT_EQ(values(runAggregate(*f, {doubles({1, std::nullopt}), doubles({std::nullopt, 2})}, 2)),
              std::vector<Value>{NullD()});
  }
  // single pair: sample covariance and correlation are NULL.
  EXPECT_EQ(values(runAggregate(samp, {doubles({1}), doubles({2})}, 1)), std::vector<Value>{NullD()});
  EXPECT_EQ(values(runAggregate(corr, {doubles({1}), doubles({2})}, 1)), std::vector<Value>{NullD()});
  // zero variance in one column: corr NULL, covariances 0.
  auto cx = doubles({3, 3, 3});
  auto cy = doubles({1, 2, 4});
  EXPECT_EQ(values(runAggregate(corr, {cx, cy}, 3)), std::vector<Value>{NullD()});
  expectNear(values(runAggregate(samp, {cx, cy}, 3))[0], 0.0);
  // perfectly correlated: corr = 1; anti-correlated: -1.
  expectNear(values(runAggregate(corr, {doubles({1, 2, 3}), doubles({2, 4, 6})}, 3))[0], 1.0);
  expectNear(values(runAggregate(corr, {doubles({1, 2, 3}), doubles({6, 4, 2})}, 3))[0], -1.0);
}

TEST(CovarianceTest, ArgumentErrors) {
  expectError([] { bindAgg("corr", {DoubleType()}); }, "WRONG_NUM_ARGS.WITHOUT_SUGGESTION",
              "`corr` requires 2 parameters");
  expectError([] { bindAgg("covar_samp", {DoubleType(), DateType()}); }, "DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE",
              "Parameter 2");
}

}  // namespace
}  // namespace loch::testing

namespace loch::testing {
namespace {

Value PNullD() { return Value::null(DoubleType()); }
DataTypePtr DArr() { return ArrayType(DoubleType(), false); }
Value DArrV(std::vector<double> xs) {
  std::vector<Value> e;
  for (double x : xs) e.push_back(Value::doubleValue(x));
  return Value::array(DArr(), e);
}

// ---- percentile / median -------------------------------------------------------

// Sorted {1, 2, 3, 4, 10}: position (n-1)p = 4p.
TEST(PercentileTest, LinearInterpolationWithNullsAndSplits) {
  auto x = doubles({10, std::nullopt, 3, 1, 4, std::nullopt, 2});
  auto lit = [](double p) { return std::vector<std::optional<Value>>{std::nullopt, Value::doubleValue(p)}; };
  for (int64_t split = 0; split <= 7; ++split) {
    auto run = [&](double p) {
      return values(runAggregate(bindAgg("percentile", {DoubleType(), DoubleType()}, false, true, lit(p)),
                                 {x, Vector::makeConstant(Value::doubleValue(p), 7)}, 7, {}, 1, split))[0];
    };
    EXPECT_EQ(run(0.0), Value::doubleValue(1));
    EXPECT_EQ(run(1.0), Value::doubleValue(10));
    EXPECT_EQ(run(0.5), Value::doubleValue(3));
    EXPECT_EQ(run(0.25), Value::doubleValue(2));
    expectNear(run(0.9), 0.4 * 4 + 0.6 * 10);  // position 3.6
    expectNear(run(0.3), 0.8 * 2 + 0.2 * 3);  // position 1.2
  }
}

TEST(PercentileTest, ArrayOfPercentagesDecimalLiteralAndGroups) {
  std::vector<Value> ps{Value::doubleValue(0.5), Value::doubleValue(0.0), Value::doubleValue(1.0)};
  auto arr = Value::array(ArrayType(DoubleType(), false), ps);
  auto f = bindAgg("percentile", {LongType(), arr.type()}, false, true, {std::nullopt, arr});
  EXPECT_EQ(f.return_type->id(), TypeId::Array);
  auto out = values(runAggregate(f, {longs({1, 100, 2, std::nullopt}), Vector::makeConstant(arr, 4)}, 4,
                                 {0, 1, 0, 1}, 3));
  EXPECT_EQ(out[0], DArrV({1.5, 1, 2}));
  EXPECT_EQ(out[1], DArrV({100, 100, 100}));
  EXPECT_EQ(out[2], Value::null(DArr()));
  // 0.25 written as a DECIMAL(2,2) literal, as Spark SQL parses it.
  auto dec = Value::decimal(25, 2, 2);
  auto g = bindAgg("percentile", {IntegerType(), dec.type()}, false, true, {std::nullopt, dec});
  EXPECT_EQ(g.return_type->id(), TypeId::Double);
  EXPECT_EQ(values(runAggregate(g, {ints({4, 1, 3, 2, 5}), Vector::makeConstant(dec, 5)}, 5))[0],
            Value::doubleValue(2));
}

TEST(PercentileTest, MedianEmptyAllNullAndSingleRow) {
  auto f = bindAgg("median", {DoubleType()});
  EXPECT_EQ(f.return_type->id(), TypeId::Double);
  EXPECT_EQ(values(runAggregate(f, {doubles({})}, 0)), std::vector<Value>{PNullD()});
  EXPECT_EQ(values(runAggregate(f, {doubles({std::nullopt, std::nullopt})}, 2)), std::vector<Value>{PNullD()});
  EXPECT_EQ(values(runAggregate(f, {doubles({7.5})}, 1)), std::vector<Value>{Value::doubleValue(7.5)});
  EXPECT_EQ(values(runAggregate(f, {doubles({4, 1, 3, 2})}, 4)), std::vector<Value>{Value::doubleValue(2.5)});
  EXPECT_EQ(values(runAggregate(bindAgg("median", {IntegerType()}), {ints({5, 1, 3})}, 3)),
            std::vector<Value>{Value::doubleValue(3)});
}

TEST(PercentileTest, Errors) {
  auto dbl = [](double p) { return std::vector<std::optional<Value>>{std::nullopt, Value::doubleValue(p)}; };
  expectError([&] { bindAgg("percentile", {DoubleType(), DoubleType()}, false, true, dbl(1.5)); },
              "DATATYPE_MISMATCH.VALUE_OUT_OF_RANGE", "current value = 1.5");
  expectError([&] { bindAgg("percentile", {DoubleType(), DoubleType()}, false, true, dbl(-0.1)); },
              "DATATYPE_MISMATCH.VALUE_OUT_OF_RANGE", "percentile");
  expectError([] { bindAgg("percentile", {DoubleType(), DoubleType()}); }, "DATATYPE_MISMATCH.NON_FOLDABLE_INPUT",
              "percentage");
  expectError(
      [] {
        bindAgg("percentile", {DoubleType(), DoubleType()}, false, true,
                {std::nullopt, Value::null(DoubleType())});
      },
      "DATATYPE_MISMATCH.UNEXPECTED_NULL", "must not be null");
  expectError([] { bindAgg("percentile", {DoubleType()}); }, "WRONG_NUM_ARGS.WITHOUT_SUGGESTION", "percentile");
  expectError([] { bindAgg("median", {StringType()}); }, "DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE", "median");
}

}  // namespace
}  // namespace loch::testing

namespace loch::testing {
namespace {

// ---- mode ------------------------------------------------------------------------

TEST(ModeTest, MostFrequentSkippingNullsWithGroupsAndSplits) {
  auto x = longs({3, std::nullopt, 5, 3, std::nullopt, std::nullopt, 5, 3, 9});
  for (int64_t split = 0; split <= 9; ++split) {
    auto f = bindAgg("mode", {LongType()});
    EXPECT_EQ(f.return_type->id(), TypeId::Long);
    EXPECT_EQ(values(runAggregate(f, {x}, 9, {}, 1, split)), std::vector<Value>{Value::longValue(3)});
  }
  // group 0: 7 7 1; group 1: only NULLs; group 2: no rows.
  auto out = values(runAggregate(bindAgg("mode", {IntegerType()}), {ints({7, std::nullopt, 1, 7})}, 4,
                                 {0, 1, 0, 0}, 3));
  EXPECT_EQ(out, (std::vector<Value>{Value::integer(7), Value::null(IntegerType()), Value::null(IntegerType())}));
}

TEST(ModeTest, TiesGiveLowestValue) {
  EXPECT_EQ(values(runAggregate(bindAgg("mode", {IntegerType()}), {ints({9, 4, 9, 4, 6})}, 5)),
            std::vector<Value>{Value::integer(4)});
  EXPECT_EQ(values(runAggregate(bindAgg("mode", {StringType()}), {strings({"b", "a", std::nullopt, "b", "a"})}, 5)),
            std::vector<Value>{Value::string("a")});
  auto det = bindAgg("mode", {DoubleType(), BooleanType()}, false, true, {std::nullopt, Value::boolean(true)});
  EXPECT_EQ(values(runAggregate(det, {doubles({2.5, -1.0, 2.5, -1.0}), bools({true, true, true, true})}, 4)),
            std::vector<Value>{Value::doubleValue(-1.0)});
}

TEST(ModeTest, SingleRowEmptyAndErrors) {
  EXPECT_EQ(values(runAggregate(bindAgg("mode", {StringType()}), {strings({"x"})}, 1)),
            std::vector<Value>{Value::string("x")});
  EXPECT_EQ(values(runAggregate(bindAgg("mode", {StringType()}), {strings({})}, 0)),
            std::vector<Value>{Value::null(StringType())});
  expectError([] { bindAgg("mode", {IntegerType(), BooleanType()}); }, "DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE",
              "Parameter 2");
  expectError([] { bindAgg("mode", {}); }, "WRONG_NUM_ARGS.WITHOUT_SUGGESTION", "mode");
  expectError([] { bindAgg("mode", {ArrayType(IntegerType())}); }, "DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE",
              "mode");
}

}  // namespace
}  // namespace loch::testing

namespace loch::testing {
namespace {

// ---- approx_count_distinct ---------------------------------------------------------

TEST(ApproxCountDistinctTest, SmallCardinalitiesAreExactWithNullsDuplicatesAndGroups) {
  auto f = bindAgg("approx_count_distinct", {LongType()});
  EXPECT_EQ(f.return_type->id(), TypeId::Long);
  EXPECT_FALSE(f.nullable);
  auto x = longs({1, 2, std::nullopt, 2, 3, 1, 42, 42, std::nullopt});
  for (int64_t split = 0; split <= 9; ++split)
    EXPECT_EQ(values(runAggregate(f, {x}, 9, {}, 1, split)), std::vector<Value>{Value::longValue(4)});
  auto out = values(runAggregate(f, {longs({5, std::nullopt, 5, 6})}, 4, {0, 1, 0, 0}, 3));
  EXPECT_EQ(out, (std::vector<Value>{Value::longValue(2), Value::longValue(0), Value::longValue(0)}));
  EXPECT_EQ(values(runAggregate(bindAgg("approx_count_distinct", {StringType()}),
                                {strings({"a", "b", "a", std::nullopt, "c", ""})}, 6)),
            std::vector<Value>{Value::longValue(4)});
  // -0.0 and 0.0 count once, as do all NaNs.
  EXPECT_EQ(values(runAggregate(bindAgg("approx_count_distinct", {DoubleType()}),
                                {doubles({0.0, -0.0, NAN, -NAN, 1.5})}, 5)),
            std::vector<Value>{Value::longValue(3)});
  EXPECT_EQ(values(runAggregate(f, {longs({7})}, 1)), std::vector<Value>{Value::longValue(1)});
}

TEST(ApproxCountDistinctTest, LargeCardinalitiesWithinRelativeError) {
  const int64_t n = 20000;
  std::vector<std::optional<int64_t>> xs;
  for (int64_t i = 0; i < n; ++i) xs.push_back(i * 7919 % 1000003);
  auto x = longs(xs);
  // default rsd 0.05 (p = 9): raw HLL estimate, std error 1.04 / sqrt(512).
  int64_t est = values(runAggregate(bindAgg("approx_count_distinct", {LongType()}), {x}, n))[0].getLong();
  EXPECT_NEAR(static_cast<double>(est), static_cast<double>(n), 0.15 * n);
  // rsd 0.01 (p = 14, m = 16384): 2000 values stay in linear counting.
  auto lit = std::vector<std::optional<Value>>{std::nullopt, Value::doubleValue(0.01)};
  auto f = bindAgg("approx_count_distinct", {LongType(), DoubleType()}, false, true, lit);
  auto first = slice(*x, 0, 2000);
  int64_t est2 = values(runAggregate(f, {first, Vector::makeConstant(Value::doubleValue(0.01), 2000)}, 2000))[0].getLong();
  EXPECT_NEAR(static_cast<double>(est2), 2000.0, 0.02 * 2000);
}

TEST(ApproxCountDistinctTest, RelativeSdErrors) {
  auto lit = [](Value v) { return std::vector<std::optional<Value>>{std::nullopt, v}; };
  expectError([&] { bindAgg("approx_count_distinct", {LongType(), DoubleType()}, false, true, lit(Value::doubleValue(0.5))); },
              "DATATYPE_MISMATCH.VALUE_OUT_OF_RANGE", "at least 4 bits");
  expectError([&] { bindAgg("approx_count_distinct", {LongType(), DoubleType()}, false, true, lit(Value::doubleValue(1e-4))); },
              "DATATYPE_MISMATCH.VALUE_OUT_OF_RANGE", "18 bits");
  expectError([&] { bindAgg("approx_count_distinct", {LongType(), DoubleType()}, false, true, lit(Value::doubleValue(-1))); },
              "DATATYPE_MISMATCH.VALUE_OUT_OF_RANGE", "positive");
  expectError([] { bindAgg("approx_count_distinct", {LongType(), DoubleType()}); },
              "DATATYPE_MISMATCH.NON_FOLDABLE_INPUT", "relativeSD");
  expectError([] { bindAgg("approx_count_distinct", {}); }, "WRONG_NUM_ARGS.WITHOUT_SUGGESTION", "approx_count_distinct");
}

}  // namespace
}  // namespace loch::testing

namespace loch::testing {
namespace {

// ---- percentile_approx / approx_percentile ---------------------------------------------

std::vector<std::optional<Value>> pctLits(Value p, std::optional<Value> acc = std::nullopt) {
  std::vector<std::optional<Value>> l{std::nullopt, std::move(p)};
  if (acc) l.push_back(std::move(acc));
  return l;
}

// Spark's documented examples.
TEST(ApproxPercentileTest, SparkDocExamples) {
  std::vector<Value> ps{Value::doubleValue(0.5), Value::doubleValue(0.4), Value::doubleValue(0.1)};
  auto arr = Value::array(ArrayType(DoubleType(), false), ps);
  auto f = bindAgg("percentile_approx", {IntegerType(), arr.type(), IntegerType()}, false, true,
                   pctLits(arr, Value::integer(100)));
  EXPECT_EQ(f.return_type->sql(), ArrayType(IntegerType(), false)->sql());
  auto x = ints({0, 1, 2, 10});
  auto out = values(runAggregate(f, {x, Vector::makeConstant(arr, 4), Vector::makeConstant(Value::integer(100), 4)}, 4));
  EXPECT_EQ(out[0], Value::array(ArrayType(IntegerType(), false),
                                 {Value::integer(1), Value::integer(1), Value::integer(0)}));
  auto g = bindAgg("approx_percentile", {IntegerType(), DoubleType(), IntegerType()}, false, true,
                   pctLits(Value::doubleValue(0.5), Value::integer(100)));
  auto y = ints({0, 6, 7, 9, 10});
  EXPECT_EQ(values(runAggregate(g, {y, Vector::makeConstant(Value::doubleValue(0.5), 5),
                                    Vector::makeConstant(Value::integer(100), 5)}, 5)),
            std::vector<Value>{Value::integer(7)});
}

// Sorted {1, 2, 3, 4, 10}: rank max(1, ceil(5p)).
TEST(ApproxPercentileTest, NearestRankWithNullsSplitsAndGroups) {
  auto x = doubles({10, std::nullopt, 3, 1, 4, std::nullopt, 2});
  auto run = [&](double p, int64_t split) {
    auto f = bindAgg("percentile_approx", {DoubleType(), DoubleType()}, false, true, pctLits(Value::doubleValue(p)));
    return values(runAggregate(f, {x, Vector::makeConstant(Value::doubleValue(p), 7)}, 7, {}, 1, split))[0];
  };
  for (int64_t split = 0; split <= 7; ++split) {
    EXPECT_EQ(run(0.0, split), Value::doubleValue(1));
    EXPECT_EQ(run(0.2, split), Value::doubleValue(1));
    EXPECT_EQ(run(0.25, split), Value::doubleValue(2));
    EXPECT_EQ(run(0.5, split), Value::doubleValue(3));
    EXPECT_EQ(run(0.9, split), Value::doubleValue(10));
    EXPECT_EQ(run(1.0, split), Value::doubleValue(10));
  }
  auto f = bindAgg("percentile_approx", {LongType(), DoubleType()}, false, true, pctLits(Value::doubleValue(0.5)));
  EXPECT_EQ(f.return_type->id(), TypeId::Long);
  auto out = values(runAggregate(f, {longs({8, std::nullopt, 2}), Vector::makeConstant(Value::doubleValue(0.5), 3)}, 3,
                                 {0, 1, 0}, 3));
  EXPECT_EQ(out, (std::vector<Value>{Value::longValue(2), Value::null(LongType()), Value::null(LongType())}));
  // single row.
  EXPECT_EQ(values(runAggregate(f, {longs({5}), Vector::makeConstant(Value::doubleValue(0.5), 1)}, 1)),
            std::vector<Value>{Value::longValue(5)});
}

TEST(ApproxPercentileTest, DatesKeepTheirTypeAndEmptyArrayResultIsNull) {
  auto f = bindAgg("percentile_approx", {DateType(), DoubleType()}, false, true, pctLits(Value::doubleValue(1.0)));
  EXPECT_EQ(f.return_type->id(), TypeId::Date);
  auto d = Vector::fromValues(DateType(), {Value::date(100), Value::date(5), Value::null(DateType())});
  EXPECT_EQ(values(runAggregate(f, {d, Vector::makeConstant(Value::doubleValue(1.0), 3)}, 3)),
            std::vector<Value>{Value::date(100)});
  auto arr = Value::array(ArrayType(DoubleType(), false), {Value::doubleValue(0.5)});
  auto g = bindAgg("percentile_approx", {IntegerType(), arr.type()}, false, true, pctLits(arr));
  EXPECT_EQ(values(runAggregate(g, {ints({}), Vector::makeConstant(arr, 0)}, 0)),
            std::vector<Value>{Value::null(ArrayType(IntegerType(), false))});
}

TEST(ApproxPercentileTest, Errors) {
  expectError([] { bindAgg("percentile_approx", {DoubleType(), DoubleType()}, false, true, pctLits(Value::doubleValue(2))); },
              "DATATYPE_MISMATCH.VALUE_OUT_OF_RANGE", "current value = 2.0");
  expectError([] {
    bindAgg("percentile_approx", {DoubleType(), DoubleType(), IntegerType()}, false, true,
            pctLits(Value::doubleValue(0.5), Value::integer(0)));
  }, "DATATYPE_MISMATCH.VALUE_OUT_OF_RANGE", "accuracy");
  expectError([] { bindAgg("percentile_approx", {DoubleType(), DoubleType()}); },
              "DATATYPE_MISMATCH.NON_FOLDABLE_INPUT", "percentage");
  expectError([] { bindAgg("percentile_approx", {StringType(), DoubleType()}, false, true, pctLits(Value::doubleValue(0.5))); },
              "DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE", "Parameter 1");
  expectError([] { bindAgg("approx_percentile", {DoubleType()}); }, "WRONG_NUM_ARGS.WITHOUT_SUGGESTION",
              "approx_percentile");
}

}  // namespace
}  // namespace loch::testing

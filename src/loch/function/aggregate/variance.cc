// var_samp / variance, var_pop, stddev_samp / stddev / std, stddev_pop.
// Rows are folded with Welford's update and partial states merged with the
// pairwise formula of Chan, Golub and LeVeque ("Updating formulae and a
// pairwise algorithm for computing sample variances", 1979), as Spark's
// CentralMomentAgg does. Results are DOUBLE; NULL for a group with no
// non-NULL value, and (Spark 3.1+ default, spark.sql.legacy.statisticalAggregate
// = false) NULL for the sample variants of a single value.

#include <cmath>

#include "loch/function/aggregate/aggregate_util.h"

namespace loch {

namespace {

using agg::stateAs;

struct Moments {
  double n = 0;
  double mean = 0;
  double m2 = 0;
};

}  // namespace

BoundAggregateFunction bindVariance(const AggregateCall& call, const std::string& kind) {
  agg::checkArgCount(call, 1, 1);
  const DataType& t = *call.arg_types[0];
  if (!t.isNumeric() && t.id() != TypeId::Null && t.id() != TypeId::String)
    agg::throwBadInputType(call.name, 1, t, "\"DOUBLE\"");
  BoundAggregateFunction f;
  f.name = call.name;
  f.arg_types = t.isNumeric() ? call.arg_types : std::vector<DataTypePtr>{DoubleType()};
  f.return_type = DoubleType();
  agg::setStateOps<Moments>(f);
  f.update = [](const std::vector<VectorPtr>& args, int64_t n, uint8_t* const* states, EvalContext&) {
    agg::forEachValidAsDouble(*args[0], n, [&](int64_t i, double x) {
      auto& s = stateAs<Moments>(states[i]);
      s.n += 1;
      double delta = x - s.mean;
      s.mean += delta / s.n;
      s.m2 += delta * (x - s.mean);
    });
  };
  f.combine = [](uint8_t* target, const uint8_t* source, EvalContext&) {
    auto& a = stateAs<Moments>(target);
    const auto& b = stateAs<Moments>(source);
    if (b.n == 0) return;
    if (a.n == 0) {
      a = b;
      return;
    }
    double n = a.n + b.n;
    double delta = b.mean - a.mean;
    a.mean += delta * b.n / n;
    a.m2 += b.m2 + delta * delta * a.n * b.n / n;
    a.n = n;
  };
  bool sample = kind == "var_samp" || kind == "stddev_samp";
  bool root = kind == "stddev_samp" || kind == "stddev_pop";
  f.finalize = [sample, root](uint8_t* const* states, int64_t n, EvalContext&) {
    VectorPtr out = Vector::makeFlat(DoubleType(), n);
    double* v = out->mutableValues<double>();
    for (int64_t i = 0; i < n; ++i) {
      const auto& s = stateAs<Moments>(states[i]);
      if (s.n == 0 || (sample && s.n == 1)) {
        out->setNull(i);
        continue;
      }
      double var = s.m2 / (sample ? s.n - 1 : s.n);
      v[i] = root ? std::sqrt(var) : var;
    }
    return out;
  };
  return f;
}

void registerVarianceAggregates(FunctionRegistry& registry) {
  agg::addAggregateByName(registry, "var_samp", "var_samp(expr) - Returns the sample variance calculated from values of a group.");
  agg::addAggregateByName(registry, "variance", "variance(expr) - Returns the sample variance calculated from values of a group.");
  agg::addAggregateByName(registry, "var_pop", "var_pop(expr) - Returns the population variance calculated from values of a group.");
  agg::addAggregateByName(registry, "stddev_samp", "stddev_samp(expr) - Returns the sample standard deviation calculated from values of a group.");
  agg::addAggregateByName(registry, "stddev", "stddev(expr) - Returns the sample standard deviation calculated from values of a group.");
  agg::addAggregateByName(registry, "std", "std(expr) - Returns the sample standard deviation calculated from values of a group.");
  agg::addAggregateByName(registry, "stddev_pop", "stddev_pop(expr) - Returns the population standard deviation calculated from values of a group.");
}

}  // namespace loch

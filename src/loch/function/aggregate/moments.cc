// skewness(expr), kurtosis(expr) and the two-column statistics corr(x, y),
// covar_pop(x, y), covar_samp(x, y).
//
// skewness/kurtosis keep the central moments n, mean, M2, M3, M4; rows and
// partial states are merged with the pairwise formulas of Pébay ("Formulas
// for robust, one-pass parallel computation of covariances and arbitrary-order
// statistical moments", Sandia SAND2008-6212), as Spark's CentralMomentAgg
// does. Results (Spark's population formulas):
//   skewness = sqrt(n) * M3 / M2^1.5,  kurtosis = n * M4 / (M2 * M2) - 3.
// NULL for a group without non-NULL values, and NULL when M2 == 0 (Spark's
// default, spark.sql.legacy.statisticalAggregate = false; legacy gives NaN).
//
// corr/covar_* keep n, the two means and the co-moment C = sum (x-x̄)(y-ȳ)
// (plus the second moments of x and y for corr); rows with a NULL in either
// argument are skipped. Results: covar_pop = C / n, covar_samp = C / (n - 1)
// (NULL for n < 2), corr = C / sqrt(Mx * My) (NULL for n < 2 or when either
// column has zero variance: Spark divides in LEGACY mode, where x / 0 is NULL).
// All results are DOUBLE; NULL for a group without rows.

#include <cmath>
#include <vector>

#include "loch/function/aggregate/aggregate_util.h"

namespace loch {

namespace {

using agg::stateAs;

struct CentralMoments {
  double n = 0;
  double mean = 0;
  double m2 = 0;
  double m3 = 0;
  double m4 = 0;
};

/// Pébay's pairwise merge (eq. 2.1, 3.3 with p = 2, 3, 4); `b` may be a
/// single observation (n = 1, moments 0).
void mergeMoments(CentralMoments& a, const CentralMoments& b) {
  if (b.n == 0) return;
  if (a.n == 0) {
    a = b;
    return;
  }
  double na = a.n, nb = b.n, n = na + nb;
  double delta = b.mean - a.mean;
  double dn = delta / n;
  double dn2 = dn * dn;
  double m2 = a.m2 + b.m2 + delta * dn * na * nb;
  double m3 = a.m3 + b.m3 + delta * dn2 * na * nb * (na - nb) + 3.0 * dn * (na * b.m2 - nb * a.m2);
  double m4 = a.m4 + b.m4 + delta * dn2 * dn * na * nb * (na * na - na * nb + nb * nb) +
              6.0 * dn2 * (na * na * b.m2 + nb * nb * a.m2) + 4.0 * dn * (na * b.m3 - nb * a.m3);
  a.mean += dn * nb;
  a.m2 = m2;
  a.m3 = m3;
  a.m4 = m4;
  a.n = n;
}

struct CoMoments {
  double n = 0;
  double x_mean = 0;
  double y_mean = 0;
  double ck = 0;
  double x_mk = 0;
  double y_mk = 0;
};

void mergeCoMoments(CoMoments& a, const CoMoments& b) {
  if (b.n == 0) return;
  if (a.n == 0) {
    a = b;
    return;
  }
  double n = a.n + b.n;
  double dx = b.x_mean - a.x_mean;
  double dy = b.y_mean - a.y_mean;
  double w = a.n * b.n / n;
  a.ck += b.ck + dx * dy * w;
  a.x_mk += b.x_mk + dx * dx * w;
  a.y_mk += b.y_mk + dy * dy * w;
  a.x_mean += dx * b.n / n;
  a.y_mean += dy * b.n / n;
  a.n = n;
}

/// Numeric arguments are read as double directly; NULL/STRING are cast to
/// DOUBLE by the caller (Spark's ImplicitCastInputTypes to DoubleType).
DataTypePtr momentArgType(const AggregateCall& call, size_t i) {
  const DataType& t = *call.arg_types[i];
  if (t.isNumeric()) return call.arg_types[i];
  if (t.id() == TypeId::Null || t.id() == TypeId::String) return DoubleType();
  agg::throwBadInputType(call.name, i + 1, t, "\"DOUBLE\"");
}

/// Values of a numeric vector as doubles plus a validity flag per row.
void readDoubles(const Vector& v, int64_t n, std::vector<double>& vals, std::vector<uint8_t>& ok) {
  vals.assign(static_cast<size_t>(n), 0.0);
  ok.assign(static_cast<size_t>(n), 0);
  agg::forEachValidAsDouble(v, n, [&](int64_t i, double x) {
    vals[static_cast<size_t>(i)] = x;
    ok[static_cast<size_t>(i)] = 1;
  });
}

}  // namespace

BoundAggregateFunction bindHigherMoment(const AggregateCall& call, bool is_kurtosis) {
  agg::checkArgCount(call, 1, 1);
  BoundAggregateFunction f;
  f.name = call.name;
  f.arg_types = {momentArgType(call, 0)};
  f.return_type = DoubleType();
  agg::setStateOps<CentralMoments>(f);
  f.update = [](const std::vector<VectorPtr>& args, int64_t n, uint8_t* const* states, EvalContext&) {
    agg::forEachValidAsDouble(*args[0], n, [&](int64_t i, double x) {
      CentralMoments one;
      one.n = 1;
      one.mean = x;
      mergeMoments(stateAs<CentralMoments>(states[i]), one);
    });
  };
  f.combine = [](uint8_t* target, const uint8_t* source, EvalContext&) {
    mergeMoments(stateAs<CentralMoments>(target), stateAs<CentralMoments>(source));
  };
  f.finalize = [is_kurtosis](uint8_t* const* states, int64_t n, EvalContext&) {
    VectorPtr out = Vector::makeFlat(DoubleType(), n);
    double* v = out->mutableValues<double>();
    for (int64_t i = 0; i < n; ++i) {
      const auto& s = stateAs<CentralMoments>(states[i]);
      if (s.n == 0 || s.m2 == 0) {
        out->setNull(i);
        continue;
      }
      v[i] = is_kurtosis ? s.n * s.m4 / (s.m2 * s.m2) - 3.0 : std::sqrt(s.n) * s.m3 / std::sqrt(s.m2 * s.m2 * s.m2);
    }
    return out;
  };
  return f;
}

BoundAggregateFunction bindCovariance(const AggregateCall& call, const std::string& kind) {
  agg::checkArgCount(call, 2, 2);
  BoundAggregateFunction f;
  f.name = call.name;
  f.arg_types = {momentArgType(call, 0), momentArgType(call, 1)};
  f.return_type = DoubleType();
  agg::setStateOps<CoMoments>(f);
  f.update = [](const std::vector<VectorPtr>& args, int64_t n, uint8_t* const* states, EvalContext&) {
    std::vector<double> xs, ys;
    std::vector<uint8_t> xok, yok;
    readDoubles(*args[0], n, xs, xok);
    readDoubles(*args[1], n, ys, yok);
    for (int64_t i = 0; i < n; ++i) {
      if (!xok[i] || !yok[i]) continue;
      auto& s = stateAs<CoMoments>(states[i]);
      double x = xs[i], y = ys[i];
      s.n += 1;
      double dx = x - s.x_mean;
      double dy = y - s.y_mean;
      s.x_mean += dx / s.n;
      s.y_mean += dy / s.n;
      s.ck += dx * (y - s.y_mean);
      s.x_mk += dx * (x - s.x_mean);
      s.y_mk += dy * (y - s.y_mean);
    }
  };
  f.combine = [](uint8_t* target, const uint8_t* source, EvalContext&) {
    mergeCoMoments(stateAs<CoMoments>(target), stateAs<CoMoments>(source));
  };
  enum class Kind { Pop, Samp, Corr };
  Kind k = kind == "covar_pop" ? Kind::Pop : kind == "covar_samp" ? Kind::Samp : Kind::Corr;
  f.finalize = [k](uint8_t* const* states, int64_t n, EvalContext&) {
    VectorPtr out = Vector::makeFlat(DoubleType(), n);
    double* v = out->mutableValues<double>();
    for (int64_t i = 0; i < n; ++i) {
      const auto& s = stateAs<CoMoments>(states[i]);
      bool null = s.n == 0 || (k != Kind::Pop && s.n == 1) || (k == Kind::Corr && s.x_mk * s.y_mk == 0);
      if (null) {
        out->setNull(i);
        continue;
      }
      v[i] = k == Kind::Pop ? s.ck / s.n : k == Kind::Samp ? s.ck / (s.n - 1) : s.ck / std::sqrt(s.x_mk * s.y_mk);
    }
    return out;
  };
  return f;
}

void registerMomentAggregates(FunctionRegistry& registry) {
  agg::addAggregateByName(registry, "skewness", "skewness(expr) - Returns the skewness value calculated from values of a group.");
  agg::addAggregateByName(registry, "kurtosis", "kurtosis(expr) - Returns the kurtosis value calculated from values of a group.");
  agg::addAggregateByName(registry, "corr", "corr(expr1, expr2) - Returns Pearson coefficient of correlation between a set of number pairs.");
  agg::addAggregateByName(registry, "covar_pop", "covar_pop(expr1, expr2) - Returns the population covariance of a set of number pairs.");
  agg::addAggregateByName(registry, "covar_samp", "covar_samp(expr1, expr2) - Returns the sample covariance of a set of number pairs.");
}

}  // namespace loch

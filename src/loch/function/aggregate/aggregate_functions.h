#pragma once
// Type-level entry point to Loch's aggregate functions. The registry's
// binders (registered by registerAggregateFunctions) take resolved argument
// expressions; they reduce them to an AggregateCall (argument types plus the
// values of literal arguments) and bind through bindAggregateFunction, which
// planners and tests may also call directly.

#include <optional>
#include <string>
#include <vector>

#include "loch/function/aggregate_function.h"
#include "loch/types/value.h"

namespace loch {

class FunctionRegistry;

/// One call of an aggregate function, reduced to what binding needs.
struct AggregateCall {
  /// Function name as registered (any case; aliases allowed).
  std::string name;
  /// Types of the arguments (after analysis).
  std::vector<DataTypePtr> arg_types;
  /// literals[i] is the value of argument i when it is a literal (e.g. the
  /// ignoreNulls flag of first(x, true)); shorter than arg_types or nullopt
  /// otherwise.
  std::vector<std::optional<Value>> literals;
  bool distinct = false;
  /// IGNORE NULLS / RESPECT NULLS of first/last/any_value.
  bool ignore_nulls = false;
  /// spark.sql.ansi.enabled at analysis time (sum overflow behaviour).
  bool ansi = true;

  /// The literal value of argument i, if it is one.
  const Value* literal(size_t i) const {
    return i < literals.size() && literals[i] ? &*literals[i] : nullptr;
  }
  /// From a registry bind input (literal argument expressions kept).
  static AggregateCall fromBindInput(const std::string& name, const AggregateBindInput& input);
};

/// Binds `call` to an implementation, wrapping it in a DISTINCT aggregate
/// when call.distinct is set (except for min/max/bool_and/bool_or, where
/// DISTINCT does not change the result).
/// @throws AnalysisException "UNRESOLVED_ROUTINE" for an unknown name,
///         "WRONG_NUM_ARGS" / "DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE" when
///         the arguments do not fit.
BoundAggregateFunction bindAggregateFunction(const AggregateCall& call);

/// Wraps `inner` so that it sees each distinct argument tuple of a group
/// once (count(DISTINCT x), sum(DISTINCT x), ...). Distinct tuples are fed
/// to `inner` at finalize in a canonical (sorted) order, so results do not
/// depend on how rows were split between threads. NULLs are kept as values;
/// `inner` skips them as usual.
BoundAggregateFunction makeDistinctAggregate(BoundAggregateFunction inner);

// Family binders (one per source file); `call.distinct` is ignored here.
BoundAggregateFunction bindCount(const AggregateCall& call);
BoundAggregateFunction bindCountIf(const AggregateCall& call);
BoundAggregateFunction bindSum(const AggregateCall& call);
BoundAggregateFunction bindAvg(const AggregateCall& call);
BoundAggregateFunction bindMinMax(const AggregateCall& call, bool is_max);
BoundAggregateFunction bindMinMaxBy(const AggregateCall& call, bool is_max);
BoundAggregateFunction bindFirstLast(const AggregateCall& call, bool is_last);
BoundAggregateFunction bindBoolAgg(const AggregateCall& call, bool is_and);
/// kind: "var_samp", "var_pop", "stddev_samp", "stddev_pop".
BoundAggregateFunction bindVariance(const AggregateCall& call, const std::string& kind);
BoundAggregateFunction bindCollect(const AggregateCall& call, bool is_set);
/// skewness(x) / kurtosis(x): DOUBLE, NULL for no rows or zero variance.
BoundAggregateFunction bindHigherMoment(const AggregateCall& call, bool is_kurtosis);
/// kind: "corr", "covar_pop", "covar_samp"; two numeric arguments, DOUBLE.
BoundAggregateFunction bindCovariance(const AggregateCall& call, const std::string& kind);
/// percentile(x, p) / median(x): exact, linear interpolation; DOUBLE or
/// ARRAY<DOUBLE> when p is an array.
BoundAggregateFunction bindPercentile(const AggregateCall& call, bool is_median);
/// mode(x[, deterministic]): most frequent value (lowest on ties), x's type.
BoundAggregateFunction bindMode(const AggregateCall& call);
/// approx_count_distinct(x[, rsd]): HyperLogLog++ estimate, BIGINT.
BoundAggregateFunction bindApproxCountDistinct(const AggregateCall& call);
/// percentile_approx / approx_percentile(x, p[, accuracy]): exact
/// nearest-rank value of x's type (ARRAY of it for an array p).
BoundAggregateFunction bindApproxPercentile(const AggregateCall& call);

// Family registration (called by registerAggregateFunctions).
void registerCountAggregates(FunctionRegistry& registry);
void registerSumAvgAggregates(FunctionRegistry& registry);
void registerMinMaxAggregates(FunctionRegistry& registry);
void registerFirstLastAggregates(FunctionRegistry& registry);
void registerBoolAggregates(FunctionRegistry& registry);
void registerVarianceAggregates(FunctionRegistry& registry);
void registerCollectAggregates(FunctionRegistry& registry);
void registerMomentAggregates(FunctionRegistry& registry);
void registerPercentileAggregates(FunctionRegistry& registry);
void registerModeAggregates(FunctionRegistry& registry);
void registerApproxCountDistinctAggregates(FunctionRegistry& registry);
void registerApproxPercentileAggregates(FunctionRegistry& registry);

}  // namespace loch

#include "loch/common/exception.h"
#include "loch/common/format.h"
#include "loch/expr/expression.h"
#include "loch/expr/physical_expr.h"
#include "loch/function/eval_context.h"
#include "loch/function/aggregate/aggregate_functions.h"
#include "loch/function/builtin/builtin_functions.h"
#include "loch/function/function_registry.h"

namespace loch {

namespace {

/// True for an expression of literals only (e.g. array(0.25, 0.5) or
/// CAST('0.5' AS DOUBLE)): Spark's foldable arguments, which aggregates such
/// as percentile_approx require for their percentages and accuracy.
bool isConstant(const ExprPtr& e) {
  bool constant = true;
  visitExpr(e, [&](const ExprPtr& x) {
    switch (x->kind()) {
      case ExprKind::Literal:
        break;
      case ExprKind::ScalarFunction:
        // Zero-argument functions (rand(), current_timestamp()) are not folded here.
        if (x->children().empty() || (x->scalarFunction() && !x->scalarFunction()->deterministic)) constant = false;
        break;
      case ExprKind::Cast:
      case ExprKind::CaseWhen:
        break;
      default:
        constant = false;
    }
  });
  return constant;
}

std::optional<Value> constantValue(const ExprPtr& e) {
  if (e->kind() == ExprKind::Literal) return e->literal();
  if (!isConstant(e)) return std::nullopt;
  try {
    EvalContext ctx = EvalContext::defaults();
    Value v = evaluateConstant(e, ctx);
    return v.isNull() ? Value::null(e->type()) : v;
  } catch (const LochException&) {
    return std::nullopt;  // the aggregate reports its own non-foldable error
  }
}

}  // namespace

AggregateCall AggregateCall::fromBindInput(const std::string& name, const AggregateBindInput& input) {
  AggregateCall call;
  call.name = toLower(name);
  call.arg_types = input.argTypes();
  for (const auto& a : input.args) call.literals.push_back(constantValue(a));
  call.distinct = input.distinct;
  call.ignore_nulls = input.ignore_nulls;
  call.ansi = input.ansi;
  return call;
}

namespace {

// Spark names (lower case, aliases resolved to their canonical function).
BoundAggregateFunction bindByName(const AggregateCall& call) {
  const std::string& n = call.name;
  if (n == "count") return bindCount(call);
  if (n == "count_if") return bindCountIf(call);
  if (n == "sum") return bindSum(call);
  if (n == "avg" || n == "mean") return bindAvg(call);
  if (n == "min") return bindMinMax(call, false);
  if (n == "max") return bindMinMax(call, true);
  if (n == "min_by") return bindMinMaxBy(call, false);
  if (n == "max_by") return bindMinMaxBy(call, true);
  if (n == "first" || n == "first_value" || n == "any_value") return bindFirstLast(call, false);
  if (n == "last" || n == "last_value") return bindFirstLast(call, true);
  if (n == "bool_and" || n == "every") return bindBoolAgg(call, true);
  if (n == "bool_or" || n == "some" || n == "any") return bindBoolAgg(call, false);
  if (n == "var_samp" || n == "variance") return bindVariance(call, "var_samp");
  if (n == "var_pop") return bindVariance(call, "var_pop");
  if (n == "stddev_samp" || n == "stddev" || n == "std") return bindVariance(call, "stddev_samp");
  if (n == "stddev_pop") return bindVariance(call, "stddev_pop");
  if (n == "collect_list" || n == "array_agg") return bindCollect(call, false);
  if (n == "collect_set") return bindCollect(call, true);
  if (n == "skewness") return bindHigherMoment(call, false);
  if (n == "kurtosis") return bindHigherMoment(call, true);
  if (n == "corr" || n == "covar_pop" || n == "covar_samp") return bindCovariance(call, n);
  if (n == "percentile") return bindPercentile(call, false);
  if (n == "median") return bindPercentile(call, true);
  if (n == "mode") return bindMode(call);
  if (n == "approx_count_distinct") return bindApproxCountDistinct(call);
  if (n == "percentile_approx" || n == "approx_percentile") return bindApproxPercentile(call);
  throw AnalysisException("UNRESOLVED_ROUTINE",
                          "Cannot resolve routine `" + call.name + "` on search path [`system`.`builtin`].");
}

// DISTINCT does not change these results, so no distinct set is kept.
bool distinctIsNoOp(const std::string& n) {
  return n == "min" || n == "max" || n == "bool_and" || n == "every" || n == "bool_or" || n == "some" ||
         n == "any" || n == "collect_set" || n == "approx_count_distinct";
}

}  // namespace

BoundAggregateFunction bindAggregateFunction(const AggregateCall& input) {
  AggregateCall call = input;
  call.name = toLower(call.name);
  BoundAggregateFunction f = bindByName(call);
  if (call.distinct && !distinctIsNoOp(call.name)) return makeDistinctAggregate(std::move(f));
  return f;
}

// Each family file of this folder defines a register function; this one
// calls them all.
void registerAggregateFunctions(FunctionRegistry& registry) {
  registerCountAggregates(registry);
  registerSumAvgAggregates(registry);
  registerMinMaxAggregates(registry);
  registerFirstLastAggregates(registry);
  registerBoolAggregates(registry);
  registerVarianceAggregates(registry);
  registerCollectAggregates(registry);
  registerMomentAggregates(registry);
  registerPercentileAggregates(registry);
  registerModeAggregates(registry);
  registerApproxCountDistinctAggregates(registry);
  registerApproxPercentileAggregates(registry);
}

}  // namespace loch

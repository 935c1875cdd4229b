#include "loch/optimizer/rules/rewrite_distinct_aggregates.h"

#include "loch/function/function_binder.h"
#include "loch/optimizer/plan_util.h"

namespace loch {

namespace {

bool isAggregateCall(const ExprPtr& e) { return e->kind() == ExprKind::AggregateFunction; }

/// The aggregate calls of an Aggregate's outputs, each once.
std::vector<ExprPtr> aggregateCalls(const LogicalPlan& agg) {
  std::vector<ExprPtr> calls;
  for (const auto& o : agg.expressions()) {
    visitExpr(o, [&](const ExprPtr& x) {
      if (!isAggregateCall(x)) return;
      for (const auto& c : calls) {
        if (exprEquals(c, x)) return;
      }
      calls.push_back(x);
    });
  }
  return calls;
}

/// avg over a numeric, non-decimal argument: a DOUBLE sum / count, so it
/// splits into partial sum(CAST(x AS DOUBLE)) and count(x) (Spark's Average
/// keeps exactly these two buffers for such inputs).
bool isDoubleAverage(const ExprPtr& call) {
  if ((call->name() != "avg" && call->name() != "mean") || call->distinct() || call->children().size() != 1)
    return false;
  const DataType& t = *call->child(0)->type();
  return t.isNumeric() && t.id() != TypeId::Decimal && call->type()->id() == TypeId::Double;
}

/// The one distinct argument when the rewrite applies, else nullptr.
ExprPtr distinctArgument(const LogicalPlan& agg, const std::vector<ExprPtr>& calls) {
  ExprPtr arg;
  for (const auto& c : calls) {
    if (c->filter()) return nullptr;
    const std::string& n = c->name();
    if (c->distinct()) {
      if ((n != "count" && n != "sum") || c->children().size() != 1) return nullptr;
      if (arg && !exprEquals(arg, c->child(0))) return nullptr;
      arg = c->child(0);
    } else if (n == "sum") {
      if (c->type()->id() == TypeId::Decimal) return nullptr;  // a second sum would widen the type
    } else if (n == "avg" || n == "mean") {
      if (!isDoubleAverage(c)) return nullptr;
    } else if (n != "count" && n != "min" && n != "max") {
      return nullptr;
    }
  }
  if (!arg) return nullptr;
  for (const auto& g : agg.groupings()) {
    if (exprEquals(g, arg)) return nullptr;
  }
  return arg;
}

/// `e` as a column of the inner aggregate: attributes pass through,
/// expressions get an internal alias. Returns the outer reference.
ExprPtr passThrough(const ExprPtr& e, const std::string& name, std::vector<ExprPtr>& inner_outputs) {
  if (e->kind() == ExprKind::Attribute) {
    inner_outputs.push_back(e);
    return e;
  }
  inner_outputs.push_back(Expr::alias(e, name));
  return toAttribute(inner_outputs.back());
}

/// The outer call replacing `call`, given its partial (or distinct) column.
ExprPtr mergedCall(const ExprPtr& call, const ExprPtr& ref, const FunctionBindOptions& opts) {
  const std::string& n = call->name();
  if (call->distinct()) return bindFunctionCall(n, {ref}, false, opts);
  if (n == "count") {
    // Partial counts add up; no group at all (an empty global aggregate) is 0.
    auto total = bindFunctionCall("sum", {ref}, false, opts);
    return bindFunctionCall("coalesce", {total, Expr::literal(Value::longValue(0))}, false, opts);
  }
  auto merged = bindFunctionCall(n, {ref}, false, opts);
  return *merged->type() == *call->type() ? merged : castTo(merged, call->type());
}

LogicalPlanPtr rewrite(const LogicalPlanPtr& agg, const FunctionBindOptions& opts) {
  auto calls = aggregateCalls(*agg);
  ExprPtr d = distinctArgument(*agg, calls);
  if (!d) return agg;

  std::vector<ExprPtr> inner_groupings, inner_outputs, outer_groupings;
  std::vector<std::pair<ExprPtr, ExprPtr>> keys;  // grouping expression → outer reference
  for (size_t i = 0; i < agg->groupings().size(); ++i) {
    const auto& g = agg->groupings()[i];
    inner_groupings.push_back(g);
    auto ref = passThrough(g, "__key_" + std::to_string(i), inner_outputs);
    outer_groupings.push_back(ref);
    if (ref != g) keys.emplace_back(g, ref);
  }
  inner_groupings.push_back(d);
  ExprPtr d_ref = passThrough(d, "__distinct", inner_outputs);

  std::vector<std::pair<ExprPtr, ExprPtr>> replacements;  // call → outer call
  for (size_t i = 0; i < calls.size(); ++i) {
    const auto& c = calls[i];
    if (c->distinct()) {
      replacements.emplace_back(c, mergedCall(c, d_ref, opts));
    } else if (isDoubleAverage(c)) {
      // avg = sum of partial sums / sum of partial counts; NULL when no
      // value was counted (nullif keeps a zero count from dividing).
      auto x = c->child(0);
      inner_outputs.push_back(Expr::alias(bindFunctionCall("sum", {castTo(x, DoubleType())}, false, opts),
                                          "__partial_" + std::to_string(i) + "_sum"));
      auto sum_ref = toAttribute(inner_outputs.back());
      inner_outputs.push_back(
          Expr::alias(bindFunctionCall("count", {x}, false, opts), "__partial_" + std::to_string(i) + "_count"));
      auto count_ref = toAttribute(inner_outputs.back());
      auto total = bindFunctionCall("sum", {sum_ref}, false, opts);
      auto count = castTo(bindFunctionCall("sum", {count_ref}, false, opts), DoubleType());
      auto divisor = bindFunctionCall("nullif", {count, Expr::literal(Value::doubleValue(0))}, false, opts);
      replacements.emplace_back(c, bindFunctionCall("/", {total, divisor}, false, opts));
    } else {
      inner_outputs.push_back(Expr::alias(c, "__partial_" + std::to_string(i)));
      replacements.emplace_back(c, mergedCall(c, toAttribute(inner_outputs.back()), opts));
    }
  }
  auto inner = LogicalPlan::aggregate(agg->child(), std::move(inner_groupings), std::move(inner_outputs));

  std::vector<ExprPtr> outer_outputs;
  for (const auto& o : agg->expressions()) {
    auto e = transformExpr(o, [&](const ExprPtr& x) -> ExprPtr {
      if (!isAggregateCall(x)) return nullptr;
      for (const auto& [from, to] : replacements) {
        if (exprEquals(from, x)) return to;
      }
      return nullptr;
    });
    // Grouping expressions outside the calls now come from the inner side.
    e = transformExpr(e, [&](const ExprPtr& x) -> ExprPtr {
      for (const auto& [from, to] : keys) {
        if (exprEquals(from, x)) return to;
      }
      return nullptr;
    });
    outer_outputs.push_back(e);
  }
  return LogicalPlan::aggregate(inner, std::move(outer_groupings), std::move(outer_outputs));
}

}  // namespace

LogicalPlanPtr RewriteDistinctAggregates::apply(const LogicalPlanPtr& plan, const RuntimeConfig& conf) const {
  FunctionBindOptions opts;
  opts.ansi = conf.ansiEnabled();
  return transformUp(plan, [&](const LogicalPlanPtr& p) -> LogicalPlanPtr {
    return p->kind() == PlanKind::Aggregate ? rewrite(p, opts) : p;
  });
}

}  // namespace loch

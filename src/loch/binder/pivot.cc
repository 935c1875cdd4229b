#include "loch/binder/pivot.h"

#include "loch/binder/binder_util.h"
#include "loch/binder/expression_translator.h"
#include "loch/binder/lambda_binder.h"
#include "loch/common/exception.h"
#include "loch/common/format.h"

namespace loch::binder {

namespace {

ExprPtr andExpr(const ExprPtr& a, const ExprPtr& b) { return a ? Expr::function("and", {a, b}) : b; }

void collectAttributes(const ExprPtr& e, std::vector<ExprPtr>& out) {
  visitExpr(e, [&](const ExprPtr& x) {
    if (x->kind() == ExprKind::Attribute && !hasId(out, x->attributeId())) out.push_back(x);
  });
}

/// Spark's name for a pivot value: its alias, else the value cast to
/// string ("null" for NULL; a tuple as "{1, x}").
std::string valueName(const sql::Expr& v) {
  if (v.is<sql::Tuple>()) {
    std::string s;
    for (const auto& i : v.as<sql::Tuple>().items) s += (s.empty() ? "" : ", ") + valueName(*i);
    return "{" + s + "}";
  }
  if (v.is<sql::Literal>()) {
    const auto& l = v.as<sql::Literal>();
    switch (l.literal_kind) {
      case sql::LiteralKind::kNull: return "null";
      case sql::LiteralKind::kString:
      case sql::LiteralKind::kDate:
      case sql::LiteralKind::kTimestamp:
      case sql::LiteralKind::kTimestampNtz: return l.text;
      case sql::LiteralKind::kBoolean: return l.bool_value ? "true" : "false";
      default: break;
    }
  }
  return v.toString();
}

bool isConstant(const ExprPtr& e) {
  bool constant = true;
  visitExpr(e, [&](const ExprPtr& x) {
    constant = constant && x->kind() != ExprKind::Attribute && x->kind() != ExprKind::AggregateFunction &&
               x->kind() != ExprKind::UnresolvedColumn;
  });
  return constant;
}

}  // namespace

ExprPtr pivotAggregate(const ExprPtr& agg, const ExprPtr& match, const ExpressionResolver* resolver) {
  bool filtered = false;
  ExprPtr value = transformExpr(agg, [&](const ExprPtr& x) -> ExprPtr {
    if (x->kind() != ExprKind::AggregateFunction) return nullptr;
    filtered = true;
    ExprPtr f = andExpr(x->filter(), match);
    if (x->filter()) {
      if (!resolver) throw InternalException("pivotAggregate: a resolved aggregate with a FILTER needs a resolver");
      f = resolver->resolve(f);
    }
    return x->withFilter(f);
  });
  if (!filtered) {
    if (agg->kind() != ExprKind::UnresolvedFunction) {
      unsupported("a PIVOT aggregate that is not an aggregate function call (" + agg->toString() + ")");
    }
    value = agg->withFilter(andExpr(agg->filter(), match));
  }
  ExprPtr rows = Expr::function("count", {Expr::literal(Value::integer(1))})->withFilter(match);
  return Expr::caseWhen({Expr::function(">", {rows, Expr::literal(Value::longValue(0))}), value});
}

LogicalPlanPtr bindPivot(const LogicalPlanPtr& child, const sql::Pivot& pivot, const AnalyzerOptions& opts) {
  LambdaResolver r(child->output(), opts);
  std::vector<ExprPtr> used;
  std::vector<ExprPtr> aggs;
  for (const auto& a : pivot.aggregates) {
    ExprPtr e = r.resolve(translate(*a.expr, {}));
    if (!containsAggregate(e)) {
      throw AnalysisException("UNSUPPORTED_FEATURE",
                              "The feature is not supported: a PIVOT expression without an aggregate function (" +
                                  a.expr->toSql() + ").");
    }
    collectAttributes(e, used);
    aggs.push_back(e);
  }
  std::vector<ExprPtr> columns;
  for (const auto& c : pivot.columns) {
    columns.push_back(r.resolve(translate(*c, {})));
    collectAttributes(columns.back(), used);
  }
  std::vector<ExprPtr> groupings;
  for (const auto& a : child->output()) {
    if (!hasId(used, a->attributeId())) groupings.push_back(a);
  }
  std::vector<ExprPtr> outputs = groupings;
  for (const auto& v : pivot.values) {
    std::vector<const sql::Expr*> items;
    if (v.expr->is<sql::Tuple>()) {
      for (const auto& i : v.expr->as<sql::Tuple>().items) items.push_back(i.get());
    } else {
      items.push_back(v.expr.get());
    }
    if (items.size() != columns.size()) {
      throw AnalysisException("PIVOT_VALUE_DATA_TYPE_MISMATCH",
                              "Invalid pivot value '" + v.expr->toSql() + "': it has " +
                                  std::to_string(items.size()) + " fields but there are " +
                                  std::to_string(columns.size()) + " pivot columns.");
    }
    ExprPtr match;
    for (size_t i = 0; i < items.size(); ++i) {
      ExprPtr value = r.resolve(translate(*items[i], {}));
      if (!isConstant(value)) {
        throw AnalysisException("NON_LITERAL_PIVOT_VALUES",
                                "Literal expressions required for pivot values, found " +
                                    quoteIdentifier(items[i]->toString()) + ".");
      }
      match = andExpr(match, Expr::function("<=>", {columns[i], castIfNeeded(value, columns[i]->type())}));
    }
    match = r.resolve(match);
    std::string name = v.alias.empty() ? valueName(*v.expr) : v.alias;
    for (size_t k = 0; k < aggs.size(); ++k) {
      std::string col = name;
      if (aggs.size() > 1) {
        const auto& a = pivot.aggregates[k];
        col += "_" + (a.alias.empty() ? a.expr->toString() : a.alias);
      }
      const ExpressionResolver& base = r;
      outputs.push_back(Expr::alias(r.resolve(pivotAggregate(aggs[k], match, &base)), col));
    }
  }
  auto plan = LogicalPlan::aggregate(child, groupings, outputs);
  return pivot.alias.empty() ? plan : LogicalPlan::subqueryAlias(plan, pivot.alias);
}

LogicalPlanPtr bindUnpivot(const LogicalPlanPtr& child, const sql::Unpivot& unpivot, const AnalyzerOptions& opts) {
  LambdaResolver r(child->output(), opts);
  const size_t width = unpivot.value_columns.size();
  std::vector<std::vector<ExprPtr>> sets;
  std::vector<ExprPtr> used;
  for (const auto& s : unpivot.column_sets) {
    if (s.columns.size() != width) {
      std::vector<std::string> names;
      for (const auto& n : unpivot.value_columns) names.push_back(quoteIdentifier(n));
      throw AnalysisException("UNPIVOT_VALUE_SIZE_MISMATCH",
                              "All unpivot value columns must have the same size as there are value column names (" +
                                  join(names, ", ") + ").");
    }
    std::vector<ExprPtr> cols;
    for (const auto& c : s.columns) {
      cols.push_back(r.resolve(translate(*c, {})));
      collectAttributes(cols.back(), used);
    }
    sets.push_back(std::move(cols));
  }
  std::vector<ExprPtr> ids;
  for (const auto& a : child->output()) {
    if (!hasId(used, a->attributeId())) ids.push_back(a);
  }
  LogicalPlanPtr result;
  for (size_t i = 0; i < sets.size(); ++i) {
    const auto& s = unpivot.column_sets[i];
    std::string name = s.alias;
    if (name.empty()) {
      for (const auto& c : sets[i]) name += (name.empty() ? "" : "_") + c->name();
    }
    std::vector<ExprPtr> items = ids;
    items.push_back(r.resolve(Expr::alias(Expr::literal(Value::string(name)), unpivot.name_column)));
    for (size_t k = 0; k < width; ++k) items.push_back(r.resolve(Expr::alias(sets[i][k], unpivot.value_columns[k])));
    auto branch = LogicalPlan::project(child, items);
    result = result ? widenedSetOperation(PlanKind::Union, result, branch, true, opts.ansi) : branch;
  }
  if (!unpivot.include_nulls) {
    ExprPtr any;
    const auto& out = result->output();
    for (size_t k = 0; k < width; ++k) {
      ExprPtr nn = Expr::function("isnotnull", {out[ids.size() + 1 + k]});
      any = any ? Expr::function("or", {any, nn}) : nn;
    }
    result = LogicalPlan::filter(result, ExpressionResolver(out, opts).resolve(any));
  }
  return unpivot.alias.empty() ? result : LogicalPlan::subqueryAlias(result, unpivot.alias);
}

}  // namespace loch::binder

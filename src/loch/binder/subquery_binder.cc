// WHERE clauses with subqueries: [NOT] IN / [NOT] EXISTS become semi / anti
// joins, scalar subqueries joins of one value (Spark's
// RewritePredicateSubquery / RewriteCorrelatedScalarSubquery).

#include "loch/binder/binder_util.h"
#include "loch/binder/query_binder.h"
#include "loch/common/format.h"

namespace loch::binder {

namespace {

void flattenAnd(const sql::Expr& e, std::vector<const sql::Expr*>& out) {
  if (e.is<sql::Binary>() && e.as<sql::Binary>().op == sql::BinaryOp::kAnd) {
    flattenAnd(*e.as<sql::Binary>().left, out);
    flattenAnd(*e.as<sql::Binary>().right, out);
  } else {
    out.push_back(&e);
  }
}

bool onlyFrom(const ExprPtr& e, const std::vector<ExprPtr>& attrs) {
  bool ok = true;
  visitExpr(e, [&](const ExprPtr& x) {
    if (x->kind() == ExprKind::Attribute && !hasId(attrs, x->attributeId())) ok = false;
  });
  return ok;
}

bool isAggregated(LogicalPlanPtr p) {
  while (p->kind() == PlanKind::Project || p->kind() == PlanKind::Filter || p->kind() == PlanKind::Sort ||
         p->kind() == PlanKind::SubqueryAlias || p->kind() == PlanKind::Limit) {
    p = p->child();
  }
  return p->kind() == PlanKind::Aggregate;
}

/// True when `attr` is produced by a count(...) of the Aggregate under
/// `plan`'s projections.
bool isCountOverEmpty(LogicalPlanPtr p, const ExprPtr& attr) {
  while (p->kind() != PlanKind::Aggregate) {
    if (p->children().empty()) return false;
    p = p->child();
  }
  for (const auto& o : p->expressions()) {
    if (toAttribute(o)->attributeId() != attr->attributeId()) continue;
    const auto& body = o->kind() == ExprKind::Alias ? o->child(0) : o;
    return body->kind() == ExprKind::AggregateFunction && (body->name() == "count" || body->name() == "count_if");
  }
  return false;
}

bool isSubqueryPredicate(const sql::Expr& e) { return e.is<sql::Exists>() || e.is<sql::InSubquery>(); }

}  // namespace

/// Correlated predicates of an aggregated subquery must be equalities
/// `inner = outer`; the inner side becomes a grouping column output with the
/// aggregate, and the predicate is rewritten to compare that output (Spark's
/// DecorrelateInnerQuery for equality correlation).
void decorrelateAggregate(const std::vector<ExprPtr>& input, std::vector<ExprPtr>& groupings,
                          std::vector<ExprPtr>& outputs, std::vector<ExprPtr>& correlated) {
  for (auto& c : correlated) {
    bool eq = c->kind() == ExprKind::ScalarFunction && (c->name() == "=" || c->name() == "==") &&
              c->children().size() == 2;
    if (!eq) unsupported("correlated predicates other than equality in an aggregated subquery (" + c->toString() + ")");
    ExprPtr a = c->child(0), b = c->child(1);
    if (!onlyFrom(a, input)) std::swap(a, b);
    if (!onlyFrom(a, input) || onlyFrom(b, input)) {
      unsupported("correlated predicate " + c->toString() + " in an aggregated subquery");
    }
    bool grouped = false;
    for (const auto& g : groupings) grouped = grouped || exprEquals(g, a);
    if (!grouped) groupings.push_back(a);
    outputs.push_back(Expr::alias(a, "outer_ref_" + std::to_string(outputs.size())));
    c = c->withChildren({toAttribute(outputs.back()), b});
  }
}

LogicalPlanPtr QueryBinder::applyWhere(LogicalPlanPtr plan, const sql::Expr& where, Outer* outer) {
  std::vector<const sql::Expr*> conjuncts;
  flattenAnd(where, conjuncts);
  std::vector<ExprPtr> plain;
  std::vector<std::pair<const sql::Expr*, bool>> subqueries;  // predicate, negated
  ScalarSubqueryHook hook = [&](const sql::Query& q) { return scalarSubquery(plan, q); };
  for (const auto* c : conjuncts) {
    if (isSubqueryPredicate(*c)) {
      subqueries.emplace_back(c, false);
    } else if (c->is<sql::Unary>() && c->as<sql::Unary>().op == sql::UnaryOp::kNot &&
               isSubqueryPredicate(*c->as<sql::Unary>().operand)) {
      subqueries.emplace_back(c->as<sql::Unary>().operand.get(), true);
    } else {
      plain.push_back(translate(*c, hook));
    }
  }
  ExprPtr cond;
  for (const auto& p : plain) {
    ExprPtr resolved;
    try {
      resolved = resolver(plan->output()).resolve(p);
    } catch (const AnalysisException& e) {
      if (!outer || !isUnresolvedColumn(e)) throw;
      std::vector<ExprPtr> input = plan->output();
      input.insert(input.end(), outer->input.begin(), outer->input.end());
      auto corr = resolver(input).resolve(p);
      requireBoolean(corr, "filter");
      outer->correlated.push_back(corr);
      continue;
    }
    requireBoolean(resolved, "filter");
    rejectMisplaced(resolved, "WHERE", true);
    if (containsAggregate(resolved)) {
      throw AnalysisException("INVALID_WHERE_CONDITION",
                              "The WHERE condition " + resolved->toString() +
                                  " contains invalid expressions: aggregate functions are not allowed in WHERE; "
                                  "use HAVING or a subquery.");
    }
    cond = andOf(cond, resolved, catalog_.options);
  }
  if (cond) plan = LogicalPlan::filter(plan, cond);
  for (const auto& [pred, negated] : subqueries) plan = applySubqueryPredicate(plan, *pred, negated);
  return plan;
}

LogicalPlanPtr QueryBinder::applySubqueryPredicate(LogicalPlanPtr plan, const sql::Expr& pred, bool negated) {
  if (pred.is<sql::InSubquery>() && pred.as<sql::InSubquery>().negated) negated = !negated;  // x NOT IN (...)
  Outer o{plan->output(), {}};
  const sql::Query& q = pred.is<sql::Exists>() ? *pred.as<sql::Exists>().query : *pred.as<sql::InSubquery>().query;
  auto sub = bindQueryWithOrder(q, &o);
  ExprPtr cond;
  for (const auto& c : o.correlated) cond = andOf(cond, c, catalog_.options);
  if (pred.is<sql::InSubquery>()) {
    const auto& in = pred.as<sql::InSubquery>();
    if (in.operand->is<sql::Tuple>()) unsupported("multi-column IN subqueries");
    if (o.correlated.empty() && sub->output().size() != 1) {
      throw AnalysisException("INVALID_SUBQUERY_EXPRESSION.SUBQUERY_RETURN_MORE_THAN_ONE_OUTPUT_COLUMN",
                              "The IN subquery must return exactly one column, but it returns " +
                                  std::to_string(sub->output().size()) + ".");
    }
    std::vector<ExprPtr> input = plan->output();
    input.insert(input.end(), sub->output().begin(), sub->output().end());
    auto operand = resolver(plan->output()).resolve(translate(*in.operand, {}));
    auto eq = resolver(input).resolve(Expr::function("=", {operand, sub->output()[0]}));
    if (negated) {
      // NOT IN is a null-aware anti join (Spark's RewritePredicateSubquery):
      // a row is dropped when `x = y` is TRUE or NULL for some y, so a NULL
      // in the subquery (or a NULL x with a non-empty subquery) removes it.
      eq = resolver({}).resolve(Expr::function("or", {eq, Expr::function("isnull", {eq})}));
    }
    cond = andOf(eq, cond, catalog_.options);
  }
  return LogicalPlan::join(plan, sub, negated ? JoinType::LeftAnti : JoinType::LeftSemi, cond);
}

ExprPtr QueryBinder::scalarSubquery(LogicalPlanPtr& plan, const sql::Query& q) {
  Outer o{plan->output(), {}};
  auto sub = bindQueryWithOrder(q, &o);
  if (!o.correlated.empty()) {
    // Correlated: a left outer join on the correlation keys; the subquery
    // must be aggregated so that each key has at most one row (Spark).
    if (!isAggregated(sub)) {
      throw AnalysisException("UNSUPPORTED_SUBQUERY_EXPRESSION_CATEGORY.MUST_AGGREGATE_CORRELATED_SCALAR_SUBQUERY",
                              "Unsupported subquery expression: Correlated scalar subqueries must be aggregated to "
                              "return at most one row.");
    }
    ExprPtr cond;
    for (const auto& c : o.correlated) cond = andOf(cond, c, catalog_.options);
    plan = LogicalPlan::join(plan, sub, JoinType::LeftOuter, cond);
    ExprPtr value = sub->output()[0];
    if (isCountOverEmpty(sub, value)) {
      // The "count bug": no matching row means count = 0, not NULL (Spark
      // evaluates the aggregate over the empty group).
      value = Expr::alias(resolver({}).resolve(Expr::function("coalesce", {value, Expr::literal(Value::longValue(0))})),
                          value->name());
    }
    return value;
  }
  if (sub->output().size() != 1) {
    throw AnalysisException("INVALID_SUBQUERY_EXPRESSION.SCALAR_SUBQUERY_RETURN_MORE_THAN_ONE_OUTPUT_COLUMN",
                            "Scalar subquery must return only one column, but got " +
                                std::to_string(sub->output().size()) + ".");
  }
  // One row whatever the subquery returns: NULL when it is empty, an error
  // when it has more than one row (Spark's SCALAR_SUBQUERY_TOO_MANY_ROWS,
  // raised at run time through assert_true, which coalesce evaluates first).
  auto check = Expr::function(
      "assert_true",
      {Expr::function("<=", {Expr::function("count", {Expr::literal(Value::integer(1))}),
                             Expr::literal(Value::longValue(1))}),
       Expr::literal(Value::string("[SCALAR_SUBQUERY_TOO_MANY_ROWS] More than one row returned by a subquery used "
                                   "as an expression."))});
  auto value = resolver(sub->output())
                   .resolve(Expr::function("coalesce", {check, Expr::function("first", {sub->output()[0]})}));
  auto agg = LogicalPlan::aggregate(sub, {}, {Expr::alias(value, "scalarsubquery()")});
  plan = LogicalPlan::join(plan, agg, JoinType::Cross, nullptr);
  return toAttribute(agg->expressions()[0]);
}

}  // namespace loch::binder

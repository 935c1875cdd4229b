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

/// The operands of `x IN (...)` or `(a, b) IN (...)`, resolved over `input`.
std::vector<ExprPtr> inOperands(const sql::InSubquery& in, const ExpressionResolver& r) {
  std::vector<ExprPtr> out;
  if (in.operand->is<sql::Tuple>()) {
    for (const auto& item : in.operand->as<sql::Tuple>().items) out.push_back(r.resolve(translate(*item, {})));
  } else {
    out.push_back(r.resolve(translate(*in.operand, {})));
  }
  return out;
}

void checkInWidth(size_t operands, const LogicalPlan& sub) {
  if (sub.output().size() == operands) return;
  throw AnalysisException("INVALID_SUBQUERY_EXPRESSION.SUBQUERY_RETURN_MORE_THAN_ONE_OUTPUT_COLUMN",
                          "The IN subquery must return " + std::to_string(operands) + " column" +
                              (operands == 1 ? "" : "s") + ", the number of values left of IN, but it returns " +
                              std::to_string(sub.output().size()) + ".");
}

/// `a = c AND b = d` for `(a, b) IN (SELECT c, d ...)`.
ExprPtr equalities(const std::vector<ExprPtr>& operands, const std::vector<ExprPtr>& columns) {
  ExprPtr out;
  for (size_t i = 0; i < operands.size() && i < columns.size(); ++i) {
    auto eq = Expr::function("=", {operands[i], columns[i]});
    out = out ? Expr::function("and", {out, eq}) : eq;
  }
  return out;
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
  const size_t input_width = plan->output().size();
  std::vector<const sql::Expr*> conjuncts;
  flattenAnd(where, conjuncts);
  std::vector<ExprPtr> plain;
  std::vector<std::pair<const sql::Expr*, bool>> subqueries;  // predicate, negated
  TranslateContext hook([&](const sql::Query& q) { return scalarSubquery(plan, q); });
  hook.in_subquery = [&](const sql::InSubquery& in) { return inSubqueryValue(plan, in); };
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
  // Subqueries nested in the condition joined helper columns (marks,
  // counts, scalar values): the WHERE clause's output is its input's.
  if (plan->output().size() != input_width) {
    plan = LogicalPlan::project(plan, std::vector<ExprPtr>(plan->output().begin(), plan->output().begin() + input_width));
  }
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
    std::vector<ExprPtr> input = plan->output();
    input.insert(input.end(), sub->output().begin(), sub->output().end());
    auto operands = inOperands(in, resolver(plan->output()));
    if (o.correlated.empty()) checkInWidth(operands.size(), *sub);
    auto eq = resolver(input).resolve(equalities(operands, sub->output()));
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

ExprPtr QueryBinder::inSubqueryValue(LogicalPlanPtr& plan, const sql::InSubquery& in) {
  Outer o{plan->output(), {}};
  auto sub = bindQueryWithOrder(*in.query, &o);
  if (!o.correlated.empty()) unsupported("a correlated IN subquery that is not a conjunct of WHERE");
  auto operands = inOperands(in, resolver(plan->output()));
  checkInWidth(operands.size(), *sub);
  auto lit = [](Value v) { return Expr::literal(std::move(v)); };
  // Distinct subquery values with a TRUE mark, left-joined: the mark is TRUE
  // where x matches and NULL elsewhere.
  // Its columns get internal names so that they never capture a name the
  // query uses.
  auto marked = LogicalPlan::aggregate(sub, sub->output(), [&] {
    std::vector<ExprPtr> outs;
    for (size_t i = 0; i < sub->output().size(); ++i) {
      outs.push_back(Expr::alias(sub->output()[i], "__in_value_" + std::to_string(i)));
    }
    outs.push_back(Expr::alias(lit(Value::boolean(true)), "__in_mark"));
    return outs;
  }());
  std::vector<ExprPtr> values(marked->output().begin(), marked->output().end() - 1);
  std::vector<ExprPtr> input = plan->output();
  input.insert(input.end(), values.begin(), values.end());
  plan = LogicalPlan::join(plan, marked, JoinType::LeftOuter, resolver(input).resolve(equalities(operands, values)));
  ExprPtr mark = marked->output().back();
  // The subquery's row count and whether it holds a NULL decide between
  // FALSE and NULL when x has no match (SQL's IN over a set with NULLs).
  auto fresh = withFreshIds(sub);
  auto stats = LogicalPlan::aggregate(
      fresh, {},
      {Expr::alias(resolver(fresh->output()).resolve(Expr::function("count", {lit(Value::integer(1))})), "__in_rows"),
       Expr::alias(resolver(fresh->output()).resolve(Expr::function("max", {Expr::function("isnull", {fresh->output()[0]})})),
                   "__in_has_null")});
  plan = LogicalPlan::join(plan, stats, JoinType::Cross, nullptr);
  auto rows = toAttribute(stats->expressions()[0]);
  auto has_null = toAttribute(stats->expressions()[1]);
  auto value = Expr::caseWhen({Expr::function("isnotnull", {mark}), lit(Value::boolean(true)),
                               Expr::function("=", {rows, lit(Value::longValue(0))}), lit(Value::boolean(false)),
                               Expr::function("or", {Expr::function("isnull", {operands[0]}), has_null}),
                               lit(Value::null(BooleanType())), lit(Value::boolean(false))});
  return resolver(plan->output()).resolve(value);
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

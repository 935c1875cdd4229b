#include "loch/binder/query_binder.h"

#include "loch/common/exception.h"
#include "loch/common/format.h"
#include "loch/function/type_coercion.h"
#include "loch/types/schema.h"

namespace loch {
namespace binder {

namespace {

[[noreturn]] void unsupported(const std::string& what) {
  throw AnalysisException("UNSUPPORTED_FEATURE", "The feature is not supported: " + what + ".");
}

void requireBoolean(const ExprPtr& e, const char* what) {
  if (e->type()->id() != TypeId::Boolean && e->type()->id() != TypeId::Null) {
    throw AnalysisException("DATATYPE_MISMATCH.FILTER_NOT_BOOLEAN",
                            std::string("Cannot resolve \"") + e->toString() + "\" due to data type mismatch: " +
                                what + " expression " + quoteIdentifier(e->toString()) + " of type " +
                                e->type()->sql() + " is not a boolean.");
  }
}

ExprPtr andOf(const ExprPtr& a, const ExprPtr& b, const AnalyzerOptions& opts) {
  if (!a) return b;
  if (!b) return a;
  return ExpressionResolver({}, opts).resolve(Expr::function("and", {a, b}));
}

/// A relation with one row and no columns (Spark's OneRowRelation), the
/// input of SELECT without FROM.
LogicalPlanPtr oneRowRelation() {
  auto table = std::make_shared<InMemoryTable>();
  table->schema = StructType({});
  table->batches = {RecordBatch::make(table->schema, {}, 1)};
  return LogicalPlan::localRelation(table);
}

LogicalPlanPtr withFreshIds(const LogicalPlanPtr& plan) {
  std::vector<ExprPtr> out;
  for (const auto& a : plan->output()) out.push_back(Expr::alias(a, a->name())->withQualifier(a->qualifier()));
  return LogicalPlan::project(plan, std::move(out));
}

bool hasId(const std::vector<ExprPtr>& attrs, int64_t id) {
  for (const auto& a : attrs) {
    if (a->attributeId() == id) return true;
  }
  return false;
}

LogicalPlanPtr renameColumns(const LogicalPlanPtr& plan, const std::vector<std::string>& names, const std::string& what) {
  if (names.empty()) return plan;
  if (names.size() != plan->output().size()) {
    throw AnalysisException("ASSIGNMENT_ARITY_MISMATCH",
                            "The number of columns in " + what + " (" + std::to_string(names.size()) +
                                ") does not match the number of output columns (" +
                                std::to_string(plan->output().size()) + ").");
  }
  std::vector<ExprPtr> out;
  for (size_t i = 0; i < names.size(); ++i) out.push_back(Expr::alias(plan->output()[i], names[i]));
  return LogicalPlan::project(plan, std::move(out));
}

ExprPtr sortOrderOf(const sql::SortItem& item, ExprPtr e) {
  bool asc = item.direction != sql::SortDirection::kDesc;
  bool nulls_first = item.nulls == sql::NullOrdering::kDefault ? asc : item.nulls == sql::NullOrdering::kFirst;
  return Expr::sortOrder(std::move(e), asc, nulls_first);
}

ExprPtr resolveSort(const ExprPtr& order, const ExpressionResolver& r) { return r.resolve(order); }

/// `attrs` plus the attributes of `extra` not shadowed by a same-named one
/// in `attrs` (ORDER BY / HAVING see select-list aliases first).
std::vector<ExprPtr> withShadowed(const std::vector<ExprPtr>& attrs, const std::vector<ExprPtr>& extra) {
  std::vector<ExprPtr> out = attrs;
  for (const auto& e : extra) {
    bool shadowed = false;
    for (const auto& a : attrs) shadowed = shadowed || equalsIgnoreCase(a->name(), e->name());
    if (!shadowed) out.push_back(e);
  }
  return out;
}

std::vector<ExprPtr> attributesOf(const std::vector<ExprPtr>& named) {
  std::vector<ExprPtr> out;
  for (const auto& n : named) out.push_back(toAttribute(n));
  return out;
}

const ExprPtr& bodyOf(const ExprPtr& named) { return named->kind() == ExprKind::Alias ? named->child(0) : named; }

/// Rewrites a HAVING / ORDER BY expression over an aggregate's input into
/// one over its output: aggregate calls and grouping expressions map to
/// output columns, added as hidden outputs when not selected (Spark's
/// ResolveAggregateFunctions).
ExprPtr rewriteOverAggregate(const ExprPtr& e, const std::vector<ExprPtr>& groupings, std::vector<ExprPtr>& outputs) {
  if (e->kind() == ExprKind::Literal) return e;
  if (e->kind() == ExprKind::Attribute && hasId(attributesOf(outputs), e->attributeId())) {
    // A select-list alias, or a grouping column that is selected.
    for (const auto& o : outputs) {
      if (toAttribute(o)->attributeId() == e->attributeId()) return toAttribute(o);
    }
  }
  for (const auto& o : outputs) {
    if (exprEquals(bodyOf(o), e)) return toAttribute(o);
  }
  bool grouping = false;
  for (const auto& g : groupings) grouping = grouping || exprEquals(g, e);
  if (grouping || e->kind() == ExprKind::AggregateFunction) {
    outputs.push_back(Expr::alias(e, e->outputName()));
    return toAttribute(outputs.back());
  }
  if (e->kind() == ExprKind::Attribute) {
    throw AnalysisException("MISSING_AGGREGATION",
                            "The non-aggregating expression \"" + e->toString() +
                                "\" is based on columns which are not participating in the GROUP BY clause. Add the "
                                "columns or the expression to the GROUP BY, aggregate the expression, or use "
                                "\"any_value(" + e->toString() + ")\" if you do not care which of the values within "
                                "a group is returned.");
  }
  std::vector<ExprPtr> children;
  for (const auto& c : e->children()) children.push_back(rewriteOverAggregate(c, groupings, outputs));
  return e->withChildren(std::move(children));
}

int64_t limitValue(const sql::Expr& e, const AnalyzerOptions& opts, const char* what) {
  auto v = integerLiteral(e);
  if (!v) {
    auto r = ExpressionResolver({}, opts).resolve(translate(e, {}));
    if (r->kind() == ExprKind::Literal && !r->literal().isNull() && r->type()->isIntegral()) {
      v = r->literal().getLong();
    } else {
      throw AnalysisException("INVALID_LIMIT_LIKE_EXPRESSION.IS_UNFOLDABLE",
                              std::string("The ") + what + " expression \"" + e.toSql() + "\" is invalid. The " + what +
                                  " expression must evaluate to a constant value.");
    }
  }
  if (*v < 0) {
    throw AnalysisException("INVALID_LIMIT_LIKE_EXPRESSION.IS_NEGATIVE",
                            std::string("The ") + what + " expression \"" + std::to_string(*v) +
                                "\" is invalid. The " + what + " expression must be equal to or greater than 0.");
  }
  return *v;
}

std::optional<size_t> ordinalOf(const sql::Expr& e, size_t count, const char* clause) {
  auto v = integerLiteral(e);
  if (!v) return std::nullopt;
  if (*v < 1 || static_cast<size_t>(*v) > count) {
    throw AnalysisException(std::string(clause) + "_POS_OUT_OF_RANGE",
                            std::string(clause == std::string("GROUP_BY") ? "GROUP BY" : "ORDER BY") + " position " +
                                std::to_string(*v) + " is not in select list (valid range is [1, " +
                                std::to_string(count) + "]).");
  }
  return static_cast<size_t>(*v - 1);
}

void flattenAnd(const sql::Expr& e, std::vector<const sql::Expr*>& out) {
  if (e.is<sql::Binary>() && e.as<sql::Binary>().op == sql::BinaryOp::kAnd) {
    flattenAnd(*e.as<sql::Binary>().left, out);
    flattenAnd(*e.as<sql::Binary>().right, out);
  } else {
    out.push_back(&e);
  }
}

bool isSubqueryPredicate(const sql::Expr& e) { return e.is<sql::Exists>() || e.is<sql::InSubquery>(); }

}  // namespace

bool isUnresolvedColumn(const LochException& e) { return e.errorClass().rfind("UNRESOLVED_COLUMN", 0) == 0; }

LogicalPlanPtr castColumns(const LogicalPlanPtr& plan, const std::vector<DataTypePtr>& types) {
  bool needed = false;
  std::vector<ExprPtr> out;
  for (size_t i = 0; i < types.size(); ++i) {
    const auto& a = plan->output()[i];
    if (a->type()->equals(*types[i])) {
      out.push_back(a);
    } else {
      needed = true;
      out.push_back(Expr::alias(castIfNeeded(a, types[i]), a->name()));
    }
  }
  return needed ? LogicalPlan::project(plan, std::move(out)) : plan;
}

LogicalPlanPtr widenedSetOperation(PlanKind kind, LogicalPlanPtr left, LogicalPlanPtr right, bool all, bool ansi) {
  const auto& l = left->output();
  const auto& r = right->output();
  const char* opname = kind == PlanKind::Union ? "UNION" : kind == PlanKind::Intersect ? "INTERSECT" : "EXCEPT";
  if (l.size() != r.size()) {
    throw AnalysisException("NUM_COLUMNS_MISMATCH",
                            std::string(opname) + " can only be performed on inputs with the same number of columns, "
                                "but the first input has " + std::to_string(l.size()) +
                                " columns and the second input has " + std::to_string(r.size()) + " columns.");
  }
  std::vector<DataTypePtr> types;
  for (size_t i = 0; i < l.size(); ++i) {
    auto t = findWiderTypeForTwo(l[i]->type(), r[i]->type(), ansi);
    if (!t) {
      throw AnalysisException("INCOMPATIBLE_COLUMN_TYPE",
                              std::string(opname) + " can only be performed on inputs with compatible column types. "
                                  "The " + std::to_string(i + 1) + "th column of the second input has the type \"" +
                                  r[i]->type()->sql() + "\" which is not compatible with \"" + l[i]->type()->sql() +
                                  "\" at the same column of the first input.");
    }
    types.push_back(*t);
  }
  for (const auto& ra : r) {
    if (hasId(l, ra->attributeId())) {
      right = withFreshIds(right);
      break;
    }
  }
  return LogicalPlan::setOperation(kind, castColumns(left, types), castColumns(right, types), all);
}

LogicalPlanPtr QueryBinder::deduplicate(LogicalPlanPtr plan) {
  for (const auto& a : plan->output()) {
    if (seen_ids_.count(a->attributeId())) {
      plan = withFreshIds(plan);
      break;
    }
  }
  for (const auto& a : plan->output()) seen_ids_.insert(a->attributeId());
  return plan;
}

LogicalPlanPtr QueryBinder::bindQuery(const sql::Query& q) { return bindQueryWithOrder(q, nullptr); }

LogicalPlanPtr QueryBinder::bindQueryWithOrder(const sql::Query& q, Outer* outer) {
  if (!q.cluster_by.empty() || !q.distribute_by.empty() || !q.sort_by.empty()) {
    unsupported("CLUSTER BY / DISTRIBUTE BY / SORT BY");
  }
  if (!q.windows.empty()) unsupported("WINDOW clauses");
  ctes_.emplace_back();
  struct Pop {
    std::vector<std::map<std::string, LogicalPlanPtr>>& s;
    ~Pop() { s.pop_back(); }
  } pop{ctes_};
  for (const auto& cte : q.ctes) {
    auto plan = renameColumns(bindQuery(*cte.query), cte.columns, "the CTE " + cte.name);
    ctes_.back()[toLower(cte.name)] = plan;
  }
  const std::vector<sql::SortItem>* order_by = q.order_by.empty() ? nullptr : &q.order_by;
  LogicalPlanPtr plan = bindBody(*q.body, order_by, outer);
  return applyLimit(std::move(plan), q);
}

LogicalPlanPtr QueryBinder::bindBody(const sql::QueryBody& body, const std::vector<sql::SortItem>* order_by,
                                     Outer* outer) {
  LogicalPlanPtr plan;
  switch (body.kind) {
    case sql::QueryBodyKind::kSelect:
      return bindSelect(body.as<sql::SelectCore>(), order_by, outer);
    case sql::QueryBodyKind::kSetOperation:
      plan = bindSetOperation(body.as<sql::SetOperation>());
      break;
    case sql::QueryBodyKind::kValues: {
      const auto& v = body.as<sql::ValuesBody>();
      plan = bindValues(v.rows, v.alias, v.column_aliases);
      break;
    }
    case sql::QueryBodyKind::kNested:
      plan = bindQueryWithOrder(*body.as<sql::NestedQuery>().query, outer);
      break;
    case sql::QueryBodyKind::kTable: {
      const auto& name = body.as<sql::TableBody>().name;
      plan = LogicalPlan::subqueryAlias(bindNamed(name), name.back());
      break;
    }
  }
  return order_by ? applyOrderBy(std::move(plan), *order_by) : plan;
}

LogicalPlanPtr QueryBinder::applyOrderBy(LogicalPlanPtr plan, const std::vector<sql::SortItem>& order_by) {
  auto r = resolver(plan->output());
  std::vector<ExprPtr> orders;
  for (const auto& item : order_by) {
    ExprPtr e;
    if (auto pos = ordinalOf(*item.expr, plan->output().size(), "ORDER_BY")) {
      e = plan->output()[*pos];
    } else {
      e = r.resolve(translate(*item.expr, {}));
    }
    orders.push_back(r.resolve(sortOrderOf(item, e)));
  }
  return LogicalPlan::sort(std::move(plan), std::move(orders));
}

LogicalPlanPtr QueryBinder::applyLimit(LogicalPlanPtr plan, const sql::Query& q) {
  if (!q.limit && !q.offset) return plan;
  int64_t limit = q.limit ? limitValue(*q.limit, catalog_.options, "limit") : -1;
  int64_t offset = q.offset ? limitValue(*q.offset, catalog_.options, "offset") : 0;
  return LogicalPlan::limitOf(std::move(plan), limit, offset);
}

LogicalPlanPtr QueryBinder::bindSetOperation(const sql::SetOperation& op) {
  auto left = bindBody(*op.left, nullptr, nullptr);
  auto right = bindBody(*op.right, nullptr, nullptr);
  bool ansi = catalog_.options.ansi;
  switch (op.op) {
    case sql::SetOpType::kUnion: {
      // UNION (DISTINCT) is Distinct over UNION ALL, as in Spark.
      auto u = widenedSetOperation(PlanKind::Union, left, right, true, ansi);
      return op.all ? u : LogicalPlan::distinct(u);
    }
    case sql::SetOpType::kIntersect:
      return widenedSetOperation(PlanKind::Intersect, left, right, op.all, ansi);
    case sql::SetOpType::kExcept:
      return widenedSetOperation(PlanKind::Except, left, right, op.all, ansi);
  }
  unsupported("set operation");
}

LogicalPlanPtr QueryBinder::bindValues(const std::vector<std::vector<sql::ExprPtr>>& rows, const std::string& alias,
                                       const std::vector<std::string>& column_aliases) {
  if (rows.empty()) unsupported("empty VALUES");
  size_t n = rows[0].size();
  std::vector<std::string> names = column_aliases;
  if (names.empty()) {
    for (size_t i = 0; i < n; ++i) names.push_back("col" + std::to_string(i + 1));
  }
  if (names.size() != n) {
    throw AnalysisException("INVALID_INLINE_TABLE.NUM_COLUMNS_MISMATCH",
                            "Invalid inline table: expected " + std::to_string(names.size()) +
                                " columns but found " + std::to_string(n) + " values in row 0.");
  }
  // Each row is a projection over a one-row relation; rows are combined by
  // UNION ALL with Spark's type widening (inline tables widen per column).
  auto r = resolver({});
  LogicalPlanPtr plan;
  for (size_t i = 0; i < rows.size(); ++i) {
    if (rows[i].size() != n) {
      throw AnalysisException("INVALID_INLINE_TABLE.NUM_COLUMNS_MISMATCH",
                              "Invalid inline table: expected " + std::to_string(n) + " columns but found " +
                                  std::to_string(rows[i].size()) + " values in row " + std::to_string(i) + ".");
    }
    std::vector<ExprPtr> out;
    for (size_t c = 0; c < n; ++c) out.push_back(Expr::alias(r.resolve(translate(*rows[i][c], {})), names[c]));
    auto row = LogicalPlan::project(oneRowRelation(), std::move(out));
    plan = plan ? widenedSetOperation(PlanKind::Union, plan, row, true, catalog_.options.ansi) : row;
  }
  for (const auto& a : plan->output()) seen_ids_.insert(a->attributeId());
  return alias.empty() ? plan : LogicalPlan::subqueryAlias(plan, alias);
}

LogicalPlanPtr QueryBinder::bindNamed(const std::vector<std::string>& name) {
  if (name.size() == 1) {
    std::string key = toLower(name[0]);
    for (auto it = ctes_.rbegin(); it != ctes_.rend(); ++it) {
      auto found = it->find(key);
      if (found != it->end()) return deduplicate(found->second);
    }
  }
  return deduplicate(catalog_.lookup_relation(name));
}

LogicalPlanPtr QueryBinder::bindTableRef(const sql::TableRef& ref, const std::set<std::string>& broadcast) {
  LogicalPlanPtr plan;
  std::string alias = ref.alias;
  switch (ref.kind) {
    case sql::TableRefKind::kNamed: {
      const auto& name = ref.as<sql::NamedTable>().name;
      plan = bindNamed(name);
      if (alias.empty()) alias = name.back();
      break;
    }
    case sql::TableRefKind::kSubquery: {
      const auto& s = ref.as<sql::SubqueryTable>();
      if (s.lateral) unsupported("LATERAL subqueries");
      plan = bindQuery(*s.query);
      break;
    }
    case sql::TableRefKind::kValues:
      plan = bindValues(ref.as<sql::ValuesTable>().rows, "", {});
      break;
    case sql::TableRefKind::kJoin:
      plan = bindJoin(ref.as<sql::JoinTable>(), broadcast);
      break;
    case sql::TableRefKind::kFile:
      unsupported("querying files directly in SQL (" + ref.toSql() + ")");
    case sql::TableRefKind::kFunction:
      unsupported("table-valued functions (" + ref.toSql() + ")");
  }
  if (ref.kind != sql::TableRefKind::kJoin) {
    plan = renameColumns(plan, ref.column_aliases, "the alias of " + (alias.empty() ? ref.toSql() : alias));
    if (!alias.empty()) plan = LogicalPlan::subqueryAlias(plan, alias);
  }
  if (ref.sample) {
    const auto& s = *ref.sample;
    if (s.kind != sql::SampleKind::kPercent) unsupported("TABLESAMPLE other than PERCENT");
    auto amount = resolver({}).resolve(translate(*s.amount, {}));
    if (amount->kind() != ExprKind::Literal || amount->literal().isNull() ||
        !(amount->type()->isIntegral() || amount->type()->isFloating())) {
      unsupported("a TABLESAMPLE amount that is not an integer or double literal");
    }
    double pct = amount->type()->isIntegral() ? static_cast<double>(amount->literal().getLong())
                                              : amount->literal().getDouble();
    if (pct < 0 || pct > 100) {
      throw AnalysisException("INVALID_SAMPLE_FRACTION", "Sampling fraction (" + std::to_string(pct / 100) +
                                                             ") must be on interval [0, 1].");
    }
    plan = LogicalPlan::sample(plan, pct / 100, 42, false);
  }
  if (!alias.empty() && broadcast.count(toLower(alias))) plan = LogicalPlan::hint(plan, "broadcast");
  return plan;
}

LogicalPlanPtr QueryBinder::bindJoin(const sql::JoinTable& j, const std::set<std::string>& broadcast) {
  auto left = bindTableRef(*j.left, broadcast);
  auto right = bindTableRef(*j.right, broadcast);
  for (const auto& ra : right->output()) {
    if (hasId(left->output(), ra->attributeId())) {
      right = withFreshIds(right);
      break;
    }
  }
  JoinType type = JoinType::Inner;
  switch (j.join_type) {
    case sql::JoinType::kInner: type = JoinType::Inner; break;
    case sql::JoinType::kLeft: type = JoinType::LeftOuter; break;
    case sql::JoinType::kRight: type = JoinType::RightOuter; break;
    case sql::JoinType::kFull: type = JoinType::FullOuter; break;
    case sql::JoinType::kLeftSemi: type = JoinType::LeftSemi; break;
    case sql::JoinType::kLeftAnti: type = JoinType::LeftAnti; break;
    case sql::JoinType::kCross: type = JoinType::Cross; break;
  }
  std::vector<std::string> using_cols = j.using_columns;
  if (j.natural) {
    for (const auto& l : left->output()) {
      for (const auto& r : right->output()) {
        if (equalsIgnoreCase(l->name(), r->name())) using_cols.push_back(l->name());
      }
    }
  }
  if (!using_cols.empty() || j.natural) {
    // USING: the DataFrame API's join(other, on) rule — keys once (coalesced
    // for a full join), then the other columns of each side.
    auto lr = resolver(left->output());
    auto rr = resolver(right->output());
    std::vector<ExprPtr> lkeys, rkeys;
    ExprPtr cond;
    for (const auto& name : using_cols) {
      lkeys.push_back(lr.resolveColumn({name}));
      rkeys.push_back(rr.resolveColumn({name}));
      auto eq = resolver({}).resolve(Expr::function("=", {lkeys.back(), rkeys.back()}));
      cond = andOf(cond, eq, catalog_.options);
    }
    if (type == JoinType::Cross) type = JoinType::Inner;
    auto joined = LogicalPlan::join(left, right, type, cond);
    if (type == JoinType::LeftSemi || type == JoinType::LeftAnti) return joined;
    const auto& jout = joined->output();
    auto findIn = [&](const ExprPtr& k) {
      for (const auto& a : jout) {
        if (a->attributeId() == k->attributeId()) return a;
      }
      return k;
    };
    std::vector<ExprPtr> out;
    for (size_t i = 0; i < using_cols.size(); ++i) {
      ExprPtr lk = findIn(lkeys[i]), rk = findIn(rkeys[i]);
      if (type == JoinType::RightOuter) {
        out.push_back(rk);
      } else if (type == JoinType::FullOuter) {
        out.push_back(Expr::alias(resolver({}).resolve(Expr::function("coalesce", {lk, rk})), lk->name()));
      } else {
        out.push_back(lk);
      }
    }
    for (const auto& a : jout) {
      if (!hasId(lkeys, a->attributeId()) && !hasId(rkeys, a->attributeId())) out.push_back(a);
    }
    // Spark keeps the hidden key of the other side reachable by qualifier
    // (t2.id); the projection drops it like the DataFrame API does.
    return LogicalPlan::project(joined, std::move(out));
  }
  ExprPtr cond;
  if (j.condition) {
    std::vector<ExprPtr> input = left->output();
    input.insert(input.end(), right->output().begin(), right->output().end());
    cond = resolver(input).resolve(translate(*j.condition, {}));
    requireBoolean(cond, "join condition");
    if (type == JoinType::Cross) type = JoinType::Inner;
  } else if (type == JoinType::Inner) {
    type = JoinType::Cross;  // JOIN without ON is a cross join in Spark
  }
  return LogicalPlan::join(left, right, type, cond);
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
  auto sub = bindQuery(q);
  if (sub->output().size() != 1) {
    throw AnalysisException("INVALID_SUBQUERY_EXPRESSION.SCALAR_SUBQUERY_RETURN_MORE_THAN_ONE_OUTPUT_COLUMN",
                            "Scalar subquery must return only one column, but got " +
                                std::to_string(sub->output().size()) + ".");
  }
  // One row whatever the subquery returns: NULL when it is empty.
  auto value = resolver(sub->output()).resolve(Expr::function("first", {sub->output()[0]}));
  auto agg = LogicalPlan::aggregate(sub, {}, {Expr::alias(value, "scalarsubquery()")});
  plan = LogicalPlan::join(plan, agg, JoinType::Cross, nullptr);
  return toAttribute(agg->expressions()[0]);
}

LogicalPlanPtr QueryBinder::bindSelect(const sql::SelectCore& core, const std::vector<sql::SortItem>* order_by,
                                       Outer* outer) {
  if (!core.lateral_views.empty()) unsupported("LATERAL VIEW");
  if (core.pivot || core.unpivot) unsupported("PIVOT / UNPIVOT");
  if (core.qualify) unsupported("QUALIFY");
  if (!core.windows.empty()) unsupported("WINDOW clauses");
  std::set<std::string> broadcast;
  for (const auto& h : core.hints) {
    if (h.name != "BROADCAST" && h.name != "BROADCASTJOIN" && h.name != "MAPJOIN") continue;  // Spark ignores others
    for (const auto& a : h.args) {
      if (a->is<sql::ColumnRef>()) broadcast.insert(toLower(a->as<sql::ColumnRef>().parts.back()));
    }
  }
  LogicalPlanPtr plan;
  for (const auto& ref : core.from) {
    auto rel = bindTableRef(*ref, broadcast);
    plan = plan ? LogicalPlan::join(plan, rel, JoinType::Cross, nullptr) : rel;
  }
  if (!plan) plan = oneRowRelation();
  if (core.where) plan = applyWhere(plan, *core.where, outer);

  ScalarSubqueryHook hook = [&](const sql::Query& q) { return scalarSubquery(plan, q); };
  std::vector<ExprPtr> raw;
  for (const auto& item : core.items) {
    if (!item.aliases.empty()) unsupported("multiple aliases AS (a, b)");
    ExprPtr e = translate(*item.expr, hook);
    if (item.alias) {
      e = Expr::alias(e, *item.alias);
    } else if (!item.expr->is<sql::ColumnRef>() && !item.expr->is<sql::Star>()) {
      // Spark names a column after the expression as written, before
      // implicit casts: `value + 1` stays "(value + 1)".
      e = Expr::alias(e, item.expr->toString());
    }
    raw.push_back(e);
  }
  ExprPtr having_raw = core.having ? translate(*core.having, hook) : nullptr;
  const auto input = plan->output();
  auto named = resolver(input).resolveNamedList(raw);

  bool aggregate = core.group_by.has_value() || having_raw != nullptr;
  for (const auto& n : named) aggregate = aggregate || containsAggregate(n);
  std::vector<ExprPtr> visible = attributesOf(named);
  bool sort_here = order_by && !core.distinct;
  std::vector<ExprPtr> orders;

  // Resolves an ORDER BY / HAVING expression: select-list names first, then
  // the input columns (Spark's ResolveMissingReferences).
  auto resolveLate = [&](const ExprPtr& e) {
    try {
      return resolver(visible).resolve(e);
    } catch (const AnalysisException& ex) {
      if (!isUnresolvedColumn(ex)) throw;
      return resolver(withShadowed(visible, input)).resolve(e);
    }
  };

  if (!aggregate) {
    std::vector<ExprPtr> projected = named;
    if (outer) {
      // Inner columns used by correlated predicates stay visible to the join.
      for (const auto& c : outer->correlated) {
        visitExpr(c, [&](const ExprPtr& x) {
          if (x->kind() == ExprKind::Attribute && hasId(input, x->attributeId()) &&
              !hasId(attributesOf(projected), x->attributeId())) {
            projected.push_back(x);
          }
        });
      }
    }
    const size_t keep = projected.size();
    if (sort_here) {
      for (const auto& item : *order_by) {
        ExprPtr e;
        if (auto pos = ordinalOf(*item.expr, visible.size(), "ORDER_BY")) {
          e = visible[*pos];
        } else {
          e = resolveLate(translate(*item.expr, {}));
        }
        visitExpr(e, [&](const ExprPtr& x) {
          if (x->kind() == ExprKind::Attribute && !hasId(attributesOf(projected), x->attributeId())) {
            projected.push_back(x);
          }
        });
        orders.push_back(resolver({}).resolve(sortOrderOf(item, e)));
      }
    }
    plan = LogicalPlan::project(plan, projected);
    if (sort_here) {
      plan = LogicalPlan::sort(plan, orders);
      if (projected.size() > keep) {
        plan = LogicalPlan::project(plan, std::vector<ExprPtr>(plan->output().begin(), plan->output().begin() + keep));
      }
    }
  } else {
    if (outer && !outer->correlated.empty()) unsupported("correlated subqueries with aggregation");
    auto r = resolver(input);
    std::vector<ExprPtr> groupings;
    if (core.group_by) {
      const auto& gb = *core.group_by;
      if (gb.modifier != sql::GroupByModifier::kNone) unsupported("WITH ROLLUP / WITH CUBE");
      if (gb.all) {
        for (const auto& n : named) {
          if (!containsAggregate(n)) groupings.push_back(bodyOf(n));
        }
      }
      for (const auto& item : gb.items) {
        if (item.kind != sql::GroupingKind::kExpr) unsupported("ROLLUP / CUBE / GROUPING SETS");
        ExprPtr g;
        if (auto pos = ordinalOf(*item.expr, named.size(), "GROUP_BY")) {
          g = bodyOf(named[*pos]);
          if (containsAggregate(g)) {
            throw AnalysisException("GROUP_BY_POS_AGGREGATE",
                                    "GROUP BY " + std::to_string(*pos + 1) + " refers to an expression " +
                                        g->toString() + " that contains an aggregate function. Aggregate "
                                        "functions are not allowed in GROUP BY.");
          }
        } else {
          auto t = translate(*item.expr, {});
          try {
            g = r.resolve(t);
          } catch (const AnalysisException& ex) {
            // Spark accepts a select-list alias in GROUP BY when no input
            // column has that name (spark.sql.groupByAliases).
            if (!isUnresolvedColumn(ex) || !item.expr->is<sql::ColumnRef>() ||
                item.expr->as<sql::ColumnRef>().parts.size() != 1) {
              throw;
            }
            const auto& name = item.expr->as<sql::ColumnRef>().parts[0];
            for (const auto& n : named) {
              if (!g && n->kind() == ExprKind::Alias && equalsIgnoreCase(n->name(), name)) g = n->child(0);
            }
            if (!g) throw;
          }
          if (containsAggregate(g)) {
            throw AnalysisException("GROUP_BY_AGGREGATE",
                                    "Aggregate functions are not allowed in GROUP BY, but found " + g->toString() + ".");
          }
        }
        groupings.push_back(g);
      }
    }
    std::vector<ExprPtr> outputs = named;
    checkAggregateExpressions(groupings, outputs);
    const size_t keep = outputs.size();
    ExprPtr having;
    if (having_raw) {
      having = rewriteOverAggregate(resolveLate(having_raw), groupings, outputs);
      requireBoolean(having, "having");
    }
    if (sort_here) {
      for (const auto& item : *order_by) {
        ExprPtr e;
        if (auto pos = ordinalOf(*item.expr, visible.size(), "ORDER_BY")) {
          e = visible[*pos];
        } else {
          e = rewriteOverAggregate(resolveLate(translate(*item.expr, {})), groupings, outputs);
        }
        orders.push_back(resolver({}).resolve(sortOrderOf(item, e)));
      }
    }
    plan = LogicalPlan::aggregate(plan, std::move(groupings), outputs);
    if (having) plan = LogicalPlan::filter(plan, having);
    if (sort_here) plan = LogicalPlan::sort(plan, orders);
    if (outputs.size() > keep) {
      plan = LogicalPlan::project(plan, std::vector<ExprPtr>(plan->output().begin(), plan->output().begin() + keep));
    }
  }
  for (const auto& a : plan->output()) seen_ids_.insert(a->attributeId());
  if (core.distinct) {
    plan = LogicalPlan::distinct(plan);
    if (order_by) plan = applyOrderBy(plan, *order_by);
  }
  return plan;
}

}  // namespace binder

LogicalPlanPtr bindQuery(const sql::Query& query, const BinderCatalog& catalog) {
  return binder::QueryBinder(catalog).bindQuery(query);
}

}  // namespace loch

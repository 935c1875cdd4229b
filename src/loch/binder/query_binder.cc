// SELECT blocks (projection, aggregation, HAVING, ORDER BY over hidden
// columns, DISTINCT), set operations, CTEs, LIMIT / OFFSET.

#include "loch/binder/query_binder.h"

#include <tuple>

#include "loch/binder/binder_util.h"
#include "loch/binder/grouping_sets.h"
#include "loch/binder/pivot.h"
#include "loch/common/exception.h"
#include "loch/common/format.h"
#include "loch/function/type_coercion.h"
#include "loch/plan/generate.h"
#include "loch/types/schema.h"

namespace loch {
namespace binder {

namespace {

ExprPtr sortOrderOf(const sql::SortItem& item, ExprPtr e) { return sortOrderFor(item, std::move(e)); }

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


/// A select item with windows over an aggregate query, rewritten over the
/// aggregate's output (Spark's ExtractWindowExpressions after
/// ResolveAggregateFunctions).
ExprPtr rewriteWindowOverAggregate(const ExprPtr& e, const std::vector<ExprPtr>& groupings,
                                   std::vector<ExprPtr>& outputs) {
  if (e->kind() == ExprKind::Window) {
    const ExprPtr& fn = e->child(0);
    std::vector<ExprPtr> args;
    for (const auto& a : fn->children()) args.push_back(rewriteOverAggregate(a, groupings, outputs));
    WindowDefinition def = *e->window();
    for (auto& p : def.partition_by) p = rewriteOverAggregate(p, groupings, outputs);
    for (auto& o : def.order_by) o = o->withChildren({rewriteOverAggregate(o->child(0), groupings, outputs)});
    return Expr::windowOf(fn->withChildren(std::move(args)), std::move(def))->withType(e->type(), e->nullable());
  }
  if (!containsWindow(e)) return rewriteOverAggregate(e, groupings, outputs);
  std::vector<ExprPtr> children;
  for (const auto& c : e->children()) children.push_back(rewriteWindowOverAggregate(c, groupings, outputs));
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

/// The output column of `plan` named as `e` is written, for expressions
/// other than plain columns (those resolve normally).
ExprPtr outputNamed(const LogicalPlanPtr& plan, const sql::Expr& e) {
  if (!e.is<sql::FunctionCall>()) return nullptr;
  std::string name = e.toString();
  ExprPtr found;
  for (const auto& a : plan->output()) {
    if (a->name() == name) {
      if (found) return nullptr;
      found = a;
    }
  }
  return found;
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

}  // namespace

LogicalPlanPtr QueryBinder::bindQuery(const sql::Query& q) { return bindQueryWithOrder(q, nullptr); }

LogicalPlanPtr QueryBinder::bindQueryWithOrder(const sql::Query& q, Outer* outer) {
  if (!q.cluster_by.empty() || !q.distribute_by.empty() || !q.sort_by.empty()) {
    unsupported("CLUSTER BY / DISTRIBUTE BY / SORT BY");
  }
  // A WINDOW clause written after ORDER BY names windows for the body's
  // SELECT block, like one written before it.
  query_windows_.push_back(&q.windows);
  struct PopWindows {
    std::vector<const std::vector<sql::NamedWindow>*>& s;
    ~PopWindows() { s.pop_back(); }
  } pop_windows{query_windows_};
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
    } else if (auto same = outputNamed(plan, *item.expr)) {
      // An expression of the select list (e.g. `ORDER BY grouping(k)` over
      // grouping sets) is its output column.
      e = same;
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

LogicalPlanPtr QueryBinder::bindSelect(const sql::SelectCore& core, const std::vector<sql::SortItem>* order_by,
                                       Outer* outer) {
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
  if (core.pivot) plan = bindPivot(plan, *core.pivot, catalog_.options);
  if (core.unpivot) plan = bindUnpivot(plan, *core.unpivot, catalog_.options);
  // LATERAL VIEWs belong to the FROM clause: applied in order, before WHERE.
  for (const auto& lv : core.lateral_views) plan = bindLateralView(plan, lv);
  if (core.where) plan = applyWhere(plan, *core.where, outer);
  // `*` means the FROM clause's columns, not the helper columns that
  // subqueries in the select list join to the plan.
  const std::vector<ExprPtr> from_output = plan->output();
  // A generator in the select list (Spark's ExtractGenerator): a Generate
  // over the FROM rows, its item replaced by the generated columns.
  const sql::SelectItem* generator_item = nullptr;
  std::vector<ExprPtr> generated;
  {
    std::vector<std::string> found;
    for (const auto& item : core.items) {
      if (!isGeneratorCall(*item.expr)) continue;
      found.push_back("\"" + item.expr->toString() + "\"");
      generator_item = &item;
    }
    if (found.size() > 1) {
      throw AnalysisException("UNSUPPORTED_GENERATOR.MULTI_GENERATOR",
                              "The generator is not supported: only one generator allowed per SELECT clause but "
                              "found " + std::to_string(found.size()) + ": " + join(found, ", ") + ".");
    }
    if (generator_item) {
      const auto& call = generator_item->expr->as<sql::FunctionCall>();
      std::vector<ExprPtr> args;
      for (const auto& a : call.args) args.push_back(resolver(plan->output()).resolve(translate(*a, {})));
      std::vector<std::string> aliases = generator_item->aliases;
      if (generator_item->alias) aliases = {*generator_item->alias};
      plan = makeGenerate(plan, call.name.back(), args, false, aliases, "");
      generated = plan->generatorOutput();
    }
  }

  TranslateContext hook([&](const sql::Query& q) { return scalarSubquery(plan, q); });
  hook.in_subquery = [&](const sql::InSubquery& in) { return inSubqueryValue(plan, in); };
  for (const auto& w : core.windows) hook.windows.push_back(&w);
  if (!query_windows_.empty()) {
    for (const auto& w : *query_windows_.back()) hook.windows.push_back(&w);
  }
  std::vector<ExprPtr> raw;
  for (const auto& item : core.items) {
    if (&item == generator_item) {
      raw.insert(raw.end(), generated.begin(), generated.end());
      continue;
    }
    if (!item.aliases.empty()) unsupported("multiple aliases AS (a, b) on a non-generator expression");
    ExprPtr e = translate(*item.expr, hook);
    if (item.alias) {
      e = Expr::alias(e, *item.alias);
    } else if (!item.expr->is<sql::ColumnRef>() && !item.expr->is<sql::Star>()) {
      // Spark names a column after the expression as written, before
      // implicit casts: `value + 1` stays "(value + 1)".
      e = Expr::alias(e, item.expr->toString());
    }
    if (e->kind() == ExprKind::Star) {
      for (const auto& a : resolver(from_output).expandStar(e)) raw.push_back(a);
      continue;
    }
    raw.push_back(e);
  }
  ExprPtr having_raw = core.having ? translate(*core.having, hook) : nullptr;
  std::vector<GroupingCall> grouping_calls;
  for (auto& e : raw) e = extractGroupingCalls(e, grouping_calls);
  if (having_raw) having_raw = extractGroupingCalls(having_raw, grouping_calls);
  const auto input = plan->output();
  for (auto& c : grouping_calls) {
    for (auto& a : c.args) a = resolver(input).resolve(a);
  }
  auto rejectGroupingCalls = [&] {
    if (grouping_calls.empty()) return;
    throw AnalysisException("UNSUPPORTED_GROUPING_EXPRESSION",
                            "grouping()/grouping_id() can only be used with GroupingSets/Cube/Rollup.");
  };
  auto named = resolver(input).resolveNamedList(raw);

  bool aggregate = core.group_by.has_value() || having_raw != nullptr;
  bool windowed = false;
  for (const auto& n : named) {
    aggregate = aggregate || containsAggregate(n);
    windowed = windowed || containsWindow(n);
  }
  if (core.qualify && aggregate) unsupported("QUALIFY in an aggregate query");
  if (generator_item && aggregate) unsupported("a generator in the SELECT list of an aggregate query");
  ExprPtr qualify;
  if (core.qualify) {
    // QUALIFY filters on window results: computed with the select list's
    // windows, applied after the projection.
    auto raw_q = translate(*core.qualify, hook);
    ExprPtr q;
    try {
      q = resolver(input).resolve(raw_q);
    } catch (const AnalysisException& ex) {
      if (!isUnresolvedColumn(ex)) throw;
      // A select-list alias (QUALIFY r = 1) stands for its expression.
      q = resolver(withShadowed(input, attributesOf(named))).resolve(raw_q);
      q = transformExpr(q, [&](const ExprPtr& x) -> ExprPtr {
        if (x->kind() != ExprKind::Attribute) return nullptr;
        for (const auto& n : named) {
          if (n->kind() == ExprKind::Alias && toAttribute(n)->attributeId() == x->attributeId()) return n->child(0);
        }
        return nullptr;
      });
    }
    requireBoolean(q, "qualify");
    named.push_back(Expr::alias(q, "__qualify"));
    windowed = true;
  }
  if (windowed && !aggregate) {
    // Spark's ExtractWindowExpressions: Window nodes below the projection.
    std::tie(plan, named) = extractWindows(plan, named);
  }
  if (core.qualify) {
    qualify = named.back();
    named.pop_back();
  }
  std::vector<ExprPtr> visible = attributesOf(named);
  // Windows over an aggregate are computed after it, so ORDER BY then sees
  // the select list only (as after DISTINCT).
  bool sort_here = order_by && !core.distinct && !(windowed && aggregate) && !qualify;
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
    rejectGroupingCalls();
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
    if (qualify) projected.push_back(qualify);
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
        rejectMisplaced(e, "ORDER BY of a query without GROUP BY", false);
        orders.push_back(resolver({}).resolve(sortOrderOf(item, e)));
      }
    }
    plan = LogicalPlan::project(plan, projected);
    if (qualify) {
      plan = LogicalPlan::filter(plan, toAttribute(qualify));
      plan = LogicalPlan::project(plan, std::vector<ExprPtr>(plan->output().begin(), plan->output().begin() + keep));
    }
    if (sort_here) {
      plan = LogicalPlan::sort(plan, orders);
      if (projected.size() > keep) {
        plan = LogicalPlan::project(plan, std::vector<ExprPtr>(plan->output().begin(), plan->output().begin() + keep));
      }
    }
  } else {
    auto r = resolver(input);
    std::vector<ExprPtr> groupings;
    auto resolveGrouping = [&](const sql::Expr& expr) {
      ExprPtr g;
      if (auto pos = ordinalOf(expr, named.size(), "GROUP_BY")) {
        g = bodyOf(named[*pos]);
        if (containsAggregate(g)) {
          throw AnalysisException("GROUP_BY_POS_AGGREGATE",
                                  "GROUP BY " + std::to_string(*pos + 1) + " refers to an expression " +
                                      g->toString() + " that contains an aggregate function. Aggregate "
                                      "functions are not allowed in GROUP BY.");
        }
        return g;
      }
      auto t = translate(expr, {});
      try {
        g = r.resolve(t);
      } catch (const AnalysisException& ex) {
        // Spark accepts a select-list alias in GROUP BY when no input
        // column has that name (spark.sql.groupByAliases).
        if (!isUnresolvedColumn(ex) || !expr.is<sql::ColumnRef>() || expr.as<sql::ColumnRef>().parts.size() != 1) {
          throw;
        }
        const auto& name = expr.as<sql::ColumnRef>().parts[0];
        for (const auto& n : named) {
          if (!g && n->kind() == ExprKind::Alias && equalsIgnoreCase(n->name(), name)) g = n->child(0);
        }
        if (!g) throw;
      }
      rejectMisplaced(g, "GROUP BY", true);
      if (containsAggregate(g)) {
        throw AnalysisException("GROUP_BY_AGGREGATE",
                                "Aggregate functions are not allowed in GROUP BY, but found " + g->toString() + ".");
      }
      return g;
    };
    std::vector<std::vector<ExprPtr>> sets;  // GROUPING SETS / ROLLUP / CUBE
    if (core.group_by) {
      const auto& gb = *core.group_by;
      if (gb.all) {
        for (const auto& n : named) {
          if (!containsAggregate(n)) groupings.push_back(bodyOf(n));
        }
      }
      sets = expandGroupingSets(gb, resolveGrouping, groupings);
    }
    if (!sets.empty()) {
      if (windowed || qualify || (outer && !outer->correlated.empty())) {
        unsupported("GROUPING SETS / ROLLUP / CUBE with windows or correlation");
      }
      checkGroupingCalls(grouping_calls, groupings);
      std::vector<ExprPtr> known = groupings;
      for (const auto& c : grouping_calls) known.push_back(c.placeholder);
      checkAggregateExpressions(known, named);
      ExprPtr having = having_raw ? resolveLate(having_raw) : nullptr;
      plan = bindGroupingSets(plan, sets, groupings, named, having, catalog_.options.ansi, grouping_calls);
      sort_here = false;
    } else {
    rejectGroupingCalls();
    std::vector<ExprPtr> outputs;
    for (const auto& n : named) {
      if (!containsWindow(n)) outputs.push_back(n);
    }
    checkAggregateExpressions(groupings, outputs);
    if (outer) decorrelateAggregate(input, groupings, outputs, outer->correlated);
    const size_t keep = outputs.size();
    ExprPtr having;
    if (having_raw) {
      having = rewriteOverAggregate(resolveLate(having_raw), groupings, outputs);
      requireBoolean(having, "having");
      rejectMisplaced(having, "HAVING", true);
    }
    if (sort_here) {
      for (const auto& item : *order_by) {
        ExprPtr e;
        if (auto pos = ordinalOf(*item.expr, visible.size(), "ORDER_BY")) {
          e = visible[*pos];
        } else {
          e = rewriteOverAggregate(resolveLate(translate(*item.expr, {})), groupings, outputs);
        }
        rejectMisplaced(e, "ORDER BY", true);
        orders.push_back(resolver({}).resolve(sortOrderOf(item, e)));
      }
    }
    // Window items: their aggregates and grouping columns become (hidden)
    // aggregate outputs, and the windows run over the aggregate's result.
    std::vector<ExprPtr> finals;
    for (const auto& n : named) {
      finals.push_back(containsWindow(n) ? rewriteWindowOverAggregate(n, groupings, outputs) : toAttribute(n));
    }
    plan = LogicalPlan::aggregate(plan, std::move(groupings), outputs);
    if (having) plan = LogicalPlan::filter(plan, having);
    if (windowed) {
      auto [windowed_plan, items] = extractWindows(plan, finals);
      plan = LogicalPlan::project(windowed_plan, std::move(items));
    }
    if (sort_here) plan = LogicalPlan::sort(plan, orders);
    if (!windowed && outputs.size() > keep) {
      plan = LogicalPlan::project(plan, std::vector<ExprPtr>(plan->output().begin(), plan->output().begin() + keep));
    }
    }
  }
  for (const auto& a : plan->output()) seen_ids_.insert(a->attributeId());
  if (core.distinct) plan = LogicalPlan::distinct(plan);
  if (order_by && !sort_here) plan = applyOrderBy(plan, *order_by);
  return plan;
}

bool QueryBinder::isGeneratorCall(const sql::Expr& e) {
  if (!e.is<sql::FunctionCall>()) return false;
  const auto& call = e.as<sql::FunctionCall>();
  return call.name.size() == 1 && !call.over && generatorByName(call.name.back()).has_value();
}

LogicalPlanPtr QueryBinder::bindLateralView(LogicalPlanPtr plan, const sql::LateralView& lv) {
  if (!lv.generator->is<sql::FunctionCall>()) {
    throw AnalysisException("UNSUPPORTED_GENERATOR.NOT_GENERATOR",
                            "The generator is not supported: " + lv.generator->toString() +
                                " is expected to be a generator (explode, posexplode, inline).");
  }
  const auto& call = lv.generator->as<sql::FunctionCall>();
  std::vector<ExprPtr> args;
  for (const auto& a : call.args) args.push_back(resolver(plan->output()).resolve(translate(*a, {})));
  return makeGenerate(std::move(plan), call.name.back(), args, lv.outer, lv.column_aliases, lv.table_alias);
}

}  // namespace binder

LogicalPlanPtr bindQuery(const sql::Query& query, const BinderCatalog& catalog) {
  return binder::QueryBinder(catalog).bindQuery(query);
}

}  // namespace loch

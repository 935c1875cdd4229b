#include "loch/api/data_frame.h"

#include <iostream>
#include <random>

#include "loch/api/functions.h"
#include "loch/api/spark_session.h"
#include "loch/binder/binder.h"
#include "loch/binder/binder_util.h"
#include "loch/binder/grouping_sets.h"
#include "loch/binder/pivot.h"
#include "loch/common/exception.h"
#include "loch/common/format.h"
#include "loch/plan/analyzer.h"
#include "loch/plan/generate.h"

namespace loch {

ExpressionResolver DataFrame::resolver() const {
  return ExpressionResolver(plan_->output(), AnalyzerOptions{session_->caseSensitive(), session_->ansi()});
}

namespace {

std::vector<ExprPtr> exprsOf(const std::vector<Column>& cols) {
  std::vector<ExprPtr> out;
  for (const auto& c : cols) out.push_back(c.expr());
  return out;
}

/// The generator call of select item `e` (explode(x) or explode(x).alias(n)),
/// or null; `alias` receives the alias ("" if none).
ExprPtr generatorOf(const ExprPtr& e, std::string& alias) {
  ExprPtr call = e;
  alias.clear();
  if (call->kind() == ExprKind::Alias) {
    alias = call->name();
    call = call->child(0);
  }
  if (call->kind() != ExprKind::UnresolvedFunction || !generatorByName(call->name())) return nullptr;
  return call;
}

bool anyAggregate(const std::vector<ExprPtr>& exprs) {
  for (const auto& e : exprs) {
    if (containsAggregate(e)) return true;
  }
  return false;
}

bool anyWindow(const std::vector<ExprPtr>& exprs) {
  for (const auto& e : exprs) {
    if (containsWindow(e)) return true;
  }
  return false;
}

void requireBoolean(const ExprPtr& e, const char* what) {
  if (e->type()->id() != TypeId::Boolean && e->type()->id() != TypeId::Null) {
    throw AnalysisException("DATATYPE_MISMATCH.FILTER_NOT_BOOLEAN",
                            std::string("Cannot resolve \"") + e->toString() + "\" due to data type mismatch: " +
                                what + " expression " + quoteIdentifier(e->toString()) + " of type " +
                                e->type()->sql() + " is not a boolean.");
  }
}

}  // namespace

// ---- projections ---------------------------------------------------------------

DataFrame DataFrame::select(const std::vector<Column>& cols) const {
  // A generator item (Spark's ExtractGenerator): Generate below, its item
  // replaced by the generated columns; `*` still means this frame's columns.
  std::vector<ExprPtr> items;
  std::vector<std::string> found;
  for (const auto& c : cols) {
    std::string alias;
    if (generatorOf(c.expr(), alias)) found.push_back("\"" + c.expr()->toString() + "\"");
  }
  if (found.size() > 1) {
    throw AnalysisException("UNSUPPORTED_GENERATOR.MULTI_GENERATOR",
                            "The generator is not supported: only one generator allowed per SELECT clause but found " +
                                std::to_string(found.size()) + ": " + loch::join(found, ", ") + ".");
  }
  if (found.size() == 1) {
    auto r = resolver();
    LogicalPlanPtr generated;
    for (const auto& c : cols) {
      std::string alias;
      ExprPtr call = generatorOf(c.expr(), alias);
      if (!call) {
        if (c.expr()->kind() == ExprKind::Star) {
          for (const auto& a : r.expandStar(c.expr())) items.push_back(a);
        } else {
          items.push_back(c.expr());
        }
        continue;
      }
      std::vector<ExprPtr> args;
      for (const auto& a : call->children()) args.push_back(r.resolve(a));
      std::vector<std::string> aliases;
      if (!alias.empty()) aliases.push_back(alias);
      generated = makeGenerate(plan_, call->name(), args, false, aliases, "");
      for (const auto& g : generated->generatorOutput()) items.push_back(g);
    }
    std::vector<Column> rest;
    for (const auto& e : items) rest.emplace_back(e);
    return derive(generated).select(rest);
  }
  auto named = resolver().resolveNamedList(exprsOf(cols));
  if (anyAggregate(named)) {
    checkAggregateExpressions({}, named);
    return derive(LogicalPlan::aggregate(plan_, {}, std::move(named)));
  }
  if (anyWindow(named)) {
    auto [windowed, items] = extractWindows(plan_, named);
    return derive(LogicalPlan::project(windowed, std::move(items)));
  }
  return derive(LogicalPlan::project(plan_, std::move(named)));
}

DataFrame DataFrame::select(const std::vector<std::string>& names) const {
  std::vector<Column> cols;
  for (const auto& n : names) cols.emplace_back(n);
  return select(cols);
}

DataFrame DataFrame::selectExpr(const std::vector<std::string>& exprs) const {
  std::vector<Column> cols;
  for (const auto& e : exprs) cols.emplace_back(parseSqlSelectItem(e));
  return select(cols);
}

DataFrame DataFrame::filter(const std::string& condition) const { return filter(Column(parseSqlExpression(condition))); }

DataFrame DataFrame::filter(const Column& condition) const {
  auto cond = resolver().resolve(condition.expr());
  requireBoolean(cond, "filter");
  if (containsWindow(cond)) {
    throw AnalysisException("INVALID_WHERE_CONDITION",
                            "The WHERE condition " + cond->toString() +
                                " contains invalid expressions: window functions are not allowed in a filter; "
                                "compute the window in a column first, then filter on that column.");
  }
  if (containsAggregate(cond)) {
    throw AnalysisException("INVALID_WHERE_CONDITION",
                            "The WHERE condition " + cond->toString() +
                                " contains invalid expressions: aggregate functions are not allowed in a filter; "
                                "aggregate first, then filter the result.");
  }
  return derive(LogicalPlan::filter(plan_, cond));
}

DataFrame DataFrame::withColumns(const std::vector<std::pair<std::string, Column>>& cols) const {
  for (const auto& [name, col] : cols) {
    std::string ignored;
    if (!generatorOf(col.expr(), ignored)) continue;
    if (cols.size() > 1) {
      throw AnalysisException("UNSUPPORTED_GENERATOR.MULTI_GENERATOR",
                              "The generator is not supported: withColumns() takes a generator only on its own.");
    }
    // withColumn(name, explode(x)) is select(*, explode(x) AS name), the
    // generated column replacing a same-named one in place.
    bool cs = session_->caseSensitive();
    ExprPtr gen = Expr::alias(col.expr()->kind() == ExprKind::Alias ? col.expr()->child(0) : col.expr(), name);
    std::vector<Column> items;
    bool replaced = false;
    for (const auto& o : plan_->output()) {
      bool same = cs ? o->name() == name : equalsIgnoreCase(o->name(), name);
      items.emplace_back(same ? gen : o);
      replaced = replaced || same;
    }
    if (!replaced) items.emplace_back(gen);
    return select(items);
  }
  auto r = resolver();
  std::vector<ExprPtr> out = plan_->output();
  bool cs = session_->caseSensitive();
  for (const auto& [name, col] : cols) {
    ExprPtr e = r.resolve(col.expr());
    if (e->kind() == ExprKind::Alias) e = e->child(0);
    ExprPtr named = Expr::alias(e, name);
    bool replaced = false;
    for (auto& o : out) {
      if (cs ? o->name() == name : equalsIgnoreCase(o->name(), name)) {
        o = named;
        replaced = true;
      }
    }
    if (!replaced) out.push_back(named);
  }
  if (anyAggregate(out)) {
    throw AnalysisException("MISSING_GROUP_BY",
                            "withColumn() cannot add an aggregate over the whole DataFrame; use agg() or a window.");
  }
  if (anyWindow(out)) {
    auto [windowed, items] = extractWindows(plan_, out);
    return derive(LogicalPlan::project(windowed, std::move(items)));
  }
  return derive(LogicalPlan::project(plan_, std::move(out)));
}

DataFrame DataFrame::withColumn(const std::string& name, const Column& col) const { return withColumns({{name, col}}); }

DataFrame DataFrame::withColumnRenamed(const std::string& existing, const std::string& name) const {
  bool cs = session_->caseSensitive();
  std::vector<ExprPtr> out;
  bool found = false;
  for (const auto& a : plan_->output()) {
    if (cs ? a->name() == existing : equalsIgnoreCase(a->name(), existing)) {
      out.push_back(Expr::alias(a, name));
      found = true;
    } else {
      out.push_back(a);
    }
  }
  if (!found) return *this;
  return derive(LogicalPlan::project(plan_, std::move(out)));
}

DataFrame DataFrame::drop(const std::vector<std::string>& names) const {
  bool cs = session_->caseSensitive();
  std::vector<ExprPtr> out;
  for (const auto& a : plan_->output()) {
    bool dropped = false;
    for (const auto& n : names) dropped = dropped || (cs ? a->name() == n : equalsIgnoreCase(a->name(), n));
    if (!dropped) out.push_back(a);
  }
  if (out.size() == plan_->output().size()) return *this;
  return derive(LogicalPlan::project(plan_, std::move(out)));
}

DataFrame DataFrame::toDF(const std::vector<std::string>& names) const {
  if (names.size() != plan_->output().size()) {
    throw AnalysisException("NUM_COLUMNS_MISMATCH",
                            "toDF() got " + std::to_string(names.size()) + " names for " +
                                std::to_string(plan_->output().size()) + " columns.");
  }
  std::vector<ExprPtr> out;
  for (size_t i = 0; i < names.size(); ++i) out.push_back(Expr::alias(plan_->output()[i], names[i]));
  return derive(LogicalPlan::project(plan_, std::move(out)));
}

// ---- aggregation -----------------------------------------------------------------

GroupedData DataFrame::groupBy(const std::vector<Column>& cols) const {
  auto r = resolver();
  std::vector<ExprPtr> groupings;
  for (const auto& c : cols) {
    ExprPtr e = r.resolve(c.expr());
    if (containsAggregate(e)) {
      throw AnalysisException("GROUP_BY_AGGREGATE",
                              "Aggregate functions are not allowed in GROUP BY, but found " + e->toString() + ".");
    }
    groupings.push_back(e);
  }
  return GroupedData(*this, std::move(groupings));
}

GroupedData DataFrame::groupby(const std::vector<Column>& cols) const { return groupBy(cols); }

GroupedData DataFrame::cube(const std::vector<Column>& cols) const {
  auto g = groupBy(cols);
  size_t n = cols.size();
  if (n > 12) {
    throw AnalysisException("UNSUPPORTED_FEATURE", "cube() over more than 12 columns (4096 grouping sets).");
  }
  std::vector<std::vector<size_t>> sets;
  for (size_t mask = (size_t{1} << n); mask-- > 0;) {
    std::vector<size_t> set;
    for (size_t i = 0; i < n; ++i) {
      if (mask & (size_t{1} << (n - 1 - i))) set.push_back(i);
    }
    sets.push_back(std::move(set));
  }
  return GroupedData(*this, g.groupings(), std::move(sets));
}

GroupedData DataFrame::rollup(const std::vector<Column>& cols) const {
  auto g = groupBy(cols);
  std::vector<std::vector<size_t>> sets;
  for (size_t len = cols.size() + 1; len-- > 0;) {
    std::vector<size_t> set;
    for (size_t i = 0; i < len; ++i) set.push_back(i);
    sets.push_back(std::move(set));
  }
  return GroupedData(*this, g.groupings(), std::move(sets));
}

DataFrame DataFrame::agg(const std::vector<Column>& exprs) const { return GroupedData(*this, {}).agg(exprs); }

GroupedData GroupedData::pivot(const std::string& column, const std::vector<Value>& values) const {
  GroupedData g = *this;
  g.pivot_column_ = column;
  g.pivot_values_ = values;
  if (values.empty()) {
    for (const auto& row : df_.select(column).filter(Column(column).isNotNull()).distinct().orderBy(column).collect()) {
      g.pivot_values_.push_back(row.get(0));
    }
  }
  return g;
}

DataFrame GroupedData::agg(const std::vector<Column>& exprs) const {
  if (pivot_column_) {
    // Each (value, aggregate) becomes the aggregate over the value's rows,
    // NULL where the group has none (as Spark's PivotFirst), as SQL's PIVOT.
    GroupedData plain(df_, groupings_);
    std::vector<Column> pivoted;
    for (const auto& v : pivot_values_) {
      Column match = Column(*pivot_column_) == lit(v);
      for (const auto& e : exprs) {
        const ExprPtr& call = e.expr()->kind() == ExprKind::Alias ? e.expr()->child(0) : e.expr();
        if (call->kind() != ExprKind::UnresolvedFunction) {
          throw AnalysisException("UNSUPPORTED_FEATURE",
                                  "pivot() needs aggregate function calls in agg(), got " + e.toString() + ".");
        }
        std::string name = v.toString();
        if (exprs.size() > 1) name += "_" + (e.expr()->kind() == ExprKind::Alias ? e.expr()->name() : call->toString());
        pivoted.push_back(Column(binder::pivotAggregate(call, match.expr())).alias(name));
      }
    }
    return plain.agg(pivoted);
  }
  ExpressionResolver r(df_.plan()->output(),
                       AnalyzerOptions{df_.sparkSession()->caseSensitive(), df_.sparkSession()->ansi()});
  std::vector<ExprPtr> outputs;
  std::vector<ExprPtr> groupings;
  for (const auto& g : groupings_) {
    // An aliased grouping expression groups by the expression, outputs the alias.
    outputs.push_back(ensureNamed(g));
    groupings.push_back(g->kind() == ExprKind::Alias ? g->child(0) : g);
  }
  for (const auto& e : exprs) outputs.push_back(ensureNamedAs(r.resolve(e.expr()), e.expr()));
  checkAggregateExpressions(groupings, outputs);
  if (!sets_.empty()) {
    std::vector<std::vector<ExprPtr>> sets;
    for (const auto& set : sets_) {
      std::vector<ExprPtr> exprs_in_set;
      for (size_t i : set) exprs_in_set.push_back(groupings[i]);
      sets.push_back(std::move(exprs_in_set));
    }
    return DataFrame(df_.sparkSession(), binder::bindGroupingSets(df_.plan(), sets, groupings, outputs, nullptr,
                                                                  df_.sparkSession()->ansi()));
  }
  return DataFrame(df_.sparkSession(), LogicalPlan::aggregate(df_.plan(), std::move(groupings), std::move(outputs)));
}

DataFrame GroupedData::count() const { return agg({functions::count(lit(1)).alias("count")}); }

DataFrame GroupedData::aggregateColumns(const std::string& fn, const std::vector<std::string>& cols) const {
  std::vector<Column> exprs;
  std::vector<std::string> names = cols;
  if (names.empty()) {
    // Spark: all numeric columns that are not grouping columns.
    for (const auto& a : df_.plan()->output()) {
      bool grouped = false;
      for (const auto& g : groupings_) grouped = grouped || (g->kind() == ExprKind::Attribute && g->attributeId() == a->attributeId());
      if (a->type()->isNumeric() && !grouped) names.push_back(a->name());
    }
  }
  for (const auto& c : names) exprs.push_back(callFunction(fn, {Column(c)}).alias(fn + "(" + c + ")"));
  return agg(exprs);
}

DataFrame GroupedData::sum(const std::vector<std::string>& cols) const { return aggregateColumns("sum", cols); }
DataFrame GroupedData::avg(const std::vector<std::string>& cols) const { return aggregateColumns("avg", cols); }
DataFrame GroupedData::min(const std::vector<std::string>& cols) const { return aggregateColumns("min", cols); }
DataFrame GroupedData::max(const std::vector<std::string>& cols) const { return aggregateColumns("max", cols); }

// ---- joins -------------------------------------------------------------------------

namespace {

LogicalPlanPtr dedupRight(const LogicalPlanPtr& left, const LogicalPlanPtr& right) {
  for (const auto& r : right->output()) {
    for (const auto& l : left->output()) {
      if (l->attributeId() == r->attributeId()) return binder::withFreshIds(right);
    }
  }
  return right;
}

}  // namespace

DataFrame DataFrame::join(const DataFrame& other, const Column& on, const std::string& how) const {
  JoinType type = parseJoinType(how);
  LogicalPlanPtr right = dedupRight(plan_, other.plan_);
  std::vector<ExprPtr> input = plan_->output();
  input.insert(input.end(), right->output().begin(), right->output().end());
  // A column bound to `other` (other["id"]) refers to its original ids; map
  // them to the deduplicated right side.
  ExprPtr cond_expr = on.expr();
  if (right != other.plan_) {
    const auto& old_out = other.plan_->output();
    const auto& new_out = right->output();
    cond_expr = transformExpr(cond_expr, [&](const ExprPtr& e) -> ExprPtr {
      if (e->kind() != ExprKind::Attribute) return nullptr;
      // Attributes of the left side win; only right-only ids can be remapped.
      for (const auto& l : plan_->output()) {
        if (l->attributeId() == e->attributeId()) return nullptr;
      }
      for (size_t i = 0; i < old_out.size(); ++i) {
        if (old_out[i]->attributeId() == e->attributeId()) return new_out[i];
      }
      return nullptr;
    });
  }
  ExpressionResolver r(input, AnalyzerOptions{session_->caseSensitive(), session_->ansi()});
  ExprPtr cond = r.resolve(cond_expr);
  requireBoolean(cond, "join condition");
  return derive(LogicalPlan::join(plan_, right, type, cond));
}

DataFrame DataFrame::join(const DataFrame& other, const std::vector<std::string>& on, const std::string& how) const {
  JoinType type = parseJoinType(how);
  LogicalPlanPtr right = dedupRight(plan_, other.plan_);
  ExpressionResolver lr(plan_->output(), AnalyzerOptions{session_->caseSensitive(), session_->ansi()});
  ExpressionResolver rr(right->output(), AnalyzerOptions{session_->caseSensitive(), session_->ansi()});
  std::vector<ExprPtr> lkeys, rkeys;
  ExprPtr cond;
  for (const auto& name : on) {
    auto l = lr.resolveColumn({name});
    auto rk = rr.resolveColumn({name});
    lkeys.push_back(l);
    rkeys.push_back(rk);
    auto eq = ExpressionResolver(std::vector<ExprPtr>{}, AnalyzerOptions{false, session_->ansi()})
                  .resolve(Expr::function("=", {l, rk}));
    cond = cond ? ExpressionResolver({}, AnalyzerOptions{false, session_->ansi()}).resolve(Expr::function("and", {cond, eq}))
                : eq;
  }
  if (type == JoinType::Cross) type = JoinType::Inner;
  auto joined = LogicalPlan::join(plan_, right, type, cond);
  if (type == JoinType::LeftSemi || type == JoinType::LeftAnti) return derive(joined);
  // Output: join columns once (coalesced for full outer), then the rest of
  // each side, as Spark's USING join.
  std::vector<ExprPtr> out;
  auto isKey = [](const ExprPtr& a, const std::vector<ExprPtr>& keys) {
    for (const auto& k : keys) {
      if (k->attributeId() == a->attributeId()) return true;
    }
    return false;
  };
  const auto& jout = joined->output();
  auto findIn = [&](const ExprPtr& k) {
    for (const auto& a : jout) {
      if (a->attributeId() == k->attributeId()) return a;
    }
    return k;
  };
  for (size_t i = 0; i < on.size(); ++i) {
    ExprPtr lk = findIn(lkeys[i]), rk = findIn(rkeys[i]);
    if (type == JoinType::RightOuter) {
      out.push_back(rk);
    } else if (type == JoinType::FullOuter) {
      auto c = ExpressionResolver({}, AnalyzerOptions{false, session_->ansi()}).resolve(Expr::function("coalesce", {lk, rk}));
      out.push_back(Expr::alias(c, lk->name()));
    } else {
      out.push_back(lk);
    }
  }
  for (const auto& a : jout) {
    if (!isKey(a, lkeys) && !isKey(a, rkeys)) out.push_back(a);
  }
  return derive(LogicalPlan::project(joined, std::move(out)));
}

DataFrame DataFrame::crossJoin(const DataFrame& other) const {
  return derive(LogicalPlan::join(plan_, dedupRight(plan_, other.plan_), JoinType::Cross, nullptr));
}

// ---- ordering, limits, sets -----------------------------------------------------------

DataFrame DataFrame::orderBy(const std::vector<Column>& cols) const {
  auto r = resolver();
  std::vector<ExprPtr> orders;
  for (const auto& c : cols) {
    ExprPtr e = c.expr();
    if (e->kind() != ExprKind::SortOrder) e = Expr::sortOrder(e, true, true);
    orders.push_back(r.resolve(e));
  }
  return derive(LogicalPlan::sort(plan_, std::move(orders)));
}

DataFrame DataFrame::limit(int64_t n) const {
  if (n < 0) {
    throw AnalysisException("INVALID_LIMIT_LIKE_EXPRESSION.IS_NEGATIVE",
                            "The limit like expression \"" + std::to_string(n) +
                                "\" is invalid. The limit expression must be equal to or greater than 0.");
  }
  return derive(LogicalPlan::limitOf(plan_, n, 0));
}

DataFrame DataFrame::offset(int64_t n) const {
  if (n < 0) {
    throw AnalysisException("INVALID_LIMIT_LIKE_EXPRESSION.IS_NEGATIVE",
                            "The offset expression \"" + std::to_string(n) + "\" must be equal to or greater than 0.");
  }
  return derive(LogicalPlan::limitOf(plan_, -1, n));
}

DataFrame DataFrame::distinct() const { return derive(LogicalPlan::distinct(plan_)); }

DataFrame DataFrame::dropDuplicates(const std::vector<std::string>& subset) const {
  if (subset.empty()) return distinct();
  auto r = resolver();
  std::vector<ExprPtr> keys;
  for (const auto& n : subset) keys.push_back(r.resolveColumn({n}));
  return derive(LogicalPlan::deduplicate(plan_, std::move(keys)));
}

DataFrame DataFrame::setOperation(PlanKind kind, const DataFrame& other, bool all) const {
  return derive(binder::widenedSetOperation(kind, plan_, other.plan_, all, session_->ansi()));
}

DataFrame DataFrame::unionAll(const DataFrame& other) const { return setOperation(PlanKind::Union, other, true); }

DataFrame DataFrame::unionByName(const DataFrame& other, bool allow_missing_columns) const {
  bool cs = session_->caseSensitive();
  std::vector<ExprPtr> reordered;
  ExpressionResolver rr(other.plan_->output(), AnalyzerOptions{cs, session_->ansi()});
  for (const auto& a : plan_->output()) {
    ExprPtr match;
    for (const auto& b : other.plan_->output()) {
      if (cs ? a->name() == b->name() : equalsIgnoreCase(a->name(), b->name())) match = b;
    }
    if (!match) {
      if (!allow_missing_columns) {
        throw AnalysisException("UNRESOLVED_COLUMN.WITH_SUGGESTION",
                                "Cannot resolve column name " + quoteIdentifier(a->name()) +
                                    " among the columns of the second DataFrame; use allowMissingColumns=true to "
                                    "fill it with NULL.");
      }
      match = Expr::alias(Expr::literal(Value::null(a->type())), a->name());
    }
    reordered.push_back(match);
  }
  DataFrame left = *this;
  if (allow_missing_columns) {
    // Columns only in `other` are appended to the left side as NULLs.
    std::vector<ExprPtr> extra_left = plan_->output();
    for (const auto& b : other.plan_->output()) {
      bool present = false;
      for (const auto& a : plan_->output()) present = present || (cs ? a->name() == b->name() : equalsIgnoreCase(a->name(), b->name()));
      if (!present) {
        extra_left.push_back(Expr::alias(Expr::literal(Value::null(b->type())), b->name()));
        reordered.push_back(b);
      }
    }
    if (extra_left.size() != plan_->output().size()) left = derive(LogicalPlan::project(plan_, extra_left));
  } else if (other.plan_->output().size() != plan_->output().size()) {
    throw AnalysisException("NUM_COLUMNS_MISMATCH",
                            "UNION can only be performed on inputs with the same number of columns, but the first "
                            "input has " + std::to_string(plan_->output().size()) + " columns and the second input has " +
                                std::to_string(other.plan_->output().size()) + " columns.");
  }
  DataFrame right(session_, LogicalPlan::project(other.plan_, reordered));
  return left.setOperation(PlanKind::Union, right, true);
}

DataFrame DataFrame::intersect(const DataFrame& other) const { return setOperation(PlanKind::Intersect, other, false); }
DataFrame DataFrame::intersectAll(const DataFrame& other) const { return setOperation(PlanKind::Intersect, other, true); }
DataFrame DataFrame::subtract(const DataFrame& other) const { return setOperation(PlanKind::Except, other, false); }
DataFrame DataFrame::exceptAll(const DataFrame& other) const { return setOperation(PlanKind::Except, other, true); }

DataFrame DataFrame::sample(double fraction) const {
  return sample(false, fraction, static_cast<int64_t>(std::random_device{}()));
}

DataFrame DataFrame::sample(double fraction, int64_t seed) const { return sample(false, fraction, seed); }

DataFrame DataFrame::sample(bool with_replacement, double fraction, int64_t seed) const {
  if (fraction < 0 || (!with_replacement && fraction > 1)) {
    throw InvalidArgumentException("INVALID_SAMPLE_FRACTION",
                                   "Sampling fraction (" + std::to_string(fraction) +
                                       ") must be on interval [0, 1] without replacement and >= 0 with replacement.");
  }
  return derive(LogicalPlan::sample(plan_, fraction, seed, with_replacement));
}

// ---- missing values ----------------------------------------------------------------

namespace {

bool fillApplies(const Value& v, const DataType& t) {
  if (v.isNull()) return false;
  switch (v.type()->id()) {
    case TypeId::Boolean: return t.id() == TypeId::Boolean;
    case TypeId::String: return t.id() == TypeId::String;
    default: return v.type()->isNumeric() && t.isNumeric();
  }
}

}  // namespace

DataFrame DataFrame::fillna(const Value& value, const std::vector<std::string>& subset) const {
  std::map<std::string, Value> values;
  for (const auto& a : plan_->output()) {
    bool selected = subset.empty();
    for (const auto& s : subset) selected = selected || equalsIgnoreCase(s, a->name());
    if (selected && fillApplies(value, *a->type())) values[a->name()] = value;
  }
  return fillna(values);
}

DataFrame DataFrame::fillna(const std::map<std::string, Value>& values) const {
  std::vector<ExprPtr> out;
  bool changed = false;
  auto r = resolver();
  for (const auto& a : plan_->output()) {
    const Value* fill = nullptr;
    for (const auto& [name, v] : values) {
      if (equalsIgnoreCase(name, a->name())) fill = &v;
    }
    if (!fill || fill->isNull()) {
      out.push_back(a);
      continue;
    }
    changed = true;
    ExprPtr replacement = castIfNeeded(Expr::literal(*fill), a->type());
    out.push_back(Expr::alias(r.resolve(Expr::function("coalesce", {a, replacement})), a->name()));
  }
  return changed ? derive(LogicalPlan::project(plan_, std::move(out))) : *this;
}

DataFrame DataFrame::dropna(const std::string& how, std::optional<int> thresh,
                            const std::vector<std::string>& subset) const {
  auto r = resolver();
  std::vector<ExprPtr> cols;
  if (subset.empty()) {
    cols = plan_->output();
  } else {
    for (const auto& s : subset) cols.push_back(r.resolveColumn({s}));
  }
  if (cols.empty()) return *this;
  int required;
  if (thresh) {
    required = *thresh;
  } else if (equalsIgnoreCase(how, "any")) {
    required = static_cast<int>(cols.size());
  } else if (equalsIgnoreCase(how, "all")) {
    required = 1;
  } else {
    throw InvalidArgumentException("INVALID_PARAMETER_VALUE",
                                   "dropna(): how must be 'any' or 'all', got '" + how + "'.");
  }
  // Spark counts a value as present when it is not NULL and not NaN.
  ExprPtr count;
  for (const auto& c : cols) {
    ExprPtr present = Expr::function("isnotnull", {c});
    if (c->type()->isFloating()) {
      present = Expr::function("and", {present, Expr::function("not", {Expr::function("isnan", {c})})});
    }
    ExprPtr one = Expr::function("if", {present, Expr::literal(Value::integer(1)), Expr::literal(Value::integer(0))});
    count = count ? Expr::function("+", {count, one}) : one;
  }
  ExprPtr cond = r.resolve(Expr::function(">=", {count, Expr::literal(Value::integer(required))}));
  return derive(LogicalPlan::filter(plan_, cond));
}

DataFrameNaFunctions DataFrame::na() const { return DataFrameNaFunctions(*this); }

DataFrame DataFrame::repartition(int64_t n, const std::vector<Column>& cols) const {
  if (n <= 0) {
    throw InvalidArgumentException("INVALID_PARAMETER_VALUE",
                                   "repartition(): the number of partitions must be positive, got " +
                                       std::to_string(n) + ".");
  }
  auto r = resolver();
  std::vector<ExprPtr> exprs;
  for (const auto& c : cols) exprs.push_back(r.resolve(c.expr()));
  return derive(LogicalPlan::repartition(plan_, n, std::move(exprs)));
}

DataFrame DataFrame::coalesce(int64_t n) const { return repartition(n); }

DataFrame DataFrame::alias(const std::string& name) const { return derive(LogicalPlan::subqueryAlias(plan_, name)); }

DataFrame DataFrame::hint(const std::string& name) const {
  std::string h = toLower(name);
  if (h == "broadcast" || h == "broadcastjoin" || h == "mapjoin") {
    return derive(LogicalPlan::hint(plan_, "broadcast"));
  }
  return *this;  // Spark ignores unknown hints with a warning.
}

// ---- actions -------------------------------------------------------------------------

std::vector<RecordBatchPtr> DataFrame::collectBatches() const { return session_->execute(plan_); }

std::vector<Row> DataFrame::collect() const {
  std::vector<Row> rows;
  auto schema = plan_->schema();
  for (const auto& b : collectBatches()) {
    for (int64_t i = 0; i < b->numRows(); ++i) rows.emplace_back(b->row(i), schema);
  }
  return rows;
}

std::vector<Row> DataFrame::take(int64_t n) const { return limit(n).collect(); }

Row DataFrame::first() const {
  auto rows = take(1);
  if (rows.empty()) {
    throw InvalidArgumentException("EMPTY_DATAFRAME", "first(): the DataFrame has no rows.");
  }
  return rows[0];
}

bool DataFrame::isEmpty() const { return take(1).empty(); }

int64_t DataFrame::count() const {
  auto counted = agg({functions::count(lit(1)).alias("count")});
  auto rows = counted.collect();
  return rows.at(0).getLong(0);
}

std::vector<std::string> DataFrame::columns() const { return fieldNames(*plan_->schema()); }

std::vector<std::pair<std::string, std::string>> DataFrame::dtypes() const {
  std::vector<std::pair<std::string, std::string>> out;
  for (const auto& a : plan_->output()) out.emplace_back(a->name(), a->type()->simpleString());
  return out;
}

Column DataFrame::col(const std::string& name) const {
  if (name == "*") return Column(Expr::star());
  return Column(resolver().resolveColumn({name}));
}

DataFrame DataFrame::persist(StorageLevel) const {
  session_->cachePlan(plan_);
  return *this;
}

DataFrame DataFrame::unpersist() const {
  session_->uncachePlan(plan_);
  return *this;
}

bool DataFrame::isCached() const { return session_->isCachedPlan(plan_); }

void DataFrame::createOrReplaceTempView(const std::string& name) const { session_->registerTempView(name, plan_, true); }

void DataFrame::createTempView(const std::string& name) const { session_->registerTempView(name, plan_, false); }

void DataFrame::printSchema() const { std::cout << treeString(*plan_->schema()) << std::flush; }

void DataFrame::show(int n, int truncate, bool vertical) const {
  std::cout << showString(n, truncate, vertical) << std::flush;
}

void DataFrame::explain(bool extended) const { std::cout << explainString(extended ? "extended" : "simple") << std::flush; }

void DataFrame::explain(const std::string& mode) const { std::cout << explainString(mode) << std::flush; }

}  // namespace loch

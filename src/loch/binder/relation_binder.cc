// FROM-clause relations: views and CTEs, inline tables, files, joins.

#include "loch/binder/binder_util.h"
#include "loch/binder/query_binder.h"
#include "loch/common/format.h"
#include "loch/sql/ast.h"
#include "loch/types/schema.h"
#include "loch/vector/vector_builder.h"

namespace loch::binder {

namespace {

/// An inline table whose cells are all literals, one non-null type per
/// column, as a LocalRelation (Spark's LocalRelation for VALUES); null when
/// some cell needs evaluation or widening.
LogicalPlanPtr literalTable(const std::vector<std::vector<ExprPtr>>& cells, const std::vector<std::string>& names) {
  std::vector<StructField> fields;
  for (size_t c = 0; c < names.size(); ++c) {
    DataTypePtr type;
    bool nullable = false;
    for (const auto& row : cells) {
      const auto& e = row[c];
      if (e->kind() != ExprKind::Literal) return nullptr;
      if (e->literal().isNull()) {
        nullable = true;
        continue;
      }
      if (!type) type = e->type();
      if (!type->equals(*e->type())) return nullptr;
    }
    if (!type) return nullptr;
    fields.emplace_back(names[c], type, nullable);
  }
  auto table = std::make_shared<InMemoryTable>();
  table->schema = StructType(fields);
  std::vector<VectorPtr> columns;
  for (size_t c = 0; c < names.size(); ++c) {
    VectorBuilder b(fields[c].type, static_cast<int64_t>(cells.size()));
    for (const auto& row : cells) {
      const Value& v = row[c]->literal();
      if (v.isNull()) {
        b.appendNull();
      } else {
        b.appendValue(v);
      }
    }
    columns.push_back(b.finish());
  }
  table->batches = {RecordBatch::make(table->schema, std::move(columns), static_cast<int64_t>(cells.size()))};
  return LogicalPlan::localRelation(table);
}

}  // namespace

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
  auto r = resolver({});
  std::vector<std::vector<ExprPtr>> cells;
  for (size_t i = 0; i < rows.size(); ++i) {
    if (rows[i].size() != n) {
      throw AnalysisException("INVALID_INLINE_TABLE.NUM_COLUMNS_MISMATCH",
                              "Invalid inline table: expected " + std::to_string(n) + " columns but found " +
                                  std::to_string(rows[i].size()) + " values in row " + std::to_string(i) + ".");
    }
    std::vector<ExprPtr> row;
    for (const auto& cell : rows[i]) row.push_back(r.resolve(translate(*cell, {})));
    cells.push_back(std::move(row));
  }
  LogicalPlanPtr plan = literalTable(cells, names);
  if (!plan) {
    // Rows with computed values or mixed types: each row is a projection
    // over a one-row relation, combined by UNION ALL with Spark's type
    // widening (inline tables widen per column).
    for (auto& row : cells) {
      std::vector<ExprPtr> out;
      for (size_t c = 0; c < n; ++c) out.push_back(Expr::alias(row[c], names[c]));
      auto one = LogicalPlan::project(oneRowRelation(), std::move(out));
      plan = plan ? widenedSetOperation(PlanKind::Union, plan, one, true, catalog_.options.ansi) : one;
    }
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
      plan = bindValues(ref.as<sql::ValuesTable>().rows, "", ref.column_aliases);
      break;
    case sql::TableRefKind::kJoin:
      plan = bindJoin(ref.as<sql::JoinTable>(), broadcast);
      break;
    case sql::TableRefKind::kFile: {
      const auto& f = ref.as<sql::FileTable>();
      if (!catalog_.read_files) unsupported("querying files directly in SQL (" + ref.toSql() + ")");
      plan = deduplicate(catalog_.read_files(f.format, f.path));
      break;
    }
    case sql::TableRefKind::kFunction: {
      const auto& f = ref.as<sql::FunctionTable>();
      if (!catalog_.table_function) unsupported("table-valued functions (" + ref.toSql() + ")");
      std::vector<Value> args;
      std::vector<std::pair<std::string, Value>> named;
      for (const auto& a : f.args) {
        const sql::Expr& value = a->is<sql::NamedArgument>() ? *a->as<sql::NamedArgument>().value : *a;
        auto v = resolver({}).resolve(translate(value, {}));
        if (v->kind() != ExprKind::Literal) {
          throw AnalysisException("TABLE_VALUED_FUNCTION_REQUIRED_METADATA_INCOMPATIBLE_WITH_CALL",
                                  "The arguments of table function " + sql::qualifiedNameToSql(f.name) +
                                      " must be literals, got " + a->toSql() + ".");
        }
        if (a->is<sql::NamedArgument>()) {
          named.emplace_back(a->as<sql::NamedArgument>().name, v->literal());
        } else if (!named.empty()) {
          throw AnalysisException("UNEXPECTED_POSITIONAL_ARGUMENT",
                                  "Cannot invoke routine " + quoteIdentifier(f.name.back()) +
                                      " because it contains positional argument(s) following the named argument "
                                      "assigned to " + quoteIdentifier(named.back().first) +
                                      "; please rearrange them so the positional arguments come first and then "
                                      "retry the query again.");
        } else {
          args.push_back(v->literal());
        }
      }
      plan = deduplicate(catalog_.table_function(toLower(f.name.back()), args, named));
      break;
    }
  }
  if (ref.kind != sql::TableRefKind::kJoin) {
    if (ref.kind != sql::TableRefKind::kValues) {
      plan = renameColumns(plan, ref.column_aliases, "the alias of " + (alias.empty() ? ref.toSql() : alias));
    }
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
    rejectMisplaced(cond, "a join condition", false);
    if (type == JoinType::Cross) type = JoinType::Inner;
  } else if (type == JoinType::Inner) {
    type = JoinType::Cross;  // JOIN without ON is a cross join in Spark
  }
  return LogicalPlan::join(left, right, type, cond);
}

}  // namespace loch::binder

// Runners for the view, configuration, cache and EXPLAIN statements.

#include "loch/api/sql_statements.h"

#include <regex>

#include "loch/api/spark_session.h"
#include "loch/common/exception.h"
#include "loch/common/format.h"

namespace loch {

namespace {

/// SHOW TABLES LIKE pattern: `*` matches anything and `|` separates
/// alternatives, case-insensitively (Spark's StringUtils.filterPattern).
bool matchesShowPattern(const std::string& name, const std::string& pattern) {
  std::string re;
  for (char c : pattern) {
    if (c == '*') {
      re += ".*";
    } else if (c == '|') {
      re += '|';
    } else if (std::isalnum(static_cast<unsigned char>(c)) || c == '_') {
      re += c;
    } else {
      re += '\\';
      re += c;
    }
  }
  return std::regex_match(name, std::regex("(" + re + ")", std::regex::icase));
}

std::string explainMode(sql::ExplainMode m) {
  switch (m) {
    case sql::ExplainMode::kSimple: return "simple";
    case sql::ExplainMode::kExtended: return "extended";
    case sql::ExplainMode::kFormatted: return "formatted";
    case sql::ExplainMode::kCodegen: return "codegen";
    case sql::ExplainMode::kCost: return "cost";
  }
  return "simple";
}

void uncacheView(SparkSession& session, const std::string& name) {
  auto plan = session.table(name).plan()->child(0);
  if (session.isCachedPlan(plan)) session.uncachePlan(plan);
}

}  // namespace

DataFrame runCreateView(const SqlContext& ctx, const sql::CreateViewStatement& v) {
  if (v.global) unsupportedStatement("global temporary views");
  std::string name = viewName(v.name);
  if (ctx.viewExists(name) && v.if_not_exists) return ctx.empty();
  if (ctx.session->catalog().contains(name)) {
    throw AnalysisException("TABLE_OR_VIEW_ALREADY_EXISTS",
                            "Cannot create table or view " + quoteIdentifier(name) +
                                " because it already exists as a table. Choose a different name, or drop the "
                                "table first.");
  }
  auto df = ctx.runQuery(*v.query);
  if (!v.columns.empty()) df = df.toDF(v.columns);
  // Permanent views are kept as temporary views: Loch has no catalog.
  ctx.session->registerTempView(name, df.plan(), v.or_replace);
  return ctx.empty();
}

DataFrame runDrop(const SqlContext& ctx, const sql::DropStatement& d) {
  SessionCatalog& tables = ctx.session->catalog();
  auto table = d.name.empty() ? std::nullopt : tables.lookup(tableName(d.name));
  if (table) {
    if (d.object == sql::DropObject::kView) {
      throw AnalysisException("WRONG_COMMAND_FOR_OBJECT_TYPE",
                              "The operation DROP VIEW requires a VIEW. But " + qualifiedTable(table->name) +
                                  " is a table. Use DROP TABLE instead.");
    }
    tables.drop(table->name);
    return ctx.empty();
  }
  std::string name = viewName(d.name);
  if (!ctx.viewExists(name)) {
    if (d.if_exists) return ctx.empty();
    ctx.session->table(name);  // throws TABLE_OR_VIEW_NOT_FOUND with Spark's message
  }
  uncacheView(*ctx.session, name);
  ctx.session->dropTempView(name);
  return ctx.empty();
}

DataFrame runShowTables(const SqlContext& ctx, const sql::ShowTablesStatement& s) {
  std::vector<std::vector<Value>> rows;
  for (const auto& n : ctx.session->tempViewNames()) {
    if (s.pattern && !matchesShowPattern(n, *s.pattern)) continue;
    bool is_table = ctx.session->catalog().contains(n);
    rows.push_back({Value::string(is_table ? "default" : ""), Value::string(n), Value::boolean(!is_table)});
  }
  std::vector<StructField> fields{StructField("namespace", StringType(), false),
                                  StructField("tableName", StringType(), false),
                                  StructField("isTemporary", BooleanType(), false)};
  return ctx.rows(rows, StructType(std::move(fields)));
}

DataFrame runExplain(const SqlContext& ctx, const sql::ExplainStatement& e) {
  if (e.statement->kind != sql::StatementKind::kQuery) unsupportedStatement("EXPLAIN of a non-query statement");
  auto df = ctx.runQuery(*e.statement->as<sql::QueryStatement>().query);
  return ctx.rows({{Value::string(df.explainString(explainMode(e.mode)))}}, stringSchema({"plan"}));
}

DataFrame runSet(const SqlContext& ctx, const sql::SetStatement& s) {
  RuntimeConfig& conf = ctx.session->conf();
  auto schema = stringSchema({"key", "value"});
  if (!s.key || *s.key == "-v") {
    std::vector<std::vector<Value>> rows;
    for (const auto& [k, v] : conf.all()) rows.push_back({Value::string(k), Value::string(v)});
    return ctx.rows(rows, schema);
  }
  if (s.value) {
    conf.set(*s.key, *s.value);
    return ctx.rows({{Value::string(*s.key), Value::string(*s.value)}}, schema);
  }
  auto v = conf.get(*s.key);
  return ctx.rows({{Value::string(*s.key), Value::string(v ? *v : "<undefined>")}}, schema);
}

DataFrame runReset(const SqlContext& ctx, const sql::ResetStatement& r) {
  if (!r.key) unsupportedStatement("RESET without a key");
  ctx.session->conf().unset(*r.key);
  return ctx.empty();
}

DataFrame runCacheTable(const SqlContext& ctx, const sql::CacheTableStatement& c) {
  std::string name = viewName(c.name);
  if (c.query) ctx.session->registerTempView(name, ctx.runQuery(*c.query).plan(), true);
  // The view's own plan is what later queries reference, so it is the
  // plan cached (computed at the first action: Loch caches lazily).
  ctx.session->cachePlan(ctx.session->table(name).plan()->child(0));
  return ctx.empty();
}

DataFrame runUncacheTable(const SqlContext& ctx, const sql::UncacheTableStatement& u) {
  std::string name = viewName(u.name);
  if (!ctx.viewExists(name) && u.if_exists) return ctx.empty();
  uncacheView(*ctx.session, name);
  return ctx.empty();
}

}  // namespace loch

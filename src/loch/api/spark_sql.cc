// SparkSession::sql: parses one statement, binds queries through the SQL
// binder (loch/binder) and runs the catalog / configuration statements.

#include <regex>

#include "loch/api/spark_session.h"
#include "loch/binder/binder.h"
#include "loch/common/exception.h"
#include "loch/common/format.h"
#include "loch/sql/parser.h"

namespace loch {

namespace {

[[noreturn]] void unsupportedStatement(const std::string& what) {
  throw AnalysisException("UNSUPPORTED_FEATURE", "The feature is not supported: " + what + ".");
}

std::string viewName(const std::vector<std::string>& name) {
  if (name.size() != 1) unsupportedStatement("multi-part names (" + sql::qualifiedNameToSql(name) + "); only temporary views exist");
  return name[0];
}

SchemaPtr stringSchema(const std::vector<std::string>& names) {
  std::vector<StructField> fields;
  for (const auto& n : names) fields.emplace_back(n, StringType(), true);
  return StructType(std::move(fields));
}

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

}  // namespace

DataFrame SparkSession::sql(const std::string& query) {
  auto self = shared_from_this();
  sql::StatementPtr stmt = sql::parseStatement(query);

  BinderCatalog catalog;
  catalog.options = AnalyzerOptions{caseSensitive(), ansi()};
  catalog.lookup_relation = [this](const std::vector<std::string>& name) -> LogicalPlanPtr {
    std::string n = name.size() == 1 ? name[0] : sql::qualifiedNameToSql(name);
    return table(n).plan()->child(0);  // the view's own plan, without its alias
  };
  catalog.read_files = [this](const std::string& format, const std::string& path) -> LogicalPlanPtr {
    std::string fmt = format;
    if (fmt.empty()) {
      for (const char* ext : {"parquet", "csv", "json"}) {
        std::string suffix = std::string(".") + ext;
        if (path.size() >= suffix.size() && equalsIgnoreCase(path.substr(path.size() - suffix.size()), suffix)) {
          fmt = ext;
        }
      }
      if (fmt.empty()) {
        throw AnalysisException("UNSUPPORTED_DATASOURCE_FOR_DIRECT_QUERY",
                                "Cannot infer the file format of '" + path +
                                    "'; write it as parquet.`path`, csv.`path` or json.`path`.");
      }
    }
    return read().format(fmt).load(path).plan();
  };
  catalog.table_function = [this](const std::string& name, const std::vector<Value>& args) -> LogicalPlanPtr {
    if (name != "range") {
      throw AnalysisException("UNRESOLVABLE_TABLE_VALUED_FUNCTION",
                              "Could not resolve " + quoteIdentifier(name) +
                                  " to a table-valued function. Loch supports range(end), range(start, end[, step]).");
    }
    std::vector<int64_t> ints;
    for (const auto& v : args) {
      if (v.isNull() || !v.type()->isIntegral()) {
        throw AnalysisException("DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE",
                                "range() takes integer arguments, got " + v.toString() + ".");
      }
      ints.push_back(v.getLong());
    }
    if (ints.empty() || ints.size() > 4) {
      throw AnalysisException("WRONG_NUM_ARGS.WITHOUT_SUGGESTION",
                              "The `range` requires 1 to 4 parameters but the actual number is " +
                                  std::to_string(ints.size()) + ".");
    }
    if (ints.size() >= 3 && ints[2] == 0) {
      throw AnalysisException("FAILED_FUNCTION_CALL", "range(): the step must not be 0.");
    }
    // range(end) | range(start, end) | range(start, end, step[, numPartitions])
    if (ints.size() == 1) return range(0, ints[0]).plan();
    return range(ints[0], ints[1], ints.size() >= 3 ? ints[2] : 1).plan();
  };
  auto empty = [&] { return createDataFrame(std::vector<RecordBatchPtr>{}, StructType({})); };
  auto rowsOf = [&](const std::vector<std::vector<Value>>& rows, const SchemaPtr& schema) {
    return createDataFrame(rows, schema);
  };
  auto describe = [&](const LogicalPlanPtr& plan) {
    std::vector<std::vector<Value>> rows;
    for (const auto& a : plan->output()) {
      rows.push_back({Value::string(a->name()), Value::string(a->type()->simpleString()), Value::null(StringType())});
    }
    return rowsOf(rows, stringSchema({"col_name", "data_type", "comment"}));
  };
  auto runQuery = [&](const sql::Query& q) { return DataFrame(self, bindQuery(q, catalog)); };

  switch (stmt->kind) {
    case sql::StatementKind::kQuery:
      return runQuery(*stmt->as<sql::QueryStatement>().query);
    case sql::StatementKind::kCreateView: {
      const auto& v = stmt->as<sql::CreateViewStatement>();
      if (v.global) unsupportedStatement("global temporary views");
      std::string name = viewName(v.name);
      bool exists = false;
      for (const auto& n : tempViewNames()) exists = exists || equalsIgnoreCase(n, name);
      if (exists && v.if_not_exists) return empty();
      auto df = runQuery(*v.query);
      if (!v.columns.empty()) df = df.toDF(v.columns);
      // Permanent views are kept as temporary views: Loch has no catalog.
      registerTempView(name, df.plan(), v.or_replace);
      return empty();
    }
    case sql::StatementKind::kDrop: {
      const auto& d = stmt->as<sql::DropStatement>();
      std::string name = viewName(d.name);
      bool exists = false;
      for (const auto& n : tempViewNames()) exists = exists || equalsIgnoreCase(n, name);
      if (!exists) {
        if (d.if_exists) return empty();
        table(name);  // throws TABLE_OR_VIEW_NOT_FOUND with Spark's message
      }
      auto plan = table(name).plan()->child(0);
      if (isCachedPlan(plan)) uncachePlan(plan);
      dropTempView(name);
      return empty();
    }
    case sql::StatementKind::kShowTables: {
      const auto& s = stmt->as<sql::ShowTablesStatement>();
      std::vector<std::vector<Value>> rows;
      for (const auto& n : tempViewNames()) {
        if (s.pattern && !matchesShowPattern(n, *s.pattern)) continue;
        rows.push_back({Value::string(""), Value::string(n), Value::boolean(true)});
      }
      std::vector<StructField> fields{StructField("namespace", StringType(), false),
                                      StructField("tableName", StringType(), false),
                                      StructField("isTemporary", BooleanType(), false)};
      return rowsOf(rows, StructType(std::move(fields)));
    }
    case sql::StatementKind::kDescribeTable: {
      const auto& d = stmt->as<sql::DescribeTableStatement>();
      if (!d.column.empty()) unsupportedStatement("DESCRIBE of a single column");
      return describe(table(viewName(d.name)).plan());
    }
    case sql::StatementKind::kDescribeQuery:
      return describe(runQuery(*stmt->as<sql::DescribeQueryStatement>().query).plan());
    case sql::StatementKind::kExplain: {
      const auto& e = stmt->as<sql::ExplainStatement>();
      if (e.statement->kind != sql::StatementKind::kQuery) unsupportedStatement("EXPLAIN of a non-query statement");
      auto df = runQuery(*e.statement->as<sql::QueryStatement>().query);
      return rowsOf({{Value::string(df.explainString(explainMode(e.mode)))}}, stringSchema({"plan"}));
    }
    case sql::StatementKind::kSet: {
      const auto& s = stmt->as<sql::SetStatement>();
      auto schema = stringSchema({"key", "value"});
      if (!s.key || *s.key == "-v") {
        std::vector<std::vector<Value>> rows;
        for (const auto& [k, v] : conf().all()) rows.push_back({Value::string(k), Value::string(v)});
        return rowsOf(rows, schema);
      }
      if (s.value) {
        conf().set(*s.key, *s.value);
        return rowsOf({{Value::string(*s.key), Value::string(*s.value)}}, schema);
      }
      auto v = conf().get(*s.key);
      return rowsOf({{Value::string(*s.key), Value::string(v ? *v : "<undefined>")}}, schema);
    }
    case sql::StatementKind::kReset: {
      const auto& r = stmt->as<sql::ResetStatement>();
      if (!r.key) unsupportedStatement("RESET without a key");
      conf().unset(*r.key);
      return empty();
    }
    case sql::StatementKind::kCacheTable: {
      const auto& c = stmt->as<sql::CacheTableStatement>();
      std::string name = viewName(c.name);
      if (c.query) registerTempView(name, runQuery(*c.query).plan(), true);
      // The view's own plan is what later queries reference, so it is the
      // plan cached (computed at the first action: Loch caches lazily).
      cachePlan(table(name).plan()->child(0));
      return empty();
    }
    case sql::StatementKind::kUncacheTable: {
      const auto& u = stmt->as<sql::UncacheTableStatement>();
      std::string name = viewName(u.name);
      bool exists = false;
      for (const auto& n : tempViewNames()) exists = exists || equalsIgnoreCase(n, name);
      if (!exists && u.if_exists) return empty();
      auto plan = table(name).plan()->child(0);
      if (isCachedPlan(plan)) uncachePlan(plan);
      return empty();
    }
    case sql::StatementKind::kUse:
    case sql::StatementKind::kCreateTable:
    case sql::StatementKind::kInsert:
      unsupportedStatement("USE / CREATE TABLE / INSERT (Loch has no persistent catalog)");
  }
  unsupportedStatement("this statement");
}

}  // namespace loch

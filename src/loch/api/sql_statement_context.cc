#include "loch/api/sql_statement_context.h"

#include "loch/api/spark_session.h"
#include "loch/common/exception.h"
#include "loch/common/format.h"
#include "loch/types/schema.h"

namespace loch {

DataFrame SqlContext::runQuery(const sql::Query& query) const { return DataFrame(session, bindQuery(query, binder)); }

DataFrame SqlContext::empty() const { return session->createDataFrame(std::vector<RecordBatchPtr>{}, StructType({})); }

DataFrame SqlContext::rows(const std::vector<std::vector<Value>>& rows, const SchemaPtr& schema) const {
  return session->createDataFrame(rows, schema);
}

DataFrame SqlContext::describe(const LogicalPlanPtr& plan) const {
  std::vector<std::vector<Value>> out;
  for (const auto& a : plan->output()) {
    out.push_back({Value::string(a->name()), Value::string(a->type()->simpleString()), Value::null(StringType())});
  }
  return rows(out, stringSchema({"col_name", "data_type", "comment"}));
}

bool SqlContext::viewExists(const std::string& name) const {
  for (const auto& n : session->tempViewNames()) {
    if (equalsIgnoreCase(n, name)) return true;
  }
  return false;
}

void unsupportedStatement(const std::string& what) {
  throw AnalysisException("UNSUPPORTED_FEATURE", "The feature is not supported: " + what + ".");
}

std::string tableName(const std::vector<std::string>& name) {
  size_t n = name.size();
  bool ok = n == 1 || (n == 2 && equalsIgnoreCase(name[0], "default")) ||
            (n == 3 && equalsIgnoreCase(name[0], "spark_catalog") && equalsIgnoreCase(name[1], "default"));
  if (!ok) unsupportedStatement("multi-part table names (" + sql::qualifiedNameToSql(name) + ")");
  return name.back();
}

std::string viewName(const std::vector<std::string>& name) {
  if (name.size() != 1) unsupportedStatement("multi-part names (" + sql::qualifiedNameToSql(name) + "); only temporary views exist");
  return name[0];
}

std::string qualifiedTable(const std::string& name) { return "`spark_catalog`.`default`." + quoteIdentifier(name); }

std::string columnList(const std::vector<std::string>& names) {
  std::vector<std::string> q;
  for (const auto& n : names) q.push_back(quoteIdentifier(n));
  return join(q, ", ");
}

SchemaPtr stringSchema(const std::vector<std::string>& names) {
  std::vector<StructField> fields;
  for (const auto& n : names) fields.emplace_back(n, StringType(), true);
  return StructType(std::move(fields));
}

}  // namespace loch

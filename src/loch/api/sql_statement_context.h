#pragma once
// What the SQL statement runners (sql_statements.h) share: the session, its
// binder catalog, and the naming and result helpers of Spark's statements.

#include <memory>
#include <string>
#include <vector>

#include "loch/api/data_frame.h"
#include "loch/binder/binder.h"
#include "loch/sql/parser.h"

namespace loch {

class SparkSession;

/// One statement's session and the binder's view of it.
struct SqlContext {
  std::shared_ptr<SparkSession> session;
  BinderCatalog binder;

  /// The bound query as a DataFrame. @throws AnalysisException from binding.
  DataFrame runQuery(const sql::Query& query) const;
  /// The zero-column, zero-row result of a command (CREATE / DROP / ...).
  DataFrame empty() const;
  /// A result of `rows` with `schema`.
  DataFrame rows(const std::vector<std::vector<Value>>& rows, const SchemaPtr& schema) const;
  /// DESCRIBE's rows (col_name, data_type, comment) for `plan`'s output.
  DataFrame describe(const LogicalPlanPtr& plan) const;
  /// True when a temporary view `name` (any case) exists.
  bool viewExists(const std::string& name) const;
};

/// @throws AnalysisException UNSUPPORTED_FEATURE "The feature is not
///         supported: <what>."
[[noreturn]] void unsupportedStatement(const std::string& what);
/// The table name of `name`; `default.t` and `spark_catalog.default.t` name
/// the one database. @throws AnalysisException UNSUPPORTED_FEATURE otherwise.
std::string tableName(const std::vector<std::string>& name);
/// A temporary view's one-part name.
/// @throws AnalysisException UNSUPPORTED_FEATURE for multi-part names.
std::string viewName(const std::vector<std::string>& name);
/// `spark_catalog`.`default`.`name`, as Spark's messages name a table.
std::string qualifiedTable(const std::string& name);
/// `a`, `b`: quoted names joined for messages.
std::string columnList(const std::vector<std::string>& names);
/// A schema of nullable STRING columns `names`.
SchemaPtr stringSchema(const std::vector<std::string>& names);

}  // namespace loch

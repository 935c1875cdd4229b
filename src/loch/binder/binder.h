#pragma once
// The SQL binder: turns the parser's AST (loch/sql/ast.h) into resolved
// logical plans, using the same plan constructors and analyzer functions as
// the DataFrame API so that SQL and DataFrames build identical plans
// (Spark's Analyzer over an unresolved SQL plan).
//
// The binder knows nothing about sessions: relations are looked up through
// BinderCatalog, and statements other than queries are executed by
// SparkSession::sql (api/spark_sql.cc).

#include <functional>
#include <string>
#include <vector>

#include "loch/plan/analyzer.h"
#include "loch/plan/logical_plan.h"
#include "loch/sql/ast.h"

namespace loch {

/// What the binder needs from the session.
struct BinderCatalog {
  /// The plan of a temporary view / table called `name` (multi-part as
  /// written), without SubqueryAlias; the binder adds the alias.
  /// @throws AnalysisException TABLE_OR_VIEW_NOT_FOUND naming the table.
  std::function<LogicalPlanPtr(const std::vector<std::string>& name)> lookup_relation;
  /// A scan of the files at `path` for `parquet.\`path\`` (format
  /// lower-case) or a bare `'path'` (format empty: inferred from the
  /// extension). Null: querying files is not supported.
  std::function<LogicalPlanPtr(const std::string& format, const std::string& path)> read_files;
  /// A table-valued function call such as `range(1, 10)` or
  /// `read_csv('f.csv', header => true)`: lower-case name, its positional
  /// constant arguments and its named ones (`key => value`, in order). Null:
  /// table functions are not supported.
  /// @throws AnalysisException UNRESOLVABLE_TABLE_VALUED_FUNCTION for an
  ///         unknown name.
  std::function<LogicalPlanPtr(const std::string& name, const std::vector<Value>& args,
                               const std::vector<std::pair<std::string, Value>>& named_args)>
      table_function;
  AnalyzerOptions options;
};

/// Binds one query (WITH / SELECT / VALUES / TABLE / set operations, ORDER
/// BY, LIMIT, OFFSET) to a resolved logical plan.
/// @throws AnalysisException: TABLE_OR_VIEW_NOT_FOUND,
///         UNRESOLVED_COLUMN.WITH_SUGGESTION, AMBIGUOUS_REFERENCE,
///         MISSING_AGGREGATION, NUM_COLUMNS_MISMATCH, DATATYPE_MISMATCH.*,
///         UNSUPPORTED_FEATURE.* for syntax the engine does not run yet
///         (windows, GROUPING SETS, PIVOT, LATERAL VIEW, correlated scalar
///         subqueries, ...).
LogicalPlanPtr bindQuery(const sql::Query& query, const BinderCatalog& catalog);

/// An AST expression as an unresolved loch expression (UnresolvedColumn,
/// UnresolvedFunction, Cast, CaseWhen, ...) ready for
/// ExpressionResolver::resolve — what functions::expr("...") needs.
/// Operators become function calls under Spark's names ("+", "=", "and").
/// @throws AnalysisException UNSUPPORTED_SUBQUERY_EXPRESSION_CATEGORY for a
///         subquery (they are bound by bindQuery only), UNSUPPORTED_FEATURE
///         for lambdas, windows and other unsupported forms.
ExprPtr translateExpression(const sql::Expr& expr);

/// Parses `text` as a Spark SQL expression (optionally "expr AS name") and
/// translates it (Spark's functions.expr).
/// @throws ParseException PARSE_SYNTAX_ERROR; as translateExpression.
ExprPtr parseSqlExpression(const std::string& text);

/// Parses one select-list entry as DataFrame.selectExpr does ("a + 1 AS b",
/// "count(*) c", "*", "t.*"): an Alias when named (unaliased expressions
/// other than plain columns are named as Spark writes them, "(a + 1)"), a
/// Star for stars.
/// @throws ParseException PARSE_SYNTAX_ERROR; as translateExpression.
ExprPtr parseSqlSelectItem(const std::string& text);

/// The engine type for a SQL type name (CAST targets, DDL).
/// @throws AnalysisException UNSUPPORTED_DATATYPE for an unknown name.
DataTypePtr bindTypeName(const sql::TypeName& type);

}  // namespace loch

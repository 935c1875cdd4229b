#pragma once
// One runner per Spark SQL statement kind, called by SparkSession::sql
// (spark_sql.cc) after parsing. Each returns the statement's result: Spark's
// result rows, or an empty DataFrame for commands.

#include "loch/api/sql_statement_context.h"

namespace loch {

// ---- views, configuration, cache, EXPLAIN (sql_statements.cc) -------------------

/// CREATE [OR REPLACE] [GLOBAL] TEMPORARY VIEW / CREATE VIEW (kept as a
/// temporary view). @throws AnalysisException TABLE_OR_VIEW_ALREADY_EXISTS
/// (a table of that name exists, or the view without OR REPLACE),
/// UNSUPPORTED_FEATURE for global views / multi-part names.
DataFrame runCreateView(const SqlContext& ctx, const sql::CreateViewStatement& stmt);
/// DROP TABLE / DROP VIEW [IF EXISTS]. @throws AnalysisException
/// WRONG_COMMAND_FOR_OBJECT_TYPE (DROP VIEW of a table),
/// TABLE_OR_VIEW_NOT_FOUND.
DataFrame runDrop(const SqlContext& ctx, const sql::DropStatement& stmt);
/// SHOW TABLES [LIKE pattern]: rows (namespace, tableName, isTemporary).
DataFrame runShowTables(const SqlContext& ctx, const sql::ShowTablesStatement& stmt);
/// EXPLAIN [mode] query: one row, column `plan`.
/// @throws AnalysisException UNSUPPORTED_FEATURE for non-query statements.
DataFrame runExplain(const SqlContext& ctx, const sql::ExplainStatement& stmt);
/// SET / SET key / SET key=value: rows (key, value).
DataFrame runSet(const SqlContext& ctx, const sql::SetStatement& stmt);
/// RESET key. @throws AnalysisException UNSUPPORTED_FEATURE without a key.
DataFrame runReset(const SqlContext& ctx, const sql::ResetStatement& stmt);
/// CACHE TABLE name [AS query] (lazy: computed at the first action).
DataFrame runCacheTable(const SqlContext& ctx, const sql::CacheTableStatement& stmt);
/// UNCACHE TABLE [IF EXISTS] name. @throws AnalysisException
/// TABLE_OR_VIEW_NOT_FOUND.
DataFrame runUncacheTable(const SqlContext& ctx, const sql::UncacheTableStatement& stmt);

// ---- CREATE TABLE tables (sql_table_statements.cc) ------------------------------

/// CREATE [OR REPLACE] TABLE [IF NOT EXISTS] name (cols) | AS query |
/// LOCATION path, USING parquet/csv/json, PARTITIONED BY, OPTIONS.
/// @throws AnalysisException TABLE_OR_VIEW_ALREADY_EXISTS, OPERATION_NOT_ALLOWED
/// (CTAS with a schema), UNSUPPORTED_DATA_SOURCE_FOR_TABLE,
/// COLUMN_NOT_DEFINED_IN_TABLE (partition column), UNSUPPORTED_OVERWRITE.TABLE,
/// LOCATION_ALREADY_EXISTS, UNSUPPORTED_FEATURE.
DataFrame runCreateTable(const SqlContext& ctx, const sql::CreateTableStatement& stmt);
/// INSERT INTO / OVERWRITE table [(cols)] query, with Spark's ANSI store
/// assignment. @throws AnalysisException INSERT_COLUMN_ARITY_MISMATCH.*,
/// UNRESOLVED_COLUMN.WITH_SUGGESTION, COLUMN_ALREADY_EXISTS,
/// INCOMPATIBLE_DATA_FOR_TABLE.CANNOT_SAFELY_CAST, UNSUPPORTED_OVERWRITE.TABLE,
/// TABLE_OR_VIEW_NOT_FOUND, UNSUPPORTED_FEATURE.
DataFrame runInsert(const SqlContext& ctx, const sql::InsertStatement& stmt);
/// DESCRIBE [EXTENDED|FORMATTED] table or view: rows (col_name, data_type,
/// comment) in Spark's layout. @throws AnalysisException
/// TABLE_OR_VIEW_NOT_FOUND, UNSUPPORTED_FEATURE (single column).
DataFrame runDescribeTable(const SqlContext& ctx, const sql::DescribeTableStatement& stmt);

}  // namespace loch

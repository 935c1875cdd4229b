// SparkSession::sql: parses one statement and dispatches on its kind.
// Queries are bound by the SQL binder (loch/binder) over the session's
// BinderCatalog (sql_binder_catalog.h); the other statements are run by
// sql_statements.h.

#include "loch/api/spark_session.h"
#include "loch/api/sql_binder_catalog.h"
#include "loch/api/sql_statements.h"
#include "loch/sql/parser.h"

namespace loch {

DataFrame SparkSession::sql(const std::string& query) {
  auto self = shared_from_this();
  sql::StatementPtr stmt = sql::parseStatement(query);
  const SqlContext ctx{std::move(self), makeBinderCatalog(*this)};
  switch (stmt->kind) {
    case sql::StatementKind::kQuery:
      return ctx.runQuery(*stmt->as<sql::QueryStatement>().query);
    case sql::StatementKind::kCreateView:
      return runCreateView(ctx, stmt->as<sql::CreateViewStatement>());
    case sql::StatementKind::kDrop:
      return runDrop(ctx, stmt->as<sql::DropStatement>());
    case sql::StatementKind::kShowTables:
      return runShowTables(ctx, stmt->as<sql::ShowTablesStatement>());
    case sql::StatementKind::kDescribeTable:
      return runDescribeTable(ctx, stmt->as<sql::DescribeTableStatement>());
    case sql::StatementKind::kDescribeQuery:
      return ctx.describe(ctx.runQuery(*stmt->as<sql::DescribeQueryStatement>().query).plan());
    case sql::StatementKind::kExplain:
      return runExplain(ctx, stmt->as<sql::ExplainStatement>());
    case sql::StatementKind::kSet:
      return runSet(ctx, stmt->as<sql::SetStatement>());
    case sql::StatementKind::kReset:
      return runReset(ctx, stmt->as<sql::ResetStatement>());
    case sql::StatementKind::kCacheTable:
      return runCacheTable(ctx, stmt->as<sql::CacheTableStatement>());
    case sql::StatementKind::kUncacheTable:
      return runUncacheTable(ctx, stmt->as<sql::UncacheTableStatement>());
    case sql::StatementKind::kCreateTable:
      return runCreateTable(ctx, stmt->as<sql::CreateTableStatement>());
    case sql::StatementKind::kInsert:
      return runInsert(ctx, stmt->as<sql::InsertStatement>());
    case sql::StatementKind::kUse:
      unsupportedStatement("USE (Loch has one database, `default`)");
  }
  unsupportedStatement("this statement");
}

}  // namespace loch

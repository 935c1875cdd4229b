// Statements and scripts.

#include <gtest/gtest.h>

#include "sql/test_util.h"

namespace loch::sql {
namespace {

template <class T>
const T& as(const StatementPtr& s) {
  EXPECT_EQ(s->kind, T::kKind);
  return s->as<T>();
}

TEST(StatementTest, QueryStatement) {
  auto s = parseStatement("SELECT 1;");
  const auto& q = as<QueryStatement>(s);
  EXPECT_EQ(q.query->toSql(), "SELECT 1");
  EXPECT_EQ(s->source_text, "SELECT 1");
}

TEST(StatementTest, ScriptWithSeveralStatements) {
  auto list = parseStatements(
      "SET x = 1; CREATE TEMP VIEW v AS SELECT 1 AS a;;\n"
      "-- comment\nSELECT * FROM v;");
  ASSERT_EQ(list.size(), 3u);
  EXPECT_EQ(list[0]->kind, StatementKind::kSet);
  EXPECT_EQ(list[1]->kind, StatementKind::kCreateView);
  EXPECT_EQ(list[2]->kind, StatementKind::kQuery);
  EXPECT_EQ(list[2]->pos.line, 3);
  EXPECT_EQ(list[1]->source_text, "CREATE TEMP VIEW v AS SELECT 1 AS a");
  EXPECT_TRUE(parseStatements("  -- only a comment\n").empty());
}

TEST(StatementTest, CreateTempView) {
  auto s = parseStatement(
      "CREATE OR REPLACE GLOBAL TEMPORARY VIEW IF NOT EXISTS v (x, y) AS "
      "SELECT a, b FROM t");
  const auto& v = as<CreateViewStatement>(s);
  EXPECT_TRUE(v.or_replace);
  EXPECT_TRUE(v.global);
  EXPECT_TRUE(v.temporary);
  EXPECT_TRUE(v.if_not_exists);
  EXPECT_EQ(v.name, (std::vector<std::string>{"v"}));
  EXPECT_EQ(v.columns, (std::vector<std::string>{"x", "y"}));
  EXPECT_EQ(v.query_text, "SELECT a, b FROM t");
  auto plain = parseStatement("create temp view v as select 1");
  EXPECT_FALSE(as<CreateViewStatement>(plain).global);
  auto perm = parseStatement("CREATE VIEW db.v AS SELECT 1");
  EXPECT_FALSE(as<CreateViewStatement>(perm).temporary);
}

TEST(StatementTest, CreateTableWithColumns) {
  auto s = parseStatement(
      "CREATE TABLE IF NOT EXISTS db.t (id BIGINT NOT NULL, name STRING "
      "COMMENT 'the name', tags ARRAY<STRING>, price DECIMAL(10,2)) USING "
      "parquet OPTIONS (compression 'snappy', 'a.b' = 1, x.y true) "
      "PARTITIONED BY (name) LOCATION '/tmp/t' COMMENT 'tbl'");
  const auto& t = as<CreateTableStatement>(s);
  EXPECT_TRUE(t.if_not_exists);
  EXPECT_EQ(t.name, (std::vector<std::string>{"db", "t"}));
  ASSERT_EQ(t.columns.size(), 4u);
  EXPECT_EQ(t.columns[0].type.name, "bigint");
  EXPECT_TRUE(t.columns[0].not_null);
  EXPECT_EQ(t.columns[1].comment, "the name");
  EXPECT_EQ(t.columns[2].type.toString(), "ARRAY<STRING>");
  EXPECT_EQ(t.columns[3].type.params, (std::vector<int>{10, 2}));
  EXPECT_EQ(t.provider, "parquet");
  ASSERT_EQ(t.options.size(), 3u);
  EXPECT_EQ(t.options[0].key, "compression");
  EXPECT_EQ(t.options[0].value, "snappy");
  EXPECT_EQ(t.options[1].key, "a.b");
  EXPECT_EQ(t.options[1].value, "1");
  EXPECT_EQ(t.options[2].key, "x.y");
  EXPECT_EQ(t.options[2].value, "true");
  EXPECT_EQ(t.partition_by, (std::vector<std::string>{"name"}));
  EXPECT_EQ(*t.location, "/tmp/t");
  EXPECT_EQ(*t.comment, "tbl");
  EXPECT_EQ(t.query, nullptr);
}

TEST(StatementTest, CreateTableAsSelect) {
  auto s = parseStatement(
      "CREATE OR REPLACE TABLE t USING csv AS SELECT * FROM src");
  const auto& t = as<CreateTableStatement>(s);
  EXPECT_TRUE(t.or_replace);
  EXPECT_EQ(t.provider, "csv");
  ASSERT_NE(t.query, nullptr);
  EXPECT_EQ(t.query->toSql(), "SELECT * FROM src");
  auto no_using = parseStatement("CREATE TABLE t AS SELECT 1");
  EXPECT_NE(as<CreateTableStatement>(no_using).query, nullptr);
}

TEST(StatementTest, InsertInto) {
  auto s = parseStatement("INSERT INTO TABLE db.t (a, b) SELECT x, y FROM u");
  const auto& i = as<InsertStatement>(s);
  EXPECT_FALSE(i.overwrite);
  EXPECT_EQ(i.table, (std::vector<std::string>{"db", "t"}));
  EXPECT_EQ(i.columns, (std::vector<std::string>{"a", "b"}));
  EXPECT_EQ(i.query->toSql(), "SELECT x, y FROM u");
  auto values = parseStatement("INSERT INTO t VALUES (1, 'a'), (2, 'b')");
  const auto& iv = as<InsertStatement>(values);
  EXPECT_EQ(iv.query->body->kind, QueryBodyKind::kValues);
  EXPECT_EQ(iv.query->body->as<ValuesBody>().rows.size(), 2u);
}

TEST(StatementTest, InsertOverwritePartition) {
  auto s = parseStatement(
      "INSERT OVERWRITE TABLE t PARTITION (dt = '2024-01-01', hr) SELECT * "
      "FROM u");
  const auto& i = as<InsertStatement>(s);
  EXPECT_TRUE(i.overwrite);
  ASSERT_EQ(i.partition.size(), 2u);
  EXPECT_EQ(i.partition[0].column, "dt");
  EXPECT_EQ(i.partition[0].value->toSql(), "'2024-01-01'");
  EXPECT_EQ(i.partition[1].value, nullptr);
  auto paren = parseStatement("INSERT INTO t (SELECT 1)");
  EXPECT_TRUE(as<InsertStatement>(paren).columns.empty());
}

TEST(StatementTest, Drop) {
  auto s = parseStatement("DROP TABLE IF EXISTS db.t");
  const auto& d = as<DropStatement>(s);
  EXPECT_EQ(d.object, DropObject::kTable);
  EXPECT_TRUE(d.if_exists);
  EXPECT_EQ(d.name, (std::vector<std::string>{"db", "t"}));
  auto v = parseStatement("drop view v");
  EXPECT_EQ(as<DropStatement>(v).object, DropObject::kView);
  EXPECT_FALSE(as<DropStatement>(v).if_exists);
}

TEST(StatementTest, ShowTables) {
  auto s = parseStatement("SHOW TABLES");
  EXPECT_TRUE(as<ShowTablesStatement>(s).database.empty());
  auto in = parseStatement("SHOW TABLES IN db LIKE 'ev*'");
  const auto& st = as<ShowTablesStatement>(in);
  EXPECT_EQ(st.database, (std::vector<std::string>{"db"}));
  EXPECT_EQ(*st.pattern, "ev*");
  auto bare = parseStatement("SHOW TABLES FROM db 'x*'");
  EXPECT_EQ(*as<ShowTablesStatement>(bare).pattern, "x*");
}

TEST(StatementTest, Describe) {
  auto s = parseStatement("DESCRIBE TABLE EXTENDED db.t");
  const auto& d = as<DescribeTableStatement>(s);
  EXPECT_EQ(d.mode, DescribeMode::kExtended);
  EXPECT_EQ(d.name, (std::vector<std::string>{"db", "t"}));
  auto f = parseStatement("DESC FORMATTED t");
  EXPECT_EQ(as<DescribeTableStatement>(f).mode, DescribeMode::kFormatted);
  auto plain = parseStatement("desc t");
  EXPECT_EQ(as<DescribeTableStatement>(plain).mode, DescribeMode::kDefault);
  auto col = parseStatement("DESCRIBE t a");
  EXPECT_EQ(as<DescribeTableStatement>(col).column,
            (std::vector<std::string>{"a"}));
  auto q = parseStatement("DESCRIBE QUERY SELECT 1 AS x");
  EXPECT_EQ(as<DescribeQueryStatement>(q).query->toSql(), "SELECT 1 AS x");
  auto q2 = parseStatement("DESC SELECT 1");
  EXPECT_EQ(q2->kind, StatementKind::kDescribeQuery);
}

TEST(StatementTest, Explain) {
  auto s = parseStatement("EXPLAIN SELECT 1");
  const auto& e = as<ExplainStatement>(s);
  EXPECT_EQ(e.mode, ExplainMode::kSimple);
  EXPECT_EQ(e.statement->kind, StatementKind::kQuery);
  const std::pair<const char*, ExplainMode> modes[] = {
      {"EXTENDED", ExplainMode::kExtended},
      {"FORMATTED", ExplainMode::kFormatted},
      {"CODEGEN", ExplainMode::kCodegen},
      {"COST", ExplainMode::kCost}};
  for (const auto& [word, mode] : modes) {
    auto st = parseStatement(std::string("EXPLAIN ") + word + " SELECT 1");
    EXPECT_EQ(as<ExplainStatement>(st).mode, mode) << word;
  }
  auto ins = parseStatement("EXPLAIN INSERT INTO t SELECT 1");
  EXPECT_EQ(as<ExplainStatement>(ins).statement->kind, StatementKind::kInsert);
}

TEST(StatementTest, SetAndReset) {
  auto kv = parseStatement("SET spark.sql.shuffle.partitions = 8");
  const auto& s = as<SetStatement>(kv);
  EXPECT_EQ(*s.key, "spark.sql.shuffle.partitions");
  EXPECT_EQ(*s.value, "8");
  auto compact = parseStatement("SET loch.memory.limit=4GB");
  EXPECT_EQ(*as<SetStatement>(compact).key, "loch.memory.limit");
  EXPECT_EQ(*as<SetStatement>(compact).value, "4GB");
  auto quoted = parseStatement("SET a.b = 'x y'");
  EXPECT_EQ(*as<SetStatement>(quoted).value, "'x y'");
  auto key_only = parseStatement("SET spark.sql.ansi.enabled");
  EXPECT_EQ(*as<SetStatement>(key_only).key, "spark.sql.ansi.enabled");
  EXPECT_FALSE(as<SetStatement>(key_only).value.has_value());
  auto all = parseStatement("SET");
  EXPECT_FALSE(as<SetStatement>(all).key.has_value());
  auto reset = parseStatement("RESET");
  EXPECT_FALSE(as<ResetStatement>(reset).key.has_value());
  auto reset_key = parseStatement("RESET spark.sql.x");
  EXPECT_EQ(*as<ResetStatement>(reset_key).key, "spark.sql.x");
  auto script = parseStatements("SET a=1; SET b=2");
  ASSERT_EQ(script.size(), 2u);
  EXPECT_EQ(*script[0]->as<SetStatement>().value, "1");
}

TEST(StatementTest, CacheAndUncache) {
  auto c = parseStatement("CACHE LAZY TABLE t AS SELECT * FROM u");
  const auto& cache = as<CacheTableStatement>(c);
  EXPECT_TRUE(cache.lazy);
  EXPECT_EQ(cache.name, (std::vector<std::string>{"t"}));
  ASSERT_NE(cache.query, nullptr);
  auto plain = parseStatement("CACHE TABLE db.t");
  EXPECT_FALSE(as<CacheTableStatement>(plain).lazy);
  EXPECT_EQ(as<CacheTableStatement>(plain).query, nullptr);
  auto u = parseStatement("UNCACHE TABLE IF EXISTS t");
  EXPECT_TRUE(as<UncacheTableStatement>(u).if_exists);
}

TEST(StatementTest, Use) {
  auto u = parseStatement("USE db1");
  EXPECT_EQ(as<UseStatement>(u).name, (std::vector<std::string>{"db1"}));
  auto d = parseStatement("USE DATABASE db2");
  EXPECT_EQ(as<UseStatement>(d).name, (std::vector<std::string>{"db2"}));
}

TEST(StatementTest, SelectItemEntryPoint) {
  auto item = parseSelectItem("a + 1 AS b");
  EXPECT_EQ(*item.alias, "b");
  EXPECT_EQ(item.expr->toString(), "(a + 1)");
  auto implicit = parseSelectItem("count(*) c");
  EXPECT_EQ(*implicit.alias, "c");
  EXPECT_EQ(implicit.source_text, "count(*)");
  EXPECT_FALSE(parseSelectItem("x").alias.has_value());
}

TEST(StatementTest, MultipartIdentifierEntryPoint) {
  EXPECT_EQ(parseMultipartIdentifier("db.`my table`"),
            (std::vector<std::string>{"db", "my table"}));
}

}  // namespace
}  // namespace loch::sql

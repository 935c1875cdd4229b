// FROM-clause relations: joins, derived tables, VALUES, files, table-valued
// functions, TABLESAMPLE and aliases.

#include <gtest/gtest.h>

#include "sql/test_util.h"

namespace loch::sql {
namespace {

using testing::selectOf;

const TableRef& firstFrom(const QueryPtr& q) { return *selectOf(*q).from[0]; }

TEST(RelationTest, QualifiedTableNameWithAlias) {
  auto q = parseQuery("SELECT * FROM db.events AS e");
  const auto& t = firstFrom(q).as<NamedTable>();
  EXPECT_EQ(t.name, (std::vector<std::string>{"db", "events"}));
  EXPECT_EQ(t.alias, "e");
  auto implicit = parseQuery("SELECT * FROM events ev WHERE 1 = 1");
  EXPECT_EQ(firstFrom(implicit).alias, "ev");
}

TEST(RelationTest, CommaJoins) {
  auto q = parseQuery("SELECT * FROM a, b x, c");
  const auto& s = selectOf(*q);
  ASSERT_EQ(s.from.size(), 3u);
  EXPECT_EQ(s.from[1]->alias, "x");
}

TEST(RelationTest, AllJoinTypes) {
  struct Case {
    const char* sql;
    JoinType type;
  };
  const Case cases[] = {
      {"a JOIN b ON a.x = b.x", JoinType::kInner},
      {"a INNER JOIN b ON a.x = b.x", JoinType::kInner},
      {"a LEFT JOIN b ON a.x = b.x", JoinType::kLeft},
      {"a LEFT OUTER JOIN b ON a.x = b.x", JoinType::kLeft},
      {"a RIGHT JOIN b ON a.x = b.x", JoinType::kRight},
      {"a RIGHT OUTER JOIN b ON a.x = b.x", JoinType::kRight},
      {"a FULL JOIN b ON a.x = b.x", JoinType::kFull},
      {"a FULL OUTER JOIN b ON a.x = b.x", JoinType::kFull},
      {"a LEFT SEMI JOIN b ON a.x = b.x", JoinType::kLeftSemi},
      {"a LEFT ANTI JOIN b ON a.x = b.x", JoinType::kLeftAnti},
      {"a SEMI JOIN b ON a.x = b.x", JoinType::kLeftSemi},
      {"a ANTI JOIN b ON a.x = b.x", JoinType::kLeftAnti},
      {"a CROSS JOIN b", JoinType::kCross},
  };
  for (const Case& c : cases) {
    auto q = parseQuery(std::string("SELECT * FROM ") + c.sql);
    const auto& join = firstFrom(q).as<JoinTable>();
    EXPECT_EQ(join.join_type, c.type) << c.sql;
    EXPECT_EQ(join.left->as<NamedTable>().name[0], "a");
    EXPECT_EQ(join.right->as<NamedTable>().name[0], "b");
  }
}

TEST(RelationTest, NaturalJoinAndUsing) {
  auto q = parseQuery("SELECT * FROM a NATURAL LEFT JOIN b");
  const auto& j = firstFrom(q).as<JoinTable>();
  EXPECT_TRUE(j.natural);
  EXPECT_EQ(j.join_type, JoinType::kLeft);
  auto u = parseQuery("SELECT * FROM a JOIN b USING (x, y)");
  EXPECT_EQ(firstFrom(u).as<JoinTable>().using_columns,
            (std::vector<std::string>{"x", "y"}));
}

TEST(RelationTest, JoinChainIsLeftDeep) {
  auto q = parseQuery(
      "SELECT * FROM a x JOIN b y ON x.k = y.k LEFT JOIN c z ON y.k = z.k");
  const auto& top = firstFrom(q).as<JoinTable>();
  EXPECT_EQ(top.join_type, JoinType::kLeft);
  EXPECT_EQ(top.right->alias, "z");
  const auto& inner = top.left->as<JoinTable>();
  EXPECT_EQ(inner.left->alias, "x");
  EXPECT_EQ(inner.right->alias, "y");
}

TEST(RelationTest, ParenthesizedJoin) {
  auto q = parseQuery("SELECT * FROM a JOIN (b JOIN c ON b.k = c.k) ON a.k = b.k");
  const auto& top = firstFrom(q).as<JoinTable>();
  EXPECT_EQ(top.right->kind, TableRefKind::kJoin);
  EXPECT_EQ(q->toSql(),
            "SELECT * FROM a JOIN (b JOIN c ON (b.k = c.k)) ON (a.k = b.k)");
}

TEST(RelationTest, DerivedTables) {
  auto q = parseQuery("SELECT * FROM (SELECT a, b FROM t) AS s (x, y)");
  const auto& sub = firstFrom(q).as<SubqueryTable>();
  EXPECT_EQ(sub.alias, "s");
  EXPECT_EQ(sub.column_aliases, (std::vector<std::string>{"x", "y"}));
  EXPECT_EQ(sub.query->toSql(), "SELECT a, b FROM t");
  auto no_alias = parseQuery("SELECT * FROM (SELECT 1)");
  EXPECT_EQ(firstFrom(no_alias).alias, "");
  auto implicit = parseQuery("SELECT * FROM (SELECT 1 AS one) s");
  EXPECT_EQ(firstFrom(implicit).alias, "s");
}

TEST(RelationTest, LateralSubquery) {
  auto q = parseQuery(
      "SELECT * FROM t, LATERAL (SELECT t.a + 1 AS b) l");
  const auto& sub = selectOf(*q).from[1]->as<SubqueryTable>();
  EXPECT_TRUE(sub.lateral);
  EXPECT_EQ(sub.alias, "l");
}

TEST(RelationTest, InlineValuesTable) {
  auto q = parseQuery("SELECT * FROM VALUES (1, 'a'), (2, 'b') AS t(id, name)");
  const auto& v = firstFrom(q).as<ValuesTable>();
  ASSERT_EQ(v.rows.size(), 2u);
  EXPECT_EQ(v.rows[1][1]->toSql(), "'b'");
  EXPECT_EQ(v.alias, "t");
  EXPECT_EQ(v.column_aliases, (std::vector<std::string>{"id", "name"}));
  auto paren = parseQuery("SELECT * FROM (VALUES (1), (2)) v(x)");
  EXPECT_EQ(firstFrom(paren).kind, TableRefKind::kSubquery);
  EXPECT_EQ(firstFrom(paren).alias, "v");
}

TEST(RelationTest, FilePaths) {
  auto q = parseQuery("SELECT * FROM 'data/*.parquet'");
  const auto& f = firstFrom(q).as<FileTable>();
  EXPECT_EQ(f.format, "");
  EXPECT_EQ(f.path, "data/*.parquet");
  auto fmt = parseQuery("SELECT * FROM parquet.`/tmp/x.parquet` p");
  const auto& f2 = firstFrom(fmt).as<FileTable>();
  EXPECT_EQ(f2.format, "parquet");
  EXPECT_EQ(f2.path, "/tmp/x.parquet");
  EXPECT_EQ(f2.alias, "p");
  EXPECT_EQ(fmt->toSql(), "SELECT * FROM parquet.`/tmp/x.parquet` AS p");
  // Without back quotes it is an ordinary db.table name.
  auto named = parseQuery("SELECT * FROM parquet.events");
  EXPECT_EQ(firstFrom(named).kind, TableRefKind::kNamed);
  auto csv = parseQuery("SELECT * FROM CSV.`a.csv`");
  EXPECT_EQ(firstFrom(csv).as<FileTable>().format, "csv");
}

TEST(RelationTest, TableValuedFunctions) {
  auto q = parseQuery("SELECT * FROM read_parquet('a.parquet')");
  const auto& fn = firstFrom(q).as<FunctionTable>();
  EXPECT_EQ(fn.name, (std::vector<std::string>{"read_parquet"}));
  ASSERT_EQ(fn.args.size(), 1u);
  auto csv = parseQuery(
      "SELECT * FROM read_csv('f.csv', header => true, sep => ';') AS c");
  const auto& fn2 = firstFrom(csv).as<FunctionTable>();
  ASSERT_EQ(fn2.args.size(), 3u);
  EXPECT_EQ(fn2.args[1]->as<NamedArgument>().name, "header");
  EXPECT_EQ(fn2.args[1]->as<NamedArgument>().value->toSql(), "true");
  EXPECT_EQ(fn2.alias, "c");
  auto range = parseQuery("SELECT id FROM range(10)");
  EXPECT_EQ(firstFrom(range).kind, TableRefKind::kFunction);
}

TEST(RelationTest, TableSample) {
  auto pct = parseQuery("SELECT * FROM t TABLESAMPLE (10 PERCENT)");
  const auto& s1 = *firstFrom(pct).sample;
  EXPECT_EQ(s1.kind, SampleKind::kPercent);
  EXPECT_EQ(s1.amount->toString(), "10");
  auto rows = parseQuery("SELECT * FROM t TABLESAMPLE (5 ROWS) s");
  EXPECT_EQ(firstFrom(rows).sample->kind, SampleKind::kRows);
  EXPECT_EQ(firstFrom(rows).alias, "s");
  auto bucket = parseQuery("SELECT * FROM t TABLESAMPLE (BUCKET 3 OUT OF 16)");
  const auto& s3 = *firstFrom(bucket).sample;
  EXPECT_EQ(s3.kind, SampleKind::kBucket);
  EXPECT_EQ(s3.bucket_num, 3);
  EXPECT_EQ(s3.bucket_total, 16);
  auto dec = parseQuery("SELECT * FROM t TABLESAMPLE (0.5 PERCENT)");
  EXPECT_EQ(firstFrom(dec).sample->amount->toString(), "0.5");
}

TEST(RelationTest, StrictKeywordsAreNotTableAliases) {
  auto q = parseQuery("SELECT * FROM a LEFT JOIN b ON a.x = b.x");
  EXPECT_EQ(firstFrom(q).kind, TableRefKind::kJoin);
  auto w = parseQuery("SELECT * FROM a WHERE x = 1 LIMIT 1");
  EXPECT_EQ(firstFrom(w).alias, "");
}

}  // namespace
}  // namespace loch::sql

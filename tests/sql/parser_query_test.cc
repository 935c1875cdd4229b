// Query structure: SELECT clauses, set operations, WITH, GROUP BY forms,
// windows, modifiers, hints and the seed cohort query.

#include <gtest/gtest.h>

#include "sql/test_util.h"

namespace loch::sql {
namespace {

using testing::querySql;
using testing::selectOf;

TEST(QueryTest, SimpleSelect) {
  auto q = parseQuery("SELECT a, b + 1 AS c, d e FROM t");
  const auto& s = selectOf(*q);
  ASSERT_EQ(s.items.size(), 3u);
  EXPECT_FALSE(s.items[0].alias.has_value());
  EXPECT_EQ(*s.items[1].alias, "c");
  EXPECT_EQ(*s.items[2].alias, "e");
  EXPECT_EQ(s.items[1].expr->toString(), "(b + 1)");
  ASSERT_EQ(s.from.size(), 1u);
  EXPECT_EQ(s.from[0]->as<NamedTable>().name,
            (std::vector<std::string>{"t"}));
  EXPECT_EQ(q->toSql(), "SELECT a, (b + 1) AS c, d AS e FROM t");
}

TEST(QueryTest, SelectItemSourceText) {
  auto q = parseQuery("SELECT  a+1 ,\n COUNT( * )  AS n, `x`.y FROM t");
  const auto& s = selectOf(*q);
  EXPECT_EQ(s.items[0].source_text, "a+1");
  EXPECT_EQ(s.items[1].source_text, "COUNT( * )");
  EXPECT_EQ(s.items[2].source_text, "`x`.y");
  EXPECT_EQ(s.items[1].pos.line, 2);
  EXPECT_EQ(s.items[1].pos.col, 1);
}

TEST(QueryTest, SelectWithoutFrom) {
  auto q = parseQuery("SELECT 1, 'a'");
  EXPECT_TRUE(selectOf(*q).from.empty());
}

TEST(QueryTest, DistinctAndAll) {
  EXPECT_TRUE(selectOf(*parseQuery("SELECT DISTINCT a FROM t")).distinct);
  EXPECT_FALSE(selectOf(*parseQuery("SELECT ALL a FROM t")).distinct);
}

TEST(QueryTest, StarAndQualifiedStar) {
  auto q = parseQuery("SELECT *, t.* FROM t");
  const auto& s = selectOf(*q);
  EXPECT_EQ(s.items[0].expr->kind, ExprKind::kStar);
  EXPECT_EQ(s.items[1].expr->as<Star>().qualifier,
            (std::vector<std::string>{"t"}));
}

TEST(QueryTest, MultiAlias) {
  auto q = parseQuery("SELECT explode(m) AS (k, v) FROM t");
  EXPECT_EQ(selectOf(*q).items[0].aliases,
            (std::vector<std::string>{"k", "v"}));
}

TEST(QueryTest, KeywordsAsIdentifiers) {
  auto q = parseQuery(
      "SELECT timestamp, date, value, year, month, day, `from` FROM events");
  const auto& s = selectOf(*q);
  ASSERT_EQ(s.items.size(), 7u);
  EXPECT_EQ(s.items[0].expr->as<ColumnRef>().parts[0], "timestamp");
  EXPECT_EQ(s.items[6].expr->as<ColumnRef>().parts[0], "from");
  EXPECT_EQ(*selectOf(*parseQuery("SELECT 1 AS from")).items[0].alias,
            "from");
}

TEST(QueryTest, WhereGroupByHaving) {
  auto q = parseQuery(
      "SELECT a, sum(b) FROM t WHERE c > 0 GROUP BY a HAVING sum(b) > 10");
  const auto& s = selectOf(*q);
  ASSERT_NE(s.where, nullptr);
  ASSERT_TRUE(s.group_by.has_value());
  ASSERT_EQ(s.group_by->items.size(), 1u);
  EXPECT_EQ(s.group_by->items[0].kind, GroupingKind::kExpr);
  ASSERT_NE(s.having, nullptr);
  EXPECT_EQ(s.having->toString(), "(sum(b) > 10)");
}

TEST(QueryTest, GroupByOrdinalsAndAll) {
  auto q = parseQuery("SELECT a, b, count(*) FROM t GROUP BY 1, 2");
  const auto& g = *selectOf(*q).group_by;
  EXPECT_EQ(g.items[0].expr->as<Literal>().int_value, 1);
  auto all = parseQuery("SELECT a, count(*) FROM t GROUP BY ALL");
  EXPECT_TRUE(selectOf(*all).group_by->all);
  auto all_order = parseQuery("SELECT a FROM t GROUP BY ALL ORDER BY a");
  EXPECT_TRUE(selectOf(*all_order).group_by->all);
  EXPECT_EQ(all_order->order_by.size(), 1u);
}

TEST(QueryTest, GroupingSetsCubeRollup) {
  auto q = parseQuery(
      "SELECT a, b FROM t GROUP BY GROUPING SETS ((a, b), (a), ())");
  const auto& item = selectOf(*q).group_by->items[0];
  EXPECT_EQ(item.kind, GroupingKind::kGroupingSets);
  ASSERT_EQ(item.sets.size(), 3u);
  EXPECT_EQ(item.sets[0].size(), 2u);
  EXPECT_EQ(item.sets[1].size(), 1u);
  EXPECT_EQ(item.sets[2].size(), 0u);
  EXPECT_EQ(q->toSql(),
            "SELECT a, b FROM t GROUP BY GROUPING SETS((a, b), (a), ())");
  auto cube = parseQuery("SELECT 1 FROM t GROUP BY CUBE(a, b)");
  EXPECT_EQ(selectOf(*cube).group_by->items[0].kind, GroupingKind::kCube);
  auto rollup = parseQuery("SELECT 1 FROM t GROUP BY x, ROLLUP(a, (b, c))");
  const auto& r = selectOf(*rollup).group_by->items[1];
  EXPECT_EQ(r.kind, GroupingKind::kRollup);
  EXPECT_EQ(r.sets[1].size(), 2u);
  EXPECT_EQ(rollup->toSql(),
            "SELECT 1 FROM t GROUP BY x, ROLLUP(a, (b, c))");
}

TEST(QueryTest, GroupByWithRollupOrCube) {
  auto q = parseQuery("SELECT a, b FROM t GROUP BY a, b WITH ROLLUP");
  EXPECT_EQ(selectOf(*q).group_by->modifier, GroupByModifier::kWithRollup);
  auto c = parseQuery("SELECT a FROM t GROUP BY a WITH CUBE");
  EXPECT_EQ(selectOf(*c).group_by->modifier, GroupByModifier::kWithCube);
}

TEST(QueryTest, QualifyAndWindowClause) {
  auto q = parseQuery(
      "SELECT a, rank() OVER w AS r FROM t WINDOW w AS (PARTITION BY b "
      "ORDER BY c) QUALIFY r = 1");
  const auto& s = selectOf(*q);
  ASSERT_EQ(s.windows.size(), 1u);
  EXPECT_EQ(s.windows[0].name, "w");
  EXPECT_EQ(s.windows[0].spec.partition_by.size(), 1u);
  ASSERT_NE(s.qualify, nullptr);
  EXPECT_EQ(s.qualify->toString(), "(r = 1)");
  auto q2 = parseQuery("SELECT a FROM t QUALIFY row_number() OVER (ORDER BY a) = 1");
  EXPECT_NE(selectOf(*q2).qualify, nullptr);
}

TEST(QueryTest, OrderByOptions) {
  auto q = parseQuery(
      "SELECT a FROM t ORDER BY a, b DESC, c ASC NULLS LAST, d NULLS FIRST");
  ASSERT_EQ(q->order_by.size(), 4u);
  EXPECT_EQ(q->order_by[0].direction, SortDirection::kDefault);
  EXPECT_EQ(q->order_by[1].direction, SortDirection::kDesc);
  EXPECT_EQ(q->order_by[2].nulls, NullOrdering::kLast);
  EXPECT_EQ(q->order_by[3].nulls, NullOrdering::kFirst);
  EXPECT_EQ(q->order_by[1].toString(), "b DESC NULLS LAST");
}

TEST(QueryTest, LimitOffset) {
  auto q = parseQuery("SELECT a FROM t LIMIT 10 OFFSET 5");
  EXPECT_EQ(q->limit->toString(), "10");
  EXPECT_EQ(q->offset->toString(), "5");
  auto all = parseQuery("SELECT a FROM t LIMIT ALL");
  EXPECT_TRUE(all->limit_all);
  EXPECT_EQ(all->limit, nullptr);
}

TEST(QueryTest, SortDistributeClusterBy) {
  auto q = parseQuery("SELECT a FROM t DISTRIBUTE BY a SORT BY b DESC");
  EXPECT_EQ(q->distribute_by.size(), 1u);
  EXPECT_EQ(q->sort_by.size(), 1u);
  auto c = parseQuery("SELECT a FROM t CLUSTER BY a, b");
  EXPECT_EQ(c->cluster_by.size(), 2u);
  EXPECT_EQ(c->toSql(), "SELECT a FROM t CLUSTER BY a, b");
}

TEST(QueryTest, UnionAllAndDistinct) {
  auto q = parseQuery("SELECT a FROM t UNION ALL SELECT b FROM u");
  ASSERT_EQ(q->body->kind, QueryBodyKind::kSetOperation);
  const auto& op = q->body->as<SetOperation>();
  EXPECT_EQ(op.op, SetOpType::kUnion);
  EXPECT_TRUE(op.all);
  auto d = parseQuery("SELECT a FROM t UNION DISTINCT SELECT b FROM u");
  EXPECT_FALSE(d->body->as<SetOperation>().all);
}

TEST(QueryTest, IntersectBindsTighter) {
  auto q = parseQuery("SELECT 1 UNION SELECT 2 INTERSECT SELECT 3");
  const auto& top = q->body->as<SetOperation>();
  EXPECT_EQ(top.op, SetOpType::kUnion);
  ASSERT_EQ(top.right->kind, QueryBodyKind::kSetOperation);
  EXPECT_EQ(top.right->as<SetOperation>().op, SetOpType::kIntersect);
  auto q2 = parseQuery("SELECT 1 INTERSECT SELECT 2 EXCEPT SELECT 3");
  const auto& top2 = q2->body->as<SetOperation>();
  EXPECT_EQ(top2.op, SetOpType::kExcept);
  EXPECT_EQ(top2.left->as<SetOperation>().op, SetOpType::kIntersect);
}

TEST(QueryTest, SetOperationsAreLeftAssociative) {
  auto q = parseQuery("SELECT 1 EXCEPT SELECT 2 MINUS ALL SELECT 3");
  const auto& top = q->body->as<SetOperation>();
  EXPECT_TRUE(top.all);
  EXPECT_EQ(top.op, SetOpType::kExcept);
  EXPECT_EQ(top.left->kind, QueryBodyKind::kSetOperation);
  EXPECT_EQ(top.right->kind, QueryBodyKind::kSelect);
}

TEST(QueryTest, OrderAndLimitApplyToWholeSetOperation) {
  auto q = parseQuery(
      "SELECT a FROM t UNION SELECT b FROM u ORDER BY 1 DESC LIMIT 3");
  EXPECT_EQ(q->body->kind, QueryBodyKind::kSetOperation);
  EXPECT_EQ(q->order_by.size(), 1u);
  EXPECT_NE(q->limit, nullptr);
}

TEST(QueryTest, ParenthesizedQueries) {
  auto q = parseQuery(
      "(SELECT a FROM t ORDER BY a LIMIT 1) UNION ALL (SELECT b FROM u) "
      "ORDER BY 1");
  const auto& op = q->body->as<SetOperation>();
  ASSERT_EQ(op.left->kind, QueryBodyKind::kNested);
  const auto& inner = *op.left->as<NestedQuery>().query;
  EXPECT_EQ(inner.order_by.size(), 1u);
  EXPECT_NE(inner.limit, nullptr);
  EXPECT_EQ(q->order_by.size(), 1u);
  auto grouped = parseQuery("SELECT 1 UNION (SELECT 2 UNION SELECT 3)");
  EXPECT_EQ(grouped->body->as<SetOperation>().right->kind,
            QueryBodyKind::kNested);
}

TEST(QueryTest, WithClause) {
  auto q = parseQuery(
      "WITH a AS (SELECT 1 AS x), b (y) AS (SELECT x FROM a) SELECT * FROM b");
  ASSERT_EQ(q->ctes.size(), 2u);
  EXPECT_EQ(q->ctes[0].name, "a");
  EXPECT_EQ(q->ctes[1].columns, (std::vector<std::string>{"y"}));
  EXPECT_EQ(q->ctes[1].query->toSql(), "SELECT x FROM a");
  EXPECT_EQ(q->toSql(),
            "WITH a AS (SELECT 1 AS x), b(y) AS (SELECT x FROM a) SELECT * "
            "FROM b");
}

TEST(QueryTest, NestedWithInSubquery) {
  auto q = parseQuery("SELECT * FROM (WITH c AS (SELECT 1) SELECT * FROM c) s");
  const auto& sub = selectOf(*q).from[0]->as<SubqueryTable>();
  EXPECT_EQ(sub.query->ctes.size(), 1u);
  EXPECT_EQ(sub.alias, "s");
}

TEST(QueryTest, TopLevelValues) {
  auto q = parseQuery("VALUES (1, 'a'), (2, 'b') AS t(c1, c2)");
  ASSERT_EQ(q->body->kind, QueryBodyKind::kValues);
  const auto& v = q->body->as<ValuesBody>();
  ASSERT_EQ(v.rows.size(), 2u);
  EXPECT_EQ(v.rows[0].size(), 2u);
  EXPECT_EQ(v.alias, "t");
  EXPECT_EQ(v.column_aliases, (std::vector<std::string>{"c1", "c2"}));
  EXPECT_EQ(q->toSql(), "VALUES (1, 'a'), (2, 'b') AS t(c1, c2)");
  auto single = parseQuery("VALUES 1, 2, 3");
  EXPECT_EQ(single->body->as<ValuesBody>().rows.size(), 3u);
}

TEST(QueryTest, TableQuery) {
  auto q = parseQuery("TABLE db.t");
  ASSERT_EQ(q->body->kind, QueryBodyKind::kTable);
  EXPECT_EQ(q->body->as<TableBody>().name,
            (std::vector<std::string>{"db", "t"}));
}

TEST(QueryTest, Hints) {
  auto q = parseQuery(
      "SELECT /*+ BROADCAST(t), REPARTITION(8), COALESCE(2), MERGE(t), "
      "SHUFFLE_HASH(t) */ a FROM t");
  const auto& s = selectOf(*q);
  ASSERT_EQ(s.hints.size(), 5u);
  EXPECT_EQ(s.hints[0].name, "BROADCAST");
  EXPECT_EQ(s.hints[0].args[0]->toString(), "t");
  EXPECT_EQ(s.hints[1].name, "REPARTITION");
  EXPECT_EQ(s.hints[1].args[0]->as<Literal>().int_value, 8);
  EXPECT_EQ(s.hints[4].name, "SHUFFLE_HASH");
  ASSERT_EQ(s.items.size(), 1u);
  auto lower = parseQuery("select /*+ broadcast(a, b) */ * from a join b");
  EXPECT_EQ(selectOf(*lower).hints[0].name, "BROADCAST");
  EXPECT_EQ(selectOf(*lower).hints[0].args.size(), 2u);
  auto plain = parseQuery("SELECT /* not a hint */ a FROM t");
  EXPECT_TRUE(selectOf(*plain).hints.empty());
}

TEST(QueryTest, LateralViews) {
  auto q = parseQuery(
      "SELECT id, x, k, v FROM t LATERAL VIEW explode(arr) e AS x "
      "LATERAL VIEW OUTER explode(m) m2 AS k, v WHERE x > 1");
  const auto& s = selectOf(*q);
  ASSERT_EQ(s.lateral_views.size(), 2u);
  EXPECT_FALSE(s.lateral_views[0].outer);
  EXPECT_EQ(s.lateral_views[0].table_alias, "e");
  EXPECT_EQ(s.lateral_views[0].column_aliases,
            (std::vector<std::string>{"x"}));
  EXPECT_TRUE(s.lateral_views[1].outer);
  EXPECT_EQ(s.lateral_views[1].column_aliases,
            (std::vector<std::string>{"k", "v"}));
  EXPECT_EQ(s.lateral_views[1].generator->toString(), "explode(m)");
  EXPECT_NE(s.where, nullptr);
}

TEST(QueryTest, Pivot) {
  auto q = parseQuery(
      "SELECT * FROM sales PIVOT (sum(amount) AS total, avg(amount) "
      "FOR quarter IN ('Q1' AS q1, 'Q2', 'Q3' q3))");
  const auto& p = *selectOf(*q).pivot;
  ASSERT_EQ(p.aggregates.size(), 2u);
  EXPECT_EQ(p.aggregates[0].alias, "total");
  EXPECT_EQ(p.aggregates[1].alias, "");
  ASSERT_EQ(p.columns.size(), 1u);
  EXPECT_EQ(p.columns[0]->toString(), "quarter");
  ASSERT_EQ(p.values.size(), 3u);
  EXPECT_EQ(p.values[0].alias, "q1");
  EXPECT_EQ(p.values[2].alias, "q3");
  EXPECT_EQ(q->toSql(),
            "SELECT * FROM sales PIVOT (sum(amount) AS total, avg(amount) FOR "
            "quarter IN ('Q1' AS q1, 'Q2', 'Q3' AS q3))");
}

TEST(QueryTest, PivotMultipleColumns) {
  auto q = parseQuery(
      "SELECT * FROM t PIVOT (sum(v) FOR (a, b) IN ((1, 'x') AS p1, "
      "(2, 'y') AS p2))");
  const auto& p = *selectOf(*q).pivot;
  EXPECT_EQ(p.columns.size(), 2u);
  EXPECT_EQ(p.values[0].expr->kind, ExprKind::kTuple);
  EXPECT_EQ(p.values[1].alias, "p2");
}

TEST(QueryTest, Unpivot) {
  auto q = parseQuery(
      "SELECT * FROM t UNPIVOT INCLUDE NULLS (val FOR quarter IN (q1 AS Q1, "
      "q2))");
  const auto& u = *selectOf(*q).unpivot;
  EXPECT_TRUE(u.include_nulls);
  EXPECT_EQ(u.value_columns, (std::vector<std::string>{"val"}));
  EXPECT_EQ(u.name_column, "quarter");
  ASSERT_EQ(u.column_sets.size(), 2u);
  EXPECT_EQ(u.column_sets[0].alias, "Q1");
  auto multi = parseQuery(
      "SELECT * FROM t UNPIVOT ((v1, v2) FOR n IN ((a, b) AS ab, (c, d)))");
  const auto& m = *selectOf(*multi).unpivot;
  EXPECT_EQ(m.value_columns.size(), 2u);
  EXPECT_EQ(m.column_sets[0].columns.size(), 2u);
}

TEST(QueryTest, SeedCohortQuery) {
  const char* sql =
      "WITH user_first_purchase AS (SELECT user_id, MIN(DATE(timestamp)) as "
      "first_purchase_date, DATE_FORMAT(MIN(timestamp), 'yyyy-MM') as "
      "cohort_month FROM events WHERE event_type = 'purchase' GROUP BY "
      "user_id), user_purchases AS (SELECT e.user_id, "
      "DATE_FORMAT(e.timestamp, 'yyyy-MM') as purchase_month, "
      "f.cohort_month, MONTHS_BETWEEN(e.timestamp, f.first_purchase_date) as "
      "month_diff FROM events e JOIN user_first_purchase f ON e.user_id = "
      "f.user_id WHERE e.event_type = 'purchase') SELECT cohort_month, "
      "month_diff, COUNT(DISTINCT user_id) as users, COUNT(*) as purchases, "
      "SUM(value) as revenue FROM user_purchases GROUP BY cohort_month, "
      "month_diff ORDER BY cohort_month, month_diff";
  auto stmt = parseStatement(sql);
  ASSERT_EQ(stmt->kind, StatementKind::kQuery);
  const Query& q = *stmt->as<QueryStatement>().query;
  ASSERT_EQ(q.ctes.size(), 2u);
  EXPECT_EQ(q.ctes[0].name, "user_first_purchase");
  EXPECT_EQ(q.ctes[1].name, "user_purchases");

  const auto& first = selectOf(*q.ctes[0].query);
  EXPECT_EQ(first.items[1].expr->toString(), "min(date(timestamp))");
  EXPECT_EQ(*first.items[1].alias, "first_purchase_date");
  EXPECT_EQ(first.items[2].expr->toString(),
            "date_format(min(timestamp), yyyy-MM)");
  EXPECT_EQ(first.group_by->items.size(), 1u);

  const auto& second = selectOf(*q.ctes[1].query);
  const auto& join = second.from[0]->as<JoinTable>();
  EXPECT_EQ(join.join_type, JoinType::kInner);
  EXPECT_EQ(join.left->alias, "e");
  EXPECT_EQ(join.right->alias, "f");
  EXPECT_EQ(join.condition->toString(), "(e.user_id = f.user_id)");
  EXPECT_EQ(second.items[3].expr->toString(),
            "months_between(e.timestamp, f.first_purchase_date)");

  const auto& main = selectOf(q);
  ASSERT_EQ(main.items.size(), 5u);
  EXPECT_EQ(main.items[2].expr->toString(), "count(DISTINCT user_id)");
  EXPECT_EQ(main.items[3].expr->toString(), "count(1)");
  EXPECT_EQ(main.items[3].source_text, "COUNT(*)");
  EXPECT_EQ(main.items[4].expr->toString(), "sum(value)");
  EXPECT_EQ(*main.items[4].alias, "revenue");
  EXPECT_EQ(main.group_by->items.size(), 2u);
  ASSERT_EQ(q.order_by.size(), 2u);
  // The printed SQL parses back to the same text.
  EXPECT_EQ(parseQuery(q.toSql())->toSql(), q.toSql());
}

TEST(QueryTest, RoundTripCorpus) {
  const char* queries[] = {
      "SELECT a, count(*) FROM t WHERE (b > 1) GROUP BY a HAVING (count(*) > 2) "
      "ORDER BY a DESC NULLS LAST LIMIT 10 OFFSET 2",
      "SELECT * FROM a LEFT OUTER JOIN b USING (id) CROSS JOIN c",
      "SELECT x FROM t1 UNION ALL SELECT y FROM t2 INTERSECT SELECT z FROM t3",
      "SELECT * FROM t TABLESAMPLE (10 PERCENT) AS s",
      "SELECT * FROM read_csv('f.csv', header => true) AS r",
      "SELECT id FROM t LATERAL VIEW OUTER explode(xs) e AS x",
      "SELECT sum(v) OVER w FROM t WINDOW w AS (PARTITION BY k)",
  };
  for (const char* sql : queries) {
    std::string once = querySql(sql);
    EXPECT_EQ(querySql(once), once) << sql;
  }
}

}  // namespace
}  // namespace loch::sql

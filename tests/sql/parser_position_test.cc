// Every AST node records where it starts (line 1-based, col 0-based) so the
// binder can point its errors at the right place.

#include <gtest/gtest.h>

#include "sql/test_util.h"

namespace loch::sql {
namespace {

using testing::selectOf;

TEST(PositionTest, QueryNodes) {
  auto q = parseQuery(
      "SELECT a,\n"
      "       b\n"
      "FROM t1 x\n"
      "  JOIN t2 y ON x.k = y.k\n"
      "WHERE c > 1\n"
      "ORDER BY a");
  const auto& s = selectOf(*q);
  EXPECT_EQ(s.pos.line, 1);
  EXPECT_EQ(s.items[1].pos.line, 2);
  EXPECT_EQ(s.items[1].pos.col, 7);
  const auto& join = s.from[0]->as<JoinTable>();
  EXPECT_EQ(join.left->pos.line, 3);
  EXPECT_EQ(join.left->pos.col, 5);
  EXPECT_EQ(join.right->pos.line, 4);
  EXPECT_EQ(join.right->pos.col, 7);
  EXPECT_EQ(join.condition->pos.line, 4);
  EXPECT_EQ(join.condition->pos.col, 15);
  EXPECT_EQ(s.where->pos.line, 5);
  EXPECT_EQ(s.where->pos.col, 6);
  EXPECT_EQ(q->order_by[0].pos.line, 6);
  EXPECT_EQ(q->order_by[0].pos.col, 9);
}

TEST(PositionTest, NestedExpressionNodes) {
  auto e = parseExpression("f(x,\n  CASE WHEN y THEN z END)");
  const auto& call = e->as<FunctionCall>();
  EXPECT_EQ(call.pos.col, 0);
  EXPECT_EQ(call.args[0]->pos.col, 2);
  EXPECT_EQ(call.args[1]->pos.line, 2);
  EXPECT_EQ(call.args[1]->pos.col, 2);
  const auto& when = call.args[1]->as<Case>().whens[0];
  EXPECT_EQ(when.condition->pos.col, 12);
}

TEST(PositionTest, StatementsAndCtes) {
  auto list = parseStatements(
      "SELECT 1;\n  WITH c AS (SELECT 2) SELECT * FROM c;\nSHOW TABLES");
  ASSERT_EQ(list.size(), 3u);
  EXPECT_EQ(list[1]->pos.line, 2);
  EXPECT_EQ(list[1]->pos.col, 2);
  const auto& q = *list[1]->as<QueryStatement>().query;
  EXPECT_EQ(q.ctes[0].pos.col, 7);
  EXPECT_EQ(list[2]->pos.line, 3);
  EXPECT_EQ(list[2]->source_text, "SHOW TABLES");
}

TEST(PositionTest, HintsAndGroupingElements) {
  auto q = parseQuery("SELECT /*+ BROADCAST(t) */ a FROM t GROUP BY ROLLUP(a)");
  const auto& s = selectOf(*q);
  EXPECT_EQ(s.hints[0].pos.col, 11);
  EXPECT_EQ(s.group_by->pos.col, 36);
  EXPECT_EQ(s.group_by->items[0].pos.col, 45);
}

}  // namespace
}  // namespace loch::sql

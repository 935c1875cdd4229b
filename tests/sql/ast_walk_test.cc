#include "loch/sql/ast_walk.h"

#include <gtest/gtest.h>

#include "sql/test_util.h"

namespace loch::sql {
namespace {

std::vector<std::string> columnsIn(const std::string& sql) {
  std::vector<std::string> names;
  auto expr = parseExpression(sql);
  walkExpr(*expr, [&](const Expr& e) {
    if (e.is<ColumnRef>()) names.push_back(e.toString());
    return true;
  });
  return names;
}

TEST(AstWalkTest, VisitsAllColumnsInSourceOrder) {
  EXPECT_EQ(columnsIn("a + f(b, c) * CASE WHEN d THEN e ELSE g END"),
            (std::vector<std::string>{"a", "b", "c", "d", "e", "g"}));
  EXPECT_EQ(columnsIn("sum(x) FILTER (WHERE y > 0) OVER (PARTITION BY p "
                      "ORDER BY o)"),
            (std::vector<std::string>{"x", "y", "p", "o"}));
  EXPECT_EQ(columnsIn("CAST(a AS INT) BETWEEN b AND c[d].e"),
            (std::vector<std::string>{"a", "b", "c", "d"}));
}

TEST(AstWalkTest, DoesNotEnterSubqueries) {
  EXPECT_EQ(columnsIn("a IN (SELECT b FROM t) AND EXISTS (SELECT c FROM u)"),
            (std::vector<std::string>{"a"}));
}

TEST(AstWalkTest, PruningSkipsChildren) {
  auto expr = parseExpression("count(a) + b");
  std::vector<std::string> seen;
  walkExpr(*expr, [&](const Expr& e) {
    seen.push_back(e.toString());
    return !e.is<FunctionCall>();
  });
  EXPECT_EQ(seen, (std::vector<std::string>{"(count(a) + b)", "count(a)", "b"}));
}

}  // namespace
}  // namespace loch::sql

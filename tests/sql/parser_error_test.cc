// Syntax errors carry Spark's wording and the (line, pos) of the offending
// token; no input crashes or hangs the parser.

#include <gtest/gtest.h>

#include <random>

#include "sql/test_util.h"

namespace loch::sql {
namespace {

using testing::parseError;
using testing::statementError;

TEST(ParseErrorTest, MissingSelectList) {
  EXPECT_EQ(statementError("SELECT FROM t"),
            "[PARSE_SYNTAX_ERROR] Syntax error at or near 'FROM'. (line 1, "
            "pos 7)");
}

TEST(ParseErrorTest, ErrorClassAndMessageAccessors) {
  try {
    parseStatement("SELECT a FROM");
    FAIL() << "expected a ParseException";
  } catch (const loch::ParseException& e) {
    EXPECT_EQ(e.errorClass(), "PARSE_SYNTAX_ERROR");
    EXPECT_EQ(e.message(),
              "Syntax error at or near end of input. (line 1, pos 13)");
  }
}

TEST(ParseErrorTest, PositionOnLaterLine) {
  EXPECT_EQ(statementError("SELECT a\nFROM t\nWHERE\n  AND b"),
            "[PARSE_SYNTAX_ERROR] Syntax error at or near 'AND'. (line 4, "
            "pos 2)");
}

TEST(ParseErrorTest, TokenQuotedAsWritten) {
  EXPECT_EQ(statementError("SELECT 1 +"),
            "[PARSE_SYNTAX_ERROR] Syntax error at or near end of input. "
            "(line 1, pos 10)");
  EXPECT_EQ(statementError("SELECT a, FROM t"),
            "[PARSE_SYNTAX_ERROR] Syntax error at or near 'FROM'. (line 1, "
            "pos 10)");
  EXPECT_EQ(statementError("SELECT * FROM t WHERE a = 'x' 'y' )"),
            "[PARSE_SYNTAX_ERROR] Syntax error at or near ')'. (line 1, pos "
            "34)");
}

TEST(ParseErrorTest, TrailingGarbage) {
  EXPECT_EQ(statementError("SELECT a FROM t t2 t3"),
            "[PARSE_SYNTAX_ERROR] Syntax error at or near 't3'. (line 1, pos "
            "19)");
  EXPECT_EQ(parseError([] { parseExpression("a b c"); }),
            "[PARSE_SYNTAX_ERROR] Syntax error at or near 'c'. (line 1, pos "
            "4)");
}

TEST(ParseErrorTest, UnbalancedParentheses) {
  EXPECT_EQ(statementError("SELECT (a + 1 FROM t"),
            "[PARSE_SYNTAX_ERROR] Syntax error at or near 'FROM'. (line 1, "
            "pos 14)");
  EXPECT_EQ(statementError("SELECT count(*)) FROM t"),
            "[PARSE_SYNTAX_ERROR] Syntax error at or near ')'. (line 1, pos "
            "15)");
}

TEST(ParseErrorTest, UnknownStatement) {
  EXPECT_EQ(statementError("FROBNICATE t"),
            "[PARSE_SYNTAX_ERROR] Syntax error at or near 'FROBNICATE'. "
            "(line 1, pos 0)");
}

TEST(ParseErrorTest, CaseWithoutWhen) {
  EXPECT_EQ(parseError([] { parseExpression("CASE a END"); }),
            "[PARSE_SYNTAX_ERROR] Syntax error at or near 'END'. (line 1, "
            "pos 7)");
}

TEST(ParseErrorTest, BadJoin) {
  EXPECT_EQ(statementError("SELECT * FROM a LEFT b ON x"),
            "[PARSE_SYNTAX_ERROR] Syntax error at or near 'LEFT'. (line 1, "
            "pos 16)");
}

TEST(ParseErrorTest, UnterminatedStringInStatement) {
  EXPECT_EQ(statementError("SELECT 'abc FROM t"),
            "[PARSE_SYNTAX_ERROR] Syntax error at or near ''abc FROM t': "
            "unclosed string literal. (line 1, pos 7)");
}

TEST(ParseErrorTest, ScriptErrorPointsIntoLaterStatement) {
  EXPECT_EQ(parseError([] { parseStatements("SELECT 1;\nSELECT 2 +;"); }),
            "[PARSE_SYNTAX_ERROR] Syntax error at or near ';'. (line 2, pos "
            "10)");
}

TEST(ParseErrorTest, MissingSemicolonBetweenStatements) {
  EXPECT_EQ(parseError([] { parseStatements("SELECT 1 SELECT 2"); }),
            "[PARSE_SYNTAX_ERROR] Syntax error at or near 'SELECT'. (line 1, "
            "pos 9)");
}

TEST(ParseErrorTest, DeepNestingIsRejectedCleanly) {
  std::string deep = std::string(5000, '(') + "1" + std::string(5000, ')');
  std::string msg = parseError([&] { parseExpression(deep); });
  EXPECT_NE(msg.find("[PARSE_SYNTAX_ERROR]"), std::string::npos);
  EXPECT_NE(msg.find("nested too deeply"), std::string::npos);
  std::string minus;  // "--" would start a comment, so space the signs
  for (int i = 0; i < 5000; ++i) minus += "- ";
  minus += "1";
  EXPECT_NE(parseError([&] { parseExpression(minus); }).find("too deeply"),
            std::string::npos);
  std::string nots;
  for (int i = 0; i < 5000; ++i) nots += "NOT ";
  EXPECT_NE(parseError([&] { parseExpression(nots + "x"); }).find("too deeply"),
            std::string::npos);
  std::string subq;
  for (int i = 0; i < 3000; ++i) subq += "SELECT * FROM (";
  EXPECT_NE(statementError(subq + "SELECT 1").find("too deeply"),
            std::string::npos);
}

TEST(ParseErrorTest, ModerateNestingIsFine) {
  std::string nested = std::string(200, '(') + "a" + std::string(200, ')');
  EXPECT_EQ(parseExpression(nested)->toString(), "a");
  std::string chain = "a";
  for (int i = 0; i < 900; ++i) chain += " + a";
  EXPECT_NO_THROW(parseExpression(chain)->toSql());
}

TEST(ParseErrorTest, OverlongOperatorChainIsRejected) {
  // A left-deep chain is as deep as its length; printing or binding it
  // recursively must not overflow the stack, so it counts as nesting.
  std::string chain = "a";
  for (int i = 0; i < 50000; ++i) chain += " + a";
  EXPECT_NE(parseError([&] { parseExpression(chain); }).find("too deeply"),
            std::string::npos);
}

TEST(ParseErrorTest, LongAndOrChainsAreBalanced) {
  std::string chain = "c0 = 0";
  for (int i = 1; i < 20000; ++i) {
    chain += (i % 2 ? " OR c" : " AND c") + std::to_string(i) + " = 0";
  }
  auto expr = parseExpression(chain);
  EXPECT_FALSE(expr->toSql().empty());
  auto four = parseExpression("a OR b OR c OR d");
  EXPECT_EQ(four->toString(), "((a OR b) OR (c OR d))");
  EXPECT_EQ(parseExpression("a AND b AND c")->toString(),
            "((a AND b) AND c)");
}

TEST(ParseErrorTest, LongUnionAllChainParses) {
  std::string sql = "SELECT 0";
  for (int i = 1; i < 3000; ++i) sql += " UNION ALL SELECT " + std::to_string(i);
  auto q = parseQuery(sql);
  EXPECT_EQ(q->body->kind, QueryBodyKind::kSetOperation);
  EXPECT_FALSE(q->toSql().empty());
}

TEST(ParseErrorTest, OverlongUnionChainIsRejected) {
  std::string sql = "SELECT 0";
  for (int i = 1; i < 6000; ++i) sql += " UNION SELECT 1";
  EXPECT_NE(parseError([&] { parseQuery(sql); }).find("too deeply"),
            std::string::npos);
}

TEST(ParseErrorTest, LongJoinChainPrintsIteratively) {
  std::string sql = "SELECT * FROM t0";
  for (int i = 1; i < 2000; ++i) {
    sql += " JOIN t" + std::to_string(i) + " USING (k)";
  }
  auto q = parseQuery(sql);
  EXPECT_EQ(q->toSql(), sql);
}

TEST(ParseErrorTest, NestedParenthesesBeforeSelectStayLinear) {
  // "((((SELECT" forces backtracking between query and expression; memoized
  // failures keep this fast.
  std::string sql = "SELECT ";
  sql += std::string(60, '(') + "SELECT 1)";
  for (int i = 0; i < 59; ++i) sql += " + 1)";
  EXPECT_NO_THROW(parseStatement(sql));
}

// Random token soup must only ever produce ParseExceptions.
TEST(ParseErrorTest, FuzzNeverCrashes) {
  const char* pieces[] = {"SELECT", "FROM", "(", ")", "a", "1", ",", "+",
                          "JOIN", "ON", "WHERE", "'s'", "CASE", "WHEN",
                          "END", "OVER", "[", "]", ".", "*", "::", "int",
                          "INTERVAL", "->", "GROUP", "BY", "UNION", "WITH",
                          "AS", "VALUES", "/*+", "*/", "IN", "NOT", "`q`",
                          "LATERAL", "VIEW", "PIVOT", "FOR", ";", "=>"};
  std::mt19937 rng(42);
  for (int iter = 0; iter < 3000; ++iter) {
    std::string sql;
    int n = 1 + static_cast<int>(rng() % 25);
    for (int i = 0; i < n; ++i) {
      sql += pieces[rng() % std::size(pieces)];
      sql += ' ';
    }
    try {
      parseStatements(sql);
    } catch (const loch::ParseException&) {
    }
  }
  SUCCEED();
}

TEST(ParseErrorTest, DdlErrors) {
  EXPECT_EQ(statementError("CREATE TABLE t (a)"),
            "[PARSE_SYNTAX_ERROR] Syntax error at or near ')'. (line 1, pos "
            "17)");
  EXPECT_EQ(statementError("CREATE GLOBAL VIEW v AS SELECT 1"),
            "[PARSE_SYNTAX_ERROR] Syntax error at or near 'VIEW'. (line 1, "
            "pos 14)");
  EXPECT_EQ(statementError("DROP INDEX i"),
            "[PARSE_SYNTAX_ERROR] Syntax error at or near 'INDEX'. (line 1, "
            "pos 5)");
  EXPECT_EQ(statementError("INSERT t SELECT 1"),
            "[PARSE_SYNTAX_ERROR] Syntax error at or near 't'. (line 1, pos "
            "7)");
  EXPECT_EQ(statementError("CREATE TABLE t (a INT) OPTIONS (k)"),
            "[PARSE_SYNTAX_ERROR] Syntax error at or near ')'. (line 1, pos "
            "33)");
}

TEST(ParseErrorTest, MisplacedHintIsAnError) {
  EXPECT_EQ(statementError("SELECT a /*+ BROADCAST(t) */ FROM t"),
            "[PARSE_SYNTAX_ERROR] Syntax error at or near '/*+'. (line 1, "
            "pos 9)");
}

TEST(ParseErrorTest, BadTypedLiteralsAndTypes) {
  EXPECT_EQ(statementError("SELECT CAST(a AS array<int)"),
            "[PARSE_SYNTAX_ERROR] Syntax error at or near ')'. (line 1, pos "
            "26)");
  EXPECT_EQ(statementError("SELECT INTERVAL 1 DAY TO"),
            "[PARSE_SYNTAX_ERROR] Syntax error at or near end of input. (line "
            "1, pos 24)");
  EXPECT_EQ(statementError("SELECT 1.5L"),
            "[PARSE_SYNTAX_ERROR] Syntax error at or near '1.5L'. (line 1, "
            "pos 7)");
}

TEST(ParseErrorTest, WindowErrors) {
  EXPECT_EQ(statementError("SELECT sum(a) OVER (ROWS BETWEEN 1 AND 2) FROM t"),
            "[PARSE_SYNTAX_ERROR] Syntax error at or near 'AND'. (line 1, pos "
            "35)");
  EXPECT_EQ(statementError("SELECT sum(a) FILTER (a > 1) FROM t"),
            "[PARSE_SYNTAX_ERROR] Syntax error at or near 'a'. (line 1, pos "
            "22)");
}

}  // namespace
}  // namespace loch::sql

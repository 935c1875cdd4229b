#pragma once
// Public entry points of the Spark SQL parser. All functions are pure: they
// read the text and return an owning AST (see ast.h); nothing is resolved.
//
// Errors: every function throws loch::ParseException with error class
// PARSE_SYNTAX_ERROR and a message in Spark's style, e.g.
//   "Syntax error at or near 'FROM'. (line 1, pos 7)"
// (line 1-based, pos 0-based). Unclosed /* comments raise
// UNCLOSED_BRACKETED_COMMENT and out-of-range typed numeric literals
// (e.g. 300Y) raise INVALID_NUMERIC_LITERAL_RANGE.
//
// Depth: input nested deeper than kMaxParseDepth levels (each parenthesis,
// subquery or prefix operator uses one or two) is rejected with
// PARSE_SYNTAX_ERROR "... nested too deeply ..." rather than overflowing the
// stack. A chain of binary operators (a + b + ...) builds a left-deep tree
// and counts against the same limit; AND/OR chains are built balanced, as
// Spark does, and UNION/JOIN chains may be 5x longer. So expression trees
// handed to the binder are at most ~1,000 levels deep, query trees ~5,000.

#include <string>
#include <string_view>
#include <vector>

#include "loch/sql/ast.h"

namespace loch::sql {

/// Maximum nesting (parentheses, subqueries, unary operators, ...) the
/// parser accepts before reporting an error.
inline constexpr int kMaxParseDepth = 1000;

/// Parses a script of statements separated by ';' (empty statements and a
/// trailing ';' are allowed). Returns them in order; an empty or
/// comment-only script yields an empty vector.
std::vector<StatementPtr> parseStatements(std::string_view sql);

/// Parses exactly one statement (an optional trailing ';' is allowed).
StatementPtr parseStatement(std::string_view sql);

/// Parses one query (SELECT / WITH / VALUES / TABLE / set operations).
QueryPtr parseQuery(std::string_view sql);

/// Parses one expression, as DataFrame `expr("...")` does. The whole input
/// must be consumed. Like Spark's expr(), a trailing alias is accepted
/// ("a + 1 AS b", "count(*) c") and returned as an Alias node wrapping the
/// expression.
ExprPtr parseExpression(std::string_view sql);

/// Parses one select-list entry with an optional alias, as
/// DataFrame.selectExpr does: "a + 1 AS b", "count(*) c", "*".
SelectItem parseSelectItem(std::string_view sql);

/// Parses a data type such as "decimal(10,2)" or "array<struct<a:int>>".
TypeName parseDataType(std::string_view sql);

/// Parses a dotted, possibly back-quoted name such as "db.`my table`".
std::vector<std::string> parseMultipartIdentifier(std::string_view sql);

}  // namespace loch::sql

#pragma once
// Helpers shared by the SQL parser tests.

#include <gtest/gtest.h>

#include <string>

#include "loch/common/exception.h"
#include "loch/sql/parser.h"

namespace loch::sql::testing {

/// Parses `sql` as an expression and returns its Spark-style name.
inline std::string pretty(const std::string& sql) {
  return parseExpression(sql)->toString();
}

/// Parses `sql` as an expression and returns its normalized SQL.
inline std::string sqlOf(const std::string& sql) {
  return parseExpression(sql)->toSql();
}

/// Parses a query and returns its normalized SQL.
inline std::string querySql(const std::string& sql) {
  return parseQuery(sql)->toSql();
}

/// The body of a parsed query as a SelectCore (fails the test otherwise).
inline const SelectCore& selectOf(const Query& q) {
  EXPECT_EQ(q.body->kind, QueryBodyKind::kSelect);
  return q.body->as<SelectCore>();
}

/// The message of the ParseException thrown by `fn`, or "<no error>".
template <class Fn>
std::string parseError(Fn&& fn) {
  try {
    fn();
  } catch (const loch::ParseException& e) {
    return e.what();
  }
  return "<no error>";
}

/// The error message for parsing `sql` as a statement.
inline std::string statementError(const std::string& sql) {
  return parseError([&] { parseStatement(sql); });
}

}  // namespace loch::sql::testing

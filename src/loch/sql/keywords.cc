#include "loch/sql/keywords.h"

#include <array>

#include "loch/sql/token.h"

namespace loch::sql {

namespace {

constexpr std::array<std::string_view, 31> kReservedWords = {
    "ALL",     "AND",  "AS",   "BETWEEN",   "CASE", "CROSS", "DISTINCT",
    "ELSE",    "END",  "EXCEPT", "FROM",    "FULL", "GROUP", "HAVING",
    "ILIKE",   "IN",   "INNER", "INTERSECT", "IS",  "JOIN",  "LIKE",
    "NATURAL", "NOT",  "ON",   "OR",        "ORDER", "RLIKE", "SELECT",
    "THEN",    "UNION", "WHEN"};

constexpr std::array<std::string_view, 28> kClauseWords = {
    "WHERE",  "LIMIT",   "OFFSET",     "WINDOW",  "QUALIFY", "MINUS",
    "SORT",   "CLUSTER", "DISTRIBUTE", "LATERAL", "PIVOT",   "UNPIVOT",
    "TABLESAMPLE", "LEFT", "RIGHT",    "SEMI",    "ANTI",    "REGEXP",
    "USING",  "INTO",    "FOR",        "WITH",    "ESCAPE",  "DIV",
    "OVER",   "FILTER",  "VALUES",     "TABLE"};

template <size_t N>
bool containsWord(const std::array<std::string_view, N>& words,
                  std::string_view word) {
  if (word.size() > 16) return false;
  std::string upper = toUpperAscii(word);
  for (std::string_view w : words) {
    if (w == upper) return true;
  }
  return false;
}

}  // namespace

bool isReservedWord(std::string_view word) {
  return containsWord(kReservedWords, word);
}

bool isClauseWord(std::string_view word) {
  return containsWord(kClauseWords, word);
}

}  // namespace loch::sql

#pragma once
// Which Spark keywords the parser treats as reserved. Spark (non-ANSI mode)
// has almost no reserved words; a hand-written parser needs a few to stay
// unambiguous, listed here so the parser and the SQL printer agree.

#include <string_view>

namespace loch::sql {

/// True if `word` (any case) can never be a bare identifier: a column,
/// function or table name must back-quote it (e.g. SELECT, FROM, JOIN).
bool isReservedWord(std::string_view word);

/// True if `word` (any case) ends a select item or relation, so it cannot
/// be an alias written without AS (e.g. WHERE, LIMIT, LEFT). Reserved
/// words are not repeated here.
bool isClauseWord(std::string_view word);

}  // namespace loch::sql

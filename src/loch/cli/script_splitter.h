#pragma once
// Splits a SQL script into its ';'-separated statements for `loch sql -f`.

#include <string>
#include <string_view>
#include <vector>

namespace loch::cli {

/// Splits `script` at top-level ';' tokens (semicolons inside strings,
/// quoted identifiers and comments do not split), dropping empty
/// statements. Each returned statement is padded with the newlines and
/// spaces that preceded it in the script, so a ParseException raised when
/// parsing it alone reports the script's own "(line L, pos P)".
/// @throws ParseException PARSE_SYNTAX_ERROR for an unterminated string,
///         quoted identifier or comment (from the SQL lexer).
std::vector<std::string> splitStatements(std::string_view script);

}  // namespace loch::cli

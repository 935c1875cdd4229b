#pragma once
// Splits a SQL script into its ';'-separated statements (`loch sql -f`,
// SQL jobs, the interactive shell).

#include <string>
#include <string_view>
#include <vector>

namespace loch::jobs {

/// One statement of a script and the text between the previous statement's
/// ';' (or the start) and its first token: the comments that annotate it.
struct ScriptStatement {
  std::string sql;       ///< padded as splitStatements() pads it
  std::string preamble;  ///< raw text before the statement (comments, blanks)
};

/// Splits `script` at top-level ';' tokens (semicolons inside strings,
/// quoted identifiers and comments do not split), dropping empty
/// statements. Each returned statement is padded with the newlines and
/// spaces that preceded it in the script, so a ParseException raised when
/// parsing it alone reports the script's own "(line L, pos P)".
/// @throws ParseException PARSE_SYNTAX_ERROR for an unterminated string,
///         quoted identifier or comment (from the SQL lexer).
std::vector<std::string> splitStatements(std::string_view script);

/// splitStatements() with each statement's preamble.
std::vector<ScriptStatement> splitScript(std::string_view script);

/// True when `text` ends a statement: its last token (comments and blanks
/// aside) is a top-level ';'. Used by the shell to know when to run what
/// was typed. An unterminated string or comment is not complete.
bool isCompleteStatement(std::string_view text);

}  // namespace loch::jobs

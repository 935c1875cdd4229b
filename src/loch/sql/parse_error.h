#pragma once
// Builds Spark-style syntax errors: "Syntax error at or near 'X'. (line 1,
// pos 7)". Shared by the lexer and the parser so the wording stays uniform.

#include <string>
#include <string_view>

#include "loch/sql/token.h"

namespace loch::sql {

/// Throws loch::ParseException (class PARSE_SYNTAX_ERROR) for a problem at
/// `pos`. `near` is the offending source text, quoted in the message; an
/// empty `near` reads "end of input". `detail`, when non-empty, is appended
/// after a colon (e.g. "unclosed string literal").
[[noreturn]] void throwSyntaxError(std::string_view near, const SourcePos& pos,
                                   std::string_view detail = {});

/// Throws the syntax error for an unexpected token `tok`.
[[noreturn]] void throwUnexpected(const Token& tok,
                                  std::string_view detail = {});

/// Formats " (line L, pos P)" exactly as Spark appends it to messages.
std::string positionSuffix(const SourcePos& pos);

}  // namespace loch::sql

#include "loch/sql/parse_error.h"

#include "loch/common/exception.h"

namespace loch::sql {

std::string positionSuffix(const SourcePos& pos) {
  return " (line " + std::to_string(pos.line) + ", pos " +
         std::to_string(pos.col) + ")";
}

void throwSyntaxError(std::string_view near, const SourcePos& pos,
                      std::string_view detail) {
  std::string msg = "Syntax error at or near ";
  if (near.empty()) {
    msg += "end of input";
  } else {
    msg += "'";
    msg += near;
    msg += "'";
  }
  if (!detail.empty()) {
    msg += ": ";
    msg += detail;
  }
  msg += ".";
  msg += positionSuffix(pos);
  throw loch::ParseException("PARSE_SYNTAX_ERROR", msg);
}

void throwUnexpected(const Token& tok, std::string_view detail) {
  switch (tok.kind) {
    case TokenKind::kEnd:
      throwSyntaxError({}, tok.pos, detail);
    case TokenKind::kString:
      throwSyntaxError("'" + tok.text + "'", tok.pos, detail);
    case TokenKind::kQuotedIdentifier:
      throwSyntaxError("`" + tok.text + "`", tok.pos, detail);
    case TokenKind::kHexString:
      throwSyntaxError("X'" + tok.text + "'", tok.pos, detail);
    case TokenKind::kHintStart:
      throwSyntaxError("/*+", tok.pos, detail);
    case TokenKind::kHintEnd:
      throwSyntaxError("*/", tok.pos, detail);
    default:
      throwSyntaxError(tok.text, tok.pos, detail);
  }
}

}  // namespace loch::sql

#pragma once
// Tokens produced by the SQL lexer. Keywords are not a separate kind: Spark
// treats almost every keyword as non-reserved, so the parser decides from
// context whether an identifier token is a keyword (case-insensitively).

#include <cstddef>
#include <string>
#include <string_view>

namespace loch::sql {

/// Position of a token or AST node in the SQL text: `line` is 1-based and
/// `col` is the 0-based column (Spark's "pos"); `offset` is the byte offset.
struct SourcePos {
  int line = 1;
  int col = 0;
  size_t offset = 0;
};

enum class TokenKind {
  kEnd,              ///< end of input (always the last token)
  kIdentifier,       ///< unquoted word; also every keyword
  kQuotedIdentifier, ///< `back quoted`; text is unescaped
  kString,           ///< '...' or "..."; text is the unescaped value
  kNumber,           ///< numeric literal; text is raw, including any suffix
  kHexString,        ///< X'0AFF'; text is the hex digits
  kOperator,         ///< punctuation/operator; text is the symbol, e.g. "<=>"
  kHintStart,        ///< the "/*+" that opens a hint comment
  kHintEnd,          ///< the "*/" that closes a hint comment
};

struct Token {
  TokenKind kind = TokenKind::kEnd;
  /// Meaning depends on kind (see TokenKind).
  std::string text;
  SourcePos pos;
  /// Byte offset one past the token's last character in the source.
  size_t end_offset = 0;

  bool is(TokenKind k) const { return kind == k; }
  /// True if this is operator `op` (exact match).
  bool isOp(std::string_view op) const {
    return kind == TokenKind::kOperator && text == op;
  }
  /// True if this is an unquoted identifier equal to `keyword` ignoring
  /// case; `keyword` must be given in upper case.
  bool isKeyword(std::string_view keyword) const;
};

/// Upper-cases ASCII letters of `s`.
std::string toUpperAscii(std::string_view s);
/// Lower-cases ASCII letters of `s`.
std::string toLowerAscii(std::string_view s);

inline bool Token::isKeyword(std::string_view keyword) const {
  if (kind != TokenKind::kIdentifier || text.size() != keyword.size()) {
    return false;
  }
  for (size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
    if (c != keyword[i]) return false;
  }
  return true;
}

}  // namespace loch::sql

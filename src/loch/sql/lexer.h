#pragma once
// Splits Spark SQL text into tokens. Comments are skipped, except hint
// comments "/*+ ... */" whose delimiters become kHintStart/kHintEnd tokens
// with the hint's contents tokenized normally in between.

#include <string_view>
#include <vector>

#include "loch/sql/token.h"

namespace loch::sql {

class Lexer {
 public:
  /// `sql` must outlive the lexer.
  explicit Lexer(std::string_view sql) : sql_(sql) {}

  /// Tokenizes the whole input. The result always ends with one kEnd token.
  /// String tokens hold the unescaped value (Spark's backslash escapes);
  /// adjacent string literals are NOT merged here (the parser does that).
  /// Throws loch::ParseException (PARSE_SYNTAX_ERROR) for an unterminated
  /// string, quoted identifier or comment, or an unexpected character.
  std::vector<Token> tokenize();

 private:
  char peek(size_t ahead = 0) const {
    return pos_ + ahead < sql_.size() ? sql_[pos_ + ahead] : '\0';
  }
  bool atEnd() const { return pos_ >= sql_.size(); }
  SourcePos here() const { return {line_, static_cast<int>(pos_ - line_start_), pos_}; }
  void advance(size_t n = 1);

  /// Skips whitespace and comments; stops at a hint opener "/*+" (outside
  /// a hint) so that it becomes a token.
  void skipTrivia();
  void skipBlockComment();
  Token lexWord();
  Token lexNumber();
  Token lexString(bool raw);
  Token lexQuotedIdentifier();
  Token lexHexString();
  Token lexOperator();
  Token make(TokenKind kind, std::string text, const SourcePos& start) const;

  std::string_view sql_;
  size_t pos_ = 0;
  int line_ = 1;
  size_t line_start_ = 0;
  bool in_hint_ = false;
};

}  // namespace loch::sql

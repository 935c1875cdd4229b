#include "loch/sql/lexer.h"

#include <array>
#include <string>

#include "loch/common/exception.h"
#include "loch/sql/parse_error.h"

namespace loch::sql {

std::string toUpperAscii(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  }
  return out;
}

std::string toLowerAscii(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

namespace {

bool isDigit(char c) { return c >= '0' && c <= '9'; }
bool isHexDigit(char c) {
  return isDigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}
// Non-ASCII bytes count as letters so UTF-8 identifiers lex as one word.
bool isWordChar(char c) {
  return isDigit(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
         c == '_' || static_cast<unsigned char>(c) >= 0x80;
}

void appendUtf8(std::string& out, uint32_t cp) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

// Longest operators first so that e.g. "<=>" wins over "<=" and "<".
constexpr std::array<std::string_view, 10> kMultiCharOps = {
    "<=>", "<>", "<=", ">=", "!=", "==", "||", "::", "->", "=>"};
constexpr std::string_view kSingleCharOps = "=<>+-*/%()[],.;:|&^~!{}?";

bool isNumericSuffix(std::string_view upper) {
  return upper == "L" || upper == "S" || upper == "Y" || upper == "D" ||
         upper == "F" || upper == "BD";
}

}  // namespace

void Lexer::advance(size_t n) {
  for (size_t i = 0; i < n && pos_ < sql_.size(); ++i) {
    if (sql_[pos_] == '\n') {
      ++line_;
      line_start_ = pos_ + 1;
    }
    ++pos_;
  }
}

Token Lexer::make(TokenKind kind, std::string text,
                  const SourcePos& start) const {
  Token t;
  t.kind = kind;
  t.text = std::move(text);
  t.pos = start;
  t.end_offset = pos_;
  return t;
}

std::vector<Token> Lexer::tokenize() {
  std::vector<Token> tokens;
  while (true) {
    skipTrivia();
    if (atEnd()) {
      if (in_hint_) {
        throw loch::ParseException(
            "UNCLOSED_BRACKETED_COMMENT",
            "Found an unclosed bracketed comment. Please, append */ at the "
            "end of the comment." +
                positionSuffix(here()));
      }
      tokens.push_back(make(TokenKind::kEnd, "", here()));
      return tokens;
    }
    char c = peek();
    char n = peek(1);
    SourcePos start = here();
    if (c == '/' && n == '*' && peek(2) == '+' && !in_hint_) {
      advance(3);
      in_hint_ = true;
      tokens.push_back(make(TokenKind::kHintStart, "/*+", start));
    } else if (c == '*' && n == '/' && in_hint_) {
      advance(2);
      in_hint_ = false;
      tokens.push_back(make(TokenKind::kHintEnd, "*/", start));
    } else if ((c == 'x' || c == 'X') && n == '\'') {
      tokens.push_back(lexHexString());
    } else if ((c == 'r' || c == 'R') && (n == '\'' || n == '"')) {
      advance();
      tokens.push_back(lexString(/*raw=*/true));
      tokens.back().pos = start;
    } else if (isDigit(c) || (c == '.' && isDigit(n))) {
      tokens.push_back(lexNumber());
    } else if (isWordChar(c)) {
      tokens.push_back(lexWord());
    } else if (c == '\'' || c == '"') {
      tokens.push_back(lexString(/*raw=*/false));
    } else if (c == '`') {
      tokens.push_back(lexQuotedIdentifier());
    } else {
      tokens.push_back(lexOperator());
    }
  }
}

void Lexer::skipTrivia() {
  while (!atEnd()) {
    char c = peek();
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' ||
        c == '\v') {
      advance();
    } else if (c == '-' && peek(1) == '-') {
      while (!atEnd() && peek() != '\n') advance();
    } else if (c == '/' && peek(1) == '*' && (peek(2) != '+' || in_hint_)) {
      skipBlockComment();
    } else {
      return;
    }
  }
}

// Spark's bracketed comments nest: /* a /* b */ c */ is one comment.
void Lexer::skipBlockComment() {
  SourcePos start = here();
  int depth = 0;
  while (!atEnd()) {
    if (peek() == '/' && peek(1) == '*') {
      ++depth;
      advance(2);
    } else if (peek() == '*' && peek(1) == '/') {
      advance(2);
      if (--depth == 0) return;
    } else {
      advance();
    }
  }
  throw loch::ParseException(
      "UNCLOSED_BRACKETED_COMMENT",
      "Found an unclosed bracketed comment. Please, append */ at the end of "
      "the comment." +
          positionSuffix(start));
}

Token Lexer::lexWord() {
  SourcePos start = here();
  while (!atEnd() && isWordChar(peek())) advance();
  return make(TokenKind::kIdentifier,
              std::string(sql_.substr(start.offset, pos_ - start.offset)),
              start);
}

// Spark's IDENTIFIER rule accepts words starting with digits (e.g. "1a"),
// so a digit run followed by letters that are not a numeric suffix lexes as
// an identifier.
Token Lexer::lexNumber() {
  SourcePos start = here();
  bool fraction_or_exponent = false;
  while (isDigit(peek())) advance();
  if (peek() == '.') {  // "1." is a decimal literal in Spark
    fraction_or_exponent = true;
    advance();
    while (isDigit(peek())) advance();
  }
  if ((peek() == 'e' || peek() == 'E') &&
      (isDigit(peek(1)) ||
       ((peek(1) == '+' || peek(1) == '-') && isDigit(peek(2))))) {
    fraction_or_exponent = true;
    advance(2);
    while (isDigit(peek())) advance();
  }
  size_t suffix_start = pos_;
  while (isWordChar(peek())) advance();
  std::string_view suffix = sql_.substr(suffix_start, pos_ - suffix_start);
  std::string text(sql_.substr(start.offset, pos_ - start.offset));
  if (suffix.empty() || isNumericSuffix(toUpperAscii(suffix))) {
    return make(TokenKind::kNumber, std::move(text), start);
  }
  if (!fraction_or_exponent) {
    return make(TokenKind::kIdentifier, std::move(text), start);
  }
  // "1.5abc": the number ends before the letters.
  pos_ = suffix_start;
  return make(TokenKind::kNumber,
              std::string(sql_.substr(start.offset, pos_ - start.offset)),
              start);
}

Token Lexer::lexString(bool raw) {
  SourcePos start = here();
  if (raw) {  // include the r prefix in the position
    start.col -= 1;
    start.offset -= 1;
  }
  char quote = peek();
  advance();
  std::string value;
  while (true) {
    if (atEnd()) {
      throwSyntaxError(sql_.substr(start.offset), start,
                       "unclosed string literal");
    }
    char c = peek();
    if (c == quote) {
      advance();
      break;
    }
    if (c == '\\' && !raw) {
      char e = peek(1);
      if (e == '\0' && pos_ + 1 >= sql_.size()) {
        advance();
        continue;  // reported as unclosed on the next iteration
      }
      if (e == 'u' || e == 'U') {
        size_t digits = e == 'u' ? 4 : 8;
        bool ok = true;
        uint32_t cp = 0;
        for (size_t i = 0; i < digits; ++i) {
          char h = peek(2 + i);
          if (!isHexDigit(h)) {
            ok = false;
            break;
          }
          cp = cp * 16 + static_cast<uint32_t>(
                             isDigit(h) ? h - '0' : (h | 0x20) - 'a' + 10);
        }
        if (ok && cp <= 0x10FFFF) {
          appendUtf8(value, cp);
          advance(2 + digits);
          continue;
        }
      }
      if (e >= '0' && e <= '3' && peek(2) >= '0' && peek(2) <= '7' &&
          peek(3) >= '0' && peek(3) <= '7') {
        value += static_cast<char>((e - '0') * 64 + (peek(2) - '0') * 8 +
                                   (peek(3) - '0'));
        advance(4);
        continue;
      }
      switch (e) {
        case '0': value += '\0'; break;
        case 'b': value += '\b'; break;
        case 'n': value += '\n'; break;
        case 'r': value += '\r'; break;
        case 't': value += '\t'; break;
        case 'Z': value += '\x1A'; break;
        // LIKE wildcards keep their backslash so they stay escaped.
        case '%': value += "\\%"; break;
        case '_': value += "\\_"; break;
        default: value += e; break;
      }
      advance(2);
      continue;
    }
    value += c;
    advance();
  }
  return make(TokenKind::kString, std::move(value), start);
}

Token Lexer::lexQuotedIdentifier() {
  SourcePos start = here();
  advance();
  std::string value;
  while (true) {
    if (atEnd()) {
      throwSyntaxError(sql_.substr(start.offset), start,
                       "unclosed quoted identifier");
    }
    if (peek() == '`') {
      if (peek(1) == '`') {  // `` is an escaped backtick
        value += '`';
        advance(2);
        continue;
      }
      advance();
      break;
    }
    value += peek();
    advance();
  }
  return make(TokenKind::kQuotedIdentifier, std::move(value), start);
}

Token Lexer::lexHexString() {
  SourcePos start = here();
  advance(2);
  std::string digits;
  while (!atEnd() && peek() != '\'') {
    digits += peek();
    advance();
  }
  if (atEnd()) {
    throwSyntaxError(sql_.substr(start.offset), start,
                     "unclosed string literal");
  }
  advance();
  for (char c : digits) {
    if (!isHexDigit(c)) {
      throwSyntaxError(sql_.substr(start.offset, pos_ - start.offset), start,
                       "invalid hexadecimal literal");
    }
  }
  return make(TokenKind::kHexString, std::move(digits), start);
}

Token Lexer::lexOperator() {
  SourcePos start = here();
  for (std::string_view op : kMultiCharOps) {
    if (sql_.substr(pos_, op.size()) == op) {
      advance(op.size());
      return make(TokenKind::kOperator, std::string(op), start);
    }
  }
  char c = peek();
  if (kSingleCharOps.find(c) != std::string_view::npos) {
    advance();
    return make(TokenKind::kOperator, std::string(1, c), start);
  }
  // Spark reports the unknown character itself (for UTF-8, the whole
  // sequence is a word char, so only ASCII junk gets here).
  throwSyntaxError(sql_.substr(pos_, 1), start, "unexpected character");
}

}  // namespace loch::sql

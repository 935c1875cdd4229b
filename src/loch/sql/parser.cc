#include "loch/sql/parser.h"

#include <algorithm>

#include "loch/sql/keywords.h"
#include "loch/sql/lexer.h"
#include "loch/sql/parse_error.h"
#include "loch/sql/parser_impl.h"

namespace loch::sql {


// ---------------------------------------------------------------------------
// Construction and entry points
// ---------------------------------------------------------------------------

Parser::Parser(std::string_view sql, int max_depth)
    : sql_(sql),
      tokens_(Lexer(sql).tokenize()),
      max_depth_(max_depth),
      max_chain_(max_depth * 5) {}

Parser::DepthGuard::DepthGuard(Parser& parser) : parser_(parser) {
  if (++parser_.depth_ > parser_.max_depth_) parser_.failTooDeep();
}

void Parser::failTooDeep() const {
  fail(peek(), "the statement is nested too deeply (more than " +
                   std::to_string(max_depth_) + " levels)");
}

std::vector<StatementPtr> Parser::parseScript() {
  std::vector<StatementPtr> statements;
  while (true) {
    while (acceptOp(";")) {
    }
    if (peek().is(TokenKind::kEnd)) return statements;
    statements.push_back(parseStatement());
    if (!peek().is(TokenKind::kEnd) && !peekOp(";")) fail(peek());
  }
}

StatementPtr Parser::parseSingleStatement() {
  while (acceptOp(";")) {
  }
  auto statement = parseStatement();
  while (acceptOp(";")) {
  }
  expectEnd();
  return statement;
}

QueryPtr Parser::parseSingleQuery() {
  auto query = parseQuery();
  acceptOp(";");
  expectEnd();
  return query;
}

ExprPtr Parser::parseSingleExpression() {
  ExprPtr expr = parseExpression();
  if (auto name = parseOptionalAlias()) {
    auto alias = std::make_unique<Alias>();
    alias->pos = expr->pos;
    alias->expr = std::move(expr);
    alias->name = std::move(*name);
    expr = std::move(alias);
  }
  expectEnd();
  return expr;
}

SelectItem Parser::parseSingleSelectItem() {
  auto item = parseSelectItem();
  expectEnd();
  return item;
}

TypeName Parser::parseSingleType() {
  auto type = parseType();
  expectEnd();
  return type;
}

std::vector<std::string> Parser::parseSingleName() {
  auto name = parseQualifiedName();
  expectEnd();
  return name;
}

std::vector<StatementPtr> parseStatements(std::string_view sql) {
  return Parser(sql, kMaxParseDepth).parseScript();
}

StatementPtr parseStatement(std::string_view sql) {
  return Parser(sql, kMaxParseDepth).parseSingleStatement();
}

QueryPtr parseQuery(std::string_view sql) {
  return Parser(sql, kMaxParseDepth).parseSingleQuery();
}

ExprPtr parseExpression(std::string_view sql) {
  return Parser(sql, kMaxParseDepth).parseSingleExpression();
}

SelectItem parseSelectItem(std::string_view sql) {
  return Parser(sql, kMaxParseDepth).parseSingleSelectItem();
}

TypeName parseDataType(std::string_view sql) {
  return Parser(sql, kMaxParseDepth).parseSingleType();
}

std::vector<std::string> parseMultipartIdentifier(std::string_view sql) {
  return Parser(sql, kMaxParseDepth).parseSingleName();
}

// ---------------------------------------------------------------------------
// Token helpers
// ---------------------------------------------------------------------------

const Token& Parser::peek(size_t ahead) const {
  size_t i = std::min(index_ + ahead, tokens_.size() - 1);
  return tokens_[i];
}

const Token& Parser::advance() {
  const Token& tok = tokens_[index_];
  if (index_ + 1 < tokens_.size()) ++index_;
  return tok;
}

bool Parser::acceptKeyword(std::string_view kw) {
  if (!peekKeyword(kw)) return false;
  advance();
  return true;
}

bool Parser::acceptKeywords(std::initializer_list<std::string_view> kws) {
  size_t i = 0;
  for (std::string_view kw : kws) {
    if (!peekKeyword(kw, i++)) return false;
  }
  index_ += kws.size();
  return true;
}

void Parser::expectKeyword(std::string_view kw) {
  if (!acceptKeyword(kw)) fail(peek());
}

bool Parser::acceptOp(std::string_view op) {
  if (!peekOp(op)) return false;
  advance();
  return true;
}

void Parser::expectOp(std::string_view op) {
  if (!acceptOp(op)) fail(peek());
}

void Parser::expectEnd() {
  if (!peek().is(TokenKind::kEnd)) fail(peek());
}

void Parser::fail(const Token& tok, std::string_view detail) const {
  // Quote the token as written in the source, as Spark does.
  if (!tok.is(TokenKind::kEnd) && tok.end_offset > tok.pos.offset) {
    throwSyntaxError(sql_.substr(tok.pos.offset,
                                 tok.end_offset - tok.pos.offset),
                     tok.pos, detail);
  }
  throwUnexpected(tok, detail);
}

std::string Parser::sourceText(size_t begin, size_t end) const {
  if (end <= begin || begin >= sql_.size()) return {};
  return std::string(sql_.substr(begin, end - begin));
}

std::string Parser::sourceFrom(const Token& first) const {
  return sourceText(first.pos.offset, previous().end_offset);
}

// ---------------------------------------------------------------------------
// Names
// ---------------------------------------------------------------------------

bool Parser::isReserved(const Token& tok) {
  return tok.is(TokenKind::kIdentifier) && isReservedWord(tok.text);
}

bool Parser::canBeImplicitAlias(const Token& tok) {
  if (tok.is(TokenKind::kQuotedIdentifier)) return true;
  return tok.is(TokenKind::kIdentifier) && !isReservedWord(tok.text) &&
         !isClauseWord(tok.text);
}

bool Parser::peekIdentifier(size_t ahead) const {
  const Token& tok = peek(ahead);
  return tok.is(TokenKind::kQuotedIdentifier) ||
         (tok.is(TokenKind::kIdentifier) && !isReserved(tok));
}

std::string Parser::parseIdentifier() {
  if (!peekIdentifier()) fail(peek());
  return advance().text;
}

std::string Parser::parseAnyIdentifier() {
  if (!peek().is(TokenKind::kIdentifier) &&
      !peek().is(TokenKind::kQuotedIdentifier)) {
    fail(peek());
  }
  return advance().text;
}

std::vector<std::string> Parser::parseQualifiedName(bool* last_quoted) {
  std::vector<std::string> parts;
  bool quoted = peek().is(TokenKind::kQuotedIdentifier);
  parts.push_back(parseIdentifier());
  while (peekOp(".") && (peek(1).is(TokenKind::kIdentifier) ||
                         peek(1).is(TokenKind::kQuotedIdentifier))) {
    advance();
    quoted = peek().is(TokenKind::kQuotedIdentifier);
    parts.push_back(parseAnyIdentifier());
  }
  if (last_quoted != nullptr) *last_quoted = quoted;
  return parts;
}

std::vector<std::string> Parser::parseIdentifierList() {
  std::vector<std::string> names;
  expectOp("(");
  do {
    names.push_back(parseAnyIdentifier());
  } while (acceptOp(","));
  expectOp(")");
  return names;
}

std::optional<std::string> Parser::parseOptionalAlias() {
  if (acceptKeyword("AS")) return parseAnyIdentifier();
  if (canBeImplicitAlias(peek())) return advance().text;
  return std::nullopt;
}

bool Parser::isQueryKeyword(const Token& tok) {
  return tok.isKeyword("SELECT") || tok.isKeyword("WITH") ||
         tok.isKeyword("VALUES") || tok.isKeyword("TABLE");
}

bool Parser::looksLikeQuery(size_t ahead) const {
  while (peekOp("(", ahead)) ++ahead;
  const Token& tok = peek(ahead);
  // TABLE alone is too common a column name to count here.
  return tok.isKeyword("SELECT") || tok.isKeyword("WITH") ||
         tok.isKeyword("VALUES");
}

}  // namespace loch::sql

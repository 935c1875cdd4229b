// Data types: primitive names with Spark's aliases, decimal/char/varchar
// parameters, interval qualifiers, and nested array/map/struct types.

#include <charconv>
#include <unordered_map>

#include "loch/sql/parser_impl.h"

namespace loch::sql {

namespace {

// Spark accepts several spellings per type; the AST keeps one.
const std::unordered_map<std::string, std::string>& typeAliases() {
  static const std::unordered_map<std::string, std::string> kAliases = {
      {"boolean", "boolean"},     {"tinyint", "tinyint"},
      {"byte", "tinyint"},        {"smallint", "smallint"},
      {"short", "smallint"},      {"int", "int"},
      {"integer", "int"},         {"bigint", "bigint"},
      {"long", "bigint"},         {"float", "float"},
      {"real", "float"},          {"double", "double"},
      {"decimal", "decimal"},     {"dec", "decimal"},
      {"numeric", "decimal"},     {"string", "string"},
      {"varchar", "varchar"},     {"char", "char"},
      {"character", "char"},      {"binary", "binary"},
      {"date", "date"},           {"timestamp", "timestamp"},
      {"timestamp_ltz", "timestamp"}, {"timestamp_ntz", "timestamp_ntz"},
      {"interval", "interval"},   {"void", "void"},
      {"array", "array"},         {"map", "map"},
      {"struct", "struct"},
  };
  return kAliases;
}

}  // namespace

TypeName Parser::parseType() {
  DepthGuard guard(*this);
  TypeName type;
  type.pos = peek().pos;
  if (!peek().is(TokenKind::kIdentifier)) fail(peek());
  std::string word = toLowerAscii(advance().text);
  auto it = typeAliases().find(word);
  type.name = it == typeAliases().end() ? word : it->second;

  if (type.name == "array") {
    expectOp("<");
    type.children.push_back(parseType());
    expectOp(">");
  } else if (type.name == "map") {
    expectOp("<");
    type.children.push_back(parseType());
    expectOp(",");
    type.children.push_back(parseType());
    expectOp(">");
  } else if (type.name == "struct") {
    if (peekOp("<>")) {  // struct<> lexes as the <> operator
      advance();
    } else {
      expectOp("<");
      if (!peekOp(">")) parseStructFields(type);
      expectOp(">");
    }
  } else if (type.name == "interval") {
    if (peekIntervalUnit(0)) {
      type.interval_from = parseIntervalField();
      if (acceptKeyword("TO")) type.interval_to = parseIntervalField();
    }
  } else if (peekOp("(")) {
    advance();
    do {
      const Token& num = peek();
      int value = 0;
      if (!num.is(TokenKind::kNumber)) fail(num);
      auto [end, ec] = std::from_chars(
          num.text.data(), num.text.data() + num.text.size(), value);
      if (ec != std::errc() || end != num.text.data() + num.text.size()) {
        fail(num);
      }
      advance();
      type.params.push_back(value);
    } while (acceptOp(","));
    expectOp(")");
  }
  return type;
}

// "a: int, b string NOT NULL COMMENT 'x'"
void Parser::parseStructFields(TypeName& type) {
  do {
    type.field_names.push_back(parseAnyIdentifier());
    acceptOp(":");
    type.children.push_back(parseType());
    bool not_null = acceptKeywords({"NOT", "NULL"});
    type.field_not_null.push_back(not_null);
    type.field_comments.push_back(
        acceptKeyword("COMMENT") ? parseStringLiteral() : std::string());
  } while (acceptOp(","));
}

std::string Parser::parseIntervalField() {
  if (!peekIntervalUnit(0)) fail(peek());
  return normalizeIntervalUnit(advance().text);
}

}  // namespace loch::sql

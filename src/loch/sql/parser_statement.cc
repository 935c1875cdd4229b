// Statements: queries, CREATE VIEW/TABLE, INSERT, DROP, SHOW TABLES,
// DESCRIBE, EXPLAIN, SET/RESET, CACHE/UNCACHE and USE.

#include "loch/sql/parse_error.h"
#include "loch/sql/parser_impl.h"

namespace loch::sql {

namespace {

template <class T>
std::unique_ptr<T> makeStatement(const SourcePos& pos) {
  auto statement = std::make_unique<T>();
  statement->pos = pos;
  return statement;
}

}  // namespace

StatementPtr Parser::parseStatement() {
  DepthGuard guard(*this);
  const Token& first = peek();
  StatementPtr statement = parseStatementBody();
  statement->pos = first.pos;
  statement->source_text = sourceFrom(first);
  return statement;
}

StatementPtr Parser::parseStatementBody() {
  const Token& tok = peek();
  if (isQueryKeyword(tok) || tok.isOp("(")) {
    auto statement = makeStatement<QueryStatement>(tok.pos);
    statement->query = parseQuery();
    return statement;
  }
  if (tok.isKeyword("CREATE")) return parseCreate();
  if (tok.isKeyword("INSERT")) return parseInsert();
  if (tok.isKeyword("DROP")) return parseDrop();
  if (tok.isKeyword("SHOW")) return parseShow();
  if (tok.isKeyword("DESCRIBE") || tok.isKeyword("DESC")) {
    return parseDescribe();
  }
  if (tok.isKeyword("EXPLAIN")) return parseExplain();
  if (tok.isKeyword("SET")) return parseSet();
  if (tok.isKeyword("RESET")) return parseReset();
  if (tok.isKeyword("CACHE")) return parseCache();
  if (tok.isKeyword("UNCACHE")) return parseUncache();
  if (tok.isKeyword("USE")) return parseUse();
  fail(tok);
}

StatementPtr Parser::parseCreate() {
  advance();
  bool or_replace = acceptKeywords({"OR", "REPLACE"});
  if (peekKeyword("GLOBAL") || peekKeyword("TEMP") ||
      peekKeyword("TEMPORARY") || peekKeyword("VIEW")) {
    return parseCreateView(or_replace);
  }
  if (peekKeyword("TABLE") || peekKeyword("EXTERNAL")) {
    return parseCreateTable(or_replace);
  }
  fail(peek());
}

StatementPtr Parser::parseCreateView(bool or_replace) {
  auto view = makeStatement<CreateViewStatement>(peek().pos);
  view->or_replace = or_replace;
  view->global = acceptKeyword("GLOBAL");
  view->temporary = acceptKeyword("TEMP") || acceptKeyword("TEMPORARY");
  if (view->global && !view->temporary) fail(peek());
  expectKeyword("VIEW");
  view->if_not_exists = acceptKeywords({"IF", "NOT", "EXISTS"});
  view->name = parseQualifiedName();
  if (acceptOp("(")) {
    do {
      view->columns.push_back(parseAnyIdentifier());
      if (acceptKeyword("COMMENT")) parseStringLiteral();
    } while (acceptOp(","));
    expectOp(")");
  }
  while (true) {
    if (acceptKeyword("COMMENT")) {
      parseStringLiteral();
    } else if (acceptKeyword("TBLPROPERTIES")) {
      parseProperties();
    } else {
      break;
    }
  }
  expectKeyword("AS");
  const Token& query_start = peek();
  view->query = parseQuery();
  view->query_text = sourceFrom(query_start);
  return view;
}

StatementPtr Parser::parseCreateTable(bool or_replace) {
  auto table = makeStatement<CreateTableStatement>(peek().pos);
  table->or_replace = or_replace;
  table->external = acceptKeyword("EXTERNAL");
  expectKeyword("TABLE");
  table->if_not_exists = acceptKeywords({"IF", "NOT", "EXISTS"});
  table->name = parseQualifiedName();
  if (peekOp("(") && !looksLikeQuery(1)) {
    advance();
    do {
      table->columns.push_back(parseColumnDefinition());
    } while (acceptOp(","));
    expectOp(")");
  }
  // Spark accepts the table clauses in any order.
  while (true) {
    if (acceptKeyword("USING")) {
      table->provider = toLowerAscii(parseAnyIdentifier());
    } else if (acceptKeyword("OPTIONS")) {
      table->options = parseProperties();
    } else if (acceptKeywords({"PARTITIONED", "BY"})) {
      expectOp("(");
      do {
        table->partition_by.push_back(parseAnyIdentifier());
        if (!peekOp(",") && !peekOp(")")) parseType();  // Hive style
      } while (acceptOp(","));
      expectOp(")");
    } else if (acceptKeyword("LOCATION")) {
      table->location = parseStringLiteral();
    } else if (acceptKeyword("COMMENT")) {
      table->comment = parseStringLiteral();
    } else if (acceptKeyword("TBLPROPERTIES")) {
      table->table_properties = parseProperties();
    } else {
      break;
    }
  }
  bool as = acceptKeyword("AS");
  if (as || isQueryKeyword(peek()) || peekOp("(")) {
    table->query = parseQuery();
  }
  return table;
}

ColumnDefinition Parser::parseColumnDefinition() {
  ColumnDefinition column;
  column.pos = peek().pos;
  column.name = parseAnyIdentifier();
  column.type = parseType();
  while (true) {
    if (acceptKeywords({"NOT", "NULL"})) {
      column.not_null = true;
    } else if (acceptKeyword("COMMENT")) {
      column.comment = parseStringLiteral();
    } else {
      return column;
    }
  }
}

// ( key [=] value, ... ) where key is a dotted name or a string and value
// a string, number or boolean.
std::vector<Property> Parser::parseProperties() {
  std::vector<Property> properties;
  expectOp("(");
  if (acceptOp(")")) return properties;
  do {
    Property property;
    if (peek().is(TokenKind::kString)) {
      property.key = parseStringLiteral();
    } else {
      property.key = parseAnyIdentifier();
      while (acceptOp(".")) property.key += "." + parseAnyIdentifier();
    }
    acceptOp("=");
    property.value = parsePropertyValue();
    properties.push_back(std::move(property));
  } while (acceptOp(","));
  expectOp(")");
  return properties;
}

std::string Parser::parsePropertyValue() {
  const Token& tok = peek();
  if (tok.is(TokenKind::kString)) return parseStringLiteral();
  if (tok.is(TokenKind::kNumber)) return advance().text;
  if (tok.isOp("-") && peek(1).is(TokenKind::kNumber)) {
    advance();
    return "-" + advance().text;
  }
  if (tok.isKeyword("TRUE") || tok.isKeyword("FALSE")) {
    return toLowerAscii(advance().text);
  }
  fail(tok);
}

// INSERT INTO|OVERWRITE [TABLE] t [PARTITION (...)] [IF NOT EXISTS]
// [(cols)] query
StatementPtr Parser::parseInsert() {
  auto insert = makeStatement<InsertStatement>(advance().pos);
  if (acceptKeyword("OVERWRITE")) {
    insert->overwrite = true;
  } else {
    expectKeyword("INTO");
  }
  acceptKeyword("TABLE");
  insert->table = parseQualifiedName();
  if (acceptKeyword("PARTITION")) {
    expectOp("(");
    do {
      PartitionValue value;
      value.column = parseAnyIdentifier();
      if (acceptOp("=")) value.value = parseExpression();
      insert->partition.push_back(std::move(value));
    } while (acceptOp(","));
    expectOp(")");
  }
  insert->if_not_exists = acceptKeywords({"IF", "NOT", "EXISTS"});
  if (peekOp("(") && !looksLikeQuery(1)) {
    insert->columns = parseIdentifierList();
  }
  insert->query = parseQuery();
  return insert;
}

StatementPtr Parser::parseDrop() {
  auto drop = makeStatement<DropStatement>(advance().pos);
  if (acceptKeyword("VIEW")) {
    drop->object = DropObject::kView;
  } else {
    expectKeyword("TABLE");
  }
  drop->if_exists = acceptKeywords({"IF", "EXISTS"});
  drop->name = parseQualifiedName();
  drop->purge = acceptKeyword("PURGE");
  return drop;
}

// SHOW TABLES [FROM|IN db] [[LIKE] 'pattern']
StatementPtr Parser::parseShow() {
  auto show = makeStatement<ShowTablesStatement>(advance().pos);
  expectKeyword("TABLES");
  if (acceptKeyword("FROM") || acceptKeyword("IN")) {
    show->database = parseQualifiedName();
  }
  acceptKeyword("LIKE");
  if (peek().is(TokenKind::kString)) show->pattern = parseStringLiteral();
  return show;
}

StatementPtr Parser::parseDescribe() {
  SourcePos pos = advance().pos;
  // TABLE here introduces a table name, not a TABLE query.
  if (acceptKeyword("QUERY") || looksLikeQuery(0)) {
    auto describe = makeStatement<DescribeQueryStatement>(pos);
    describe->query = parseQuery();
    return describe;
  }
  auto describe = makeStatement<DescribeTableStatement>(pos);
  // "DESCRIBE TABLE t"; a table literally named "table" needs back quotes.
  acceptKeyword("TABLE");
  if (peekIdentifier(1) || peekOp(".", 1)) {
    if (acceptKeyword("EXTENDED")) {
      describe->mode = DescribeMode::kExtended;
    } else if (acceptKeyword("FORMATTED")) {
      describe->mode = DescribeMode::kFormatted;
    }
  }
  describe->name = parseQualifiedName();
  if (peekIdentifier()) describe->column = parseQualifiedName();
  return describe;
}

StatementPtr Parser::parseExplain() {
  auto explain = makeStatement<ExplainStatement>(advance().pos);
  if (acceptKeyword("EXTENDED")) {
    explain->mode = ExplainMode::kExtended;
  } else if (acceptKeyword("FORMATTED")) {
    explain->mode = ExplainMode::kFormatted;
  } else if (acceptKeyword("CODEGEN")) {
    explain->mode = ExplainMode::kCodegen;
  } else if (acceptKeyword("COST")) {
    explain->mode = ExplainMode::kCost;
  }
  explain->statement = parseStatement();
  return explain;
}

std::string Parser::parseRawRest() {
  if (peek().is(TokenKind::kEnd) || peekOp(";")) return {};
  const Token& first = peek();
  while (!peek().is(TokenKind::kEnd) && !peekOp(";")) advance();
  return sourceFrom(first);
}

namespace {

std::string trimSpaces(std::string s) {
  size_t b = s.find_first_not_of(" \t\r\n");
  if (b == std::string::npos) return {};
  size_t e = s.find_last_not_of(" \t\r\n");
  return s.substr(b, e - b + 1);
}

}  // namespace

// SET | SET key | SET key = value; key and value are kept as raw text, as
// Spark does (values are not SQL expressions).
StatementPtr Parser::parseSet() {
  auto set = makeStatement<SetStatement>(advance().pos);
  if (peek().is(TokenKind::kEnd) || peekOp(";")) return set;
  const Token& first = peek();
  size_t eq_offset = std::string::npos;
  while (!peek().is(TokenKind::kEnd) && !peekOp(";")) {
    if (peekOp("=") && eq_offset == std::string::npos) {
      eq_offset = peek().pos.offset;
    }
    advance();
  }
  size_t end = previous().end_offset;
  if (eq_offset == std::string::npos) {
    set->key = trimSpaces(sourceText(first.pos.offset, end));
    return set;
  }
  set->key = trimSpaces(sourceText(first.pos.offset, eq_offset));
  if (set->key->empty()) fail(first);
  set->value = trimSpaces(sourceText(eq_offset + 1, end));
  return set;
}

StatementPtr Parser::parseReset() {
  auto reset = makeStatement<ResetStatement>(advance().pos);
  std::string key = trimSpaces(parseRawRest());
  if (!key.empty()) reset->key = key;
  return reset;
}

// CACHE [LAZY] TABLE t [OPTIONS (...)] [[AS] query]
StatementPtr Parser::parseCache() {
  auto cache = makeStatement<CacheTableStatement>(advance().pos);
  cache->lazy = acceptKeyword("LAZY");
  expectKeyword("TABLE");
  cache->name = parseQualifiedName();
  if (acceptKeyword("OPTIONS")) cache->options = parseProperties();
  bool as = acceptKeyword("AS");
  if (as || isQueryKeyword(peek()) || peekOp("(")) {
    cache->query = parseQuery();
  }
  return cache;
}

StatementPtr Parser::parseUncache() {
  auto uncache = makeStatement<UncacheTableStatement>(advance().pos);
  expectKeyword("TABLE");
  uncache->if_exists = acceptKeywords({"IF", "EXISTS"});
  uncache->name = parseQualifiedName();
  return uncache;
}

// USE [DATABASE|NAMESPACE|SCHEMA] db
StatementPtr Parser::parseUse() {
  auto use = makeStatement<UseStatement>(advance().pos);
  if ((peekKeyword("DATABASE") || peekKeyword("NAMESPACE") ||
       peekKeyword("SCHEMA")) &&
      peekIdentifier(1)) {
    advance();
  }
  use->name = parseQualifiedName();
  return use;
}

}  // namespace loch::sql

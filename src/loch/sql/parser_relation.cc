// FROM-clause relations: tables, file paths, subqueries, VALUES,
// table-valued functions, joins, TABLESAMPLE and aliases.

#include <array>

#include "loch/sql/parse_error.h"
#include "loch/sql/parser_impl.h"

namespace loch::sql {

namespace {

// `format.\`path\`` reads a file directly (Spark's "SQL on files").
bool isFileFormat(const std::string& word) {
  static constexpr std::array<std::string_view, 8> kFormats = {
      "parquet", "csv", "json", "orc", "text", "avro", "delta", "binaryfile"};
  std::string lower = toLowerAscii(word);
  for (std::string_view f : kFormats) {
    if (lower == f) return true;
  }
  return false;
}

template <class T>
std::unique_ptr<T> makeTable(const SourcePos& pos) {
  auto table = std::make_unique<T>();
  table->pos = pos;
  return table;
}

}  // namespace

TableRefPtr Parser::parseRelation() {
  DepthGuard guard(*this);
  return parseJoinedRelation(parseRelationPrimary());
}

bool Parser::peekJoin() const {
  size_t i = 0;
  if (peekKeyword("NATURAL")) ++i;
  if (peekKeyword("JOIN", i)) return true;
  if (peekKeyword("INNER", i) || peekKeyword("CROSS", i) ||
      peekKeyword("SEMI", i) || peekKeyword("ANTI", i)) {
    return peekKeyword("JOIN", i + 1);
  }
  if (peekKeyword("LEFT", i) || peekKeyword("RIGHT", i) ||
      peekKeyword("FULL", i)) {
    if (peekKeyword("JOIN", i + 1)) return true;
    return (peekKeyword("OUTER", i + 1) || peekKeyword("SEMI", i + 1) ||
            peekKeyword("ANTI", i + 1)) &&
           peekKeyword("JOIN", i + 2);
  }
  return false;
}

TableRefPtr Parser::parseJoinedRelation(TableRefPtr left) {
  int chain = 0;
  while (peekJoin()) {
    if (++chain > max_chain_) failTooDeep();
    auto join = makeTable<JoinTable>(left->pos);
    join->natural = acceptKeyword("NATURAL");
    if (acceptKeyword("INNER")) {
      join->join_type = JoinType::kInner;
    } else if (acceptKeyword("CROSS")) {
      join->join_type = JoinType::kCross;
    } else if (acceptKeyword("SEMI")) {
      join->join_type = JoinType::kLeftSemi;
    } else if (acceptKeyword("ANTI")) {
      join->join_type = JoinType::kLeftAnti;
    } else if (acceptKeyword("LEFT")) {
      join->join_type = acceptKeyword("SEMI")   ? JoinType::kLeftSemi
                        : acceptKeyword("ANTI") ? JoinType::kLeftAnti
                                                : JoinType::kLeft;
      acceptKeyword("OUTER");
    } else if (acceptKeyword("RIGHT")) {
      join->join_type = JoinType::kRight;
      acceptKeyword("OUTER");
    } else if (acceptKeyword("FULL")) {
      join->join_type = JoinType::kFull;
      acceptKeyword("OUTER");
    }
    expectKeyword("JOIN");
    join->left = std::move(left);
    join->right = parseRelationPrimary();
    if (!join->natural) {
      if (acceptKeyword("ON")) {
        join->condition = parseExpression();
      } else if (acceptKeyword("USING")) {
        join->using_columns = parseIdentifierList();
      }
    }
    left = std::move(join);
  }
  return left;
}

TableRefPtr Parser::parseRelationPrimary() {
  DepthGuard guard(*this);
  const Token& tok = peek();
  TableRefPtr table;
  if (tok.isOp("(") ||
      (tok.isKeyword("LATERAL") && peekOp("(", 1))) {
    bool lateral = acceptKeyword("LATERAL");
    if (lateral || looksLikeQuery(1)) {
      auto sub = makeTable<SubqueryTable>(tok.pos);
      sub->lateral = lateral;
      sub->query = parseParenthesizedQuery();
      table = std::move(sub);
    } else {
      // "(a JOIN b)": a parenthesized relation.
      advance();
      table = parseRelation();
      expectOp(")");
    }
  } else if (tok.isKeyword("VALUES")) {
    auto values = makeTable<ValuesTable>(advance().pos);
    values->rows = parseValuesRows();
    table = std::move(values);
  } else if (tok.is(TokenKind::kString)) {
    auto file = makeTable<FileTable>(tok.pos);
    file->path = parseStringLiteral();
    table = std::move(file);
  } else {
    table = parseNamedOrFunctionTable();
  }
  if (peekKeyword("TABLESAMPLE")) table->sample = parseTableSample();
  parseTableAlias(*table);
  if (!table->sample && peekKeyword("TABLESAMPLE")) {
    table->sample = parseTableSample();
  }
  return table;
}

TableRefPtr Parser::parseNamedOrFunctionTable() {
  SourcePos pos = peek().pos;
  bool last_quoted = false;
  std::vector<std::string> name = parseQualifiedName(&last_quoted);
  if (peekOp("(")) {
    auto fn = makeTable<FunctionTable>(pos);
    fn->name = std::move(name);
    advance();
    if (!peekOp(")")) {
      do {
        fn->args.push_back(parseFunctionArgument());
      } while (acceptOp(","));
    }
    expectOp(")");
    return fn;
  }
  if (name.size() == 2 && last_quoted && isFileFormat(name[0])) {
    auto file = makeTable<FileTable>(pos);
    file->format = toLowerAscii(name[0]);
    file->path = name[1];
    return file;
  }
  auto named = makeTable<NamedTable>(pos);
  named->name = std::move(name);
  return named;
}

// TABLESAMPLE (10 PERCENT | 5 ROWS | BUCKET 1 OUT OF 4 [ON e] | '100M')
std::unique_ptr<TableSample> Parser::parseTableSample() {
  auto sample = std::make_unique<TableSample>();
  sample->pos = advance().pos;
  expectOp("(");
  if (acceptKeyword("BUCKET")) {
    sample->kind = SampleKind::kBucket;
    auto parseCount = [&]() {
      const Token& num = peek();
      if (!num.is(TokenKind::kNumber)) fail(num);
      ExprPtr lit = parseNumber(advance(), false);
      const auto& l = lit->as<Literal>();
      if (l.literal_kind != LiteralKind::kInt &&
          l.literal_kind != LiteralKind::kBigInt) {
        fail(num);
      }
      return l.int_value;
    };
    sample->bucket_num = parseCount();
    expectKeyword("OUT");
    expectKeyword("OF");
    sample->bucket_total = parseCount();
    if (acceptKeyword("ON")) sample->bucket_on = parseExpression();
  } else {
    sample->amount = parseExpression();
    if (acceptKeyword("PERCENT")) {
      sample->kind = SampleKind::kPercent;
    } else if (acceptKeyword("ROWS")) {
      sample->kind = SampleKind::kRows;
    } else if (sample->amount->is<Literal>() &&
               sample->amount->as<Literal>().literal_kind ==
                   LiteralKind::kString) {
      sample->kind = SampleKind::kBytes;
    } else {
      fail(peek());
    }
  }
  expectOp(")");
  return sample;
}

// [AS] alias [(c1, c2, ...)]
void Parser::parseTableAlias(TableRef& table) {
  if (auto alias = parseOptionalAlias()) {
    table.alias = *alias;
    if (peekOp("(")) table.column_aliases = parseIdentifierList();
  }
}

}  // namespace loch::sql

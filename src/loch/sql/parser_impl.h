#pragma once
// Internal: the recursive-descent parser behind parser.h. Its methods are
// split by topic over parser.cc (tokens, names, entry points),
// parser_expression.cc, parser_literal.cc, parser_type.cc,
// parser_query.cc, parser_relation.cc and parser_statement.cc.

#include <optional>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

#include "loch/sql/ast.h"
#include "loch/sql/token.h"

namespace loch::sql {

class Parser {
 public:
  /// Tokenizes `sql` (which must outlive the parser); throws on lexer
  /// errors.
  Parser(std::string_view sql, int max_depth);

  std::vector<StatementPtr> parseScript();
  StatementPtr parseSingleStatement();
  QueryPtr parseSingleQuery();
  ExprPtr parseSingleExpression();
  SelectItem parseSingleSelectItem();
  TypeName parseSingleType();
  std::vector<std::string> parseSingleName();

 private:
  // RAII nesting counter; throws once max_depth_ is exceeded so deeply
  // nested input fails cleanly instead of exhausting the stack.
  class DepthGuard {
   public:
    explicit DepthGuard(Parser& parser);
    ~DepthGuard() { --parser_.depth_; }
    DepthGuard(const DepthGuard&) = delete;
    DepthGuard& operator=(const DepthGuard&) = delete;

   private:
    Parser& parser_;
  };

  // ---- tokens (parser.cc)
  const Token& peek(size_t ahead = 0) const;
  const Token& advance();
  const Token& previous() const { return tokens_[index_ == 0 ? 0 : index_ - 1]; }
  bool peekKeyword(std::string_view kw, size_t ahead = 0) const {
    return peek(ahead).isKeyword(kw);
  }
  bool peekOp(std::string_view op, size_t ahead = 0) const {
    return peek(ahead).isOp(op);
  }
  bool acceptKeyword(std::string_view kw);
  bool acceptKeywords(std::initializer_list<std::string_view> kws);
  void expectKeyword(std::string_view kw);
  bool acceptOp(std::string_view op);
  void expectOp(std::string_view op);
  void expectEnd();
  [[noreturn]] void fail(const Token& tok, std::string_view detail = {}) const;
  /// The "nested too deeply" error at the current token.
  [[noreturn]] void failTooDeep() const;
  /// Source text between two byte offsets.
  std::string sourceText(size_t begin, size_t end) const;
  std::string sourceFrom(const Token& first) const;

  // ---- names (parser.cc)
  /// True if `tok` is a word that can never be a bare identifier.
  static bool isReserved(const Token& tok);
  /// True if `tok` may be an alias written without AS.
  static bool canBeImplicitAlias(const Token& tok);
  /// An identifier that is not a reserved word (or any quoted one).
  bool peekIdentifier(size_t ahead = 0) const;
  std::string parseIdentifier();
  /// Any word, even a reserved one (after AS, in struct fields, ...).
  std::string parseAnyIdentifier();
  /// `a.b.c`; sets *last_quoted when the last part was back-quoted.
  std::vector<std::string> parseQualifiedName(bool* last_quoted = nullptr);
  /// `(a, b, c)` including the parentheses.
  std::vector<std::string> parseIdentifierList();
  /// `[AS] alias` where an implicit alias is allowed; nullopt if absent.
  std::optional<std::string> parseOptionalAlias();
  /// True if the tokens from `ahead` start a query, looking through any
  /// opening parentheses ("((SELECT").
  bool looksLikeQuery(size_t ahead) const;
  static bool isQueryKeyword(const Token& tok);

  // ---- statements (parser_statement.cc)
  StatementPtr parseStatement();
  StatementPtr parseStatementBody();
  StatementPtr parseCreate();
  StatementPtr parseCreateView(bool or_replace);
  StatementPtr parseCreateTable(bool or_replace);
  ColumnDefinition parseColumnDefinition();
  std::vector<Property> parseProperties();
  std::string parsePropertyValue();
  StatementPtr parseInsert();
  StatementPtr parseDrop();
  StatementPtr parseShow();
  StatementPtr parseDescribe();
  StatementPtr parseExplain();
  StatementPtr parseSet();
  StatementPtr parseReset();
  StatementPtr parseCache();
  StatementPtr parseUncache();
  StatementPtr parseUse();
  /// Raw text of the remaining tokens of the statement (up to ';').
  std::string parseRawRest();
  std::string parseStringLiteral();

  // ---- queries (parser_query.cc)
  QueryPtr parseQuery();
  void parseWith(Query& query);
  QueryBodyPtr parseSetOperations();
  QueryBodyPtr parseIntersections();
  QueryBodyPtr parseQueryPrimary();
  std::unique_ptr<SelectCore> parseSelectCore();
  void parseHints(std::vector<Hint>& hints);
  SelectItem parseSelectItem();
  void parseFromClause(SelectCore& select);
  LateralView parseLateralView();
  std::unique_ptr<Pivot> parsePivot();
  std::unique_ptr<Unpivot> parseUnpivot();
  GroupBy parseGroupBy();
  GroupingElement parseGroupingElement();
  std::vector<ExprPtr> parseGroupingSet();
  std::vector<NamedWindow> parseWindowClause();
  void parseQueryModifiers(Query& query);
  std::vector<SortItem> parseSortItems();
  SortItem parseSortItem();
  std::vector<ExprPtr> parseExpressionList();
  std::vector<std::vector<ExprPtr>> parseValuesRows();

  // ---- relations (parser_relation.cc)
  TableRefPtr parseRelation();
  TableRefPtr parseJoinedRelation(TableRefPtr left);
  bool peekJoin() const;
  TableRefPtr parseRelationPrimary();
  TableRefPtr parseNamedOrFunctionTable();
  std::unique_ptr<TableSample> parseTableSample();
  void parseTableAlias(TableRef& table);

  // ---- expressions (parser_expression.cc)
  ExprPtr parseExpression();
  ExprPtr parseOr();
  ExprPtr combineBalanced(std::vector<ExprPtr>& operands, size_t low,
                          size_t high, BinaryOp op);
  ExprPtr parseAnd();
  ExprPtr parseNot();
  ExprPtr parsePredicate();
  ExprPtr parsePredicateSuffix(ExprPtr left, bool* matched);
  ExprPtr parseBinary(int min_precedence);
  ExprPtr parseUnary();
  ExprPtr parsePostfix(ExprPtr base);
  ExprPtr parsePrimary();
  ExprPtr parseParenthesized();
  ExprPtr parseNameOrCall();
  ExprPtr parseFunctionCall(std::vector<std::string> name,
                            const SourcePos& pos);
  ExprPtr parseFunctionArgument();
  void parseFunctionSuffixes(FunctionCall& call);
  std::unique_ptr<WindowSpec> parseOver();
  WindowSpec parseWindowSpecBody();
  WindowFrame parseWindowFrame();
  FrameBound parseFrameBound();
  ExprPtr parseCase();
  ExprPtr parseCast(CastStyle style);
  ExprPtr parseExtract();
  ExprPtr parsePosition();
  ExprPtr parseSubstring();
  ExprPtr parseTrim();
  ExprPtr parseLambda();
  bool looksLikeLambda() const;
  QueryPtr parseParenthesizedQuery();

  // ---- literals (parser_literal.cc)
  /// Non-null if the upcoming tokens form a literal; consumes them.
  ExprPtr tryParseLiteral();
  ExprPtr parseNumber(const Token& tok, bool negative);
  ExprPtr parseStringLiterals();
  ExprPtr parseTypedLiteral(LiteralKind kind);
  ExprPtr parseInterval();
  bool peekIntervalUnit(size_t ahead) const;
  static std::string normalizeIntervalUnit(std::string_view word);

  // ---- types (parser_type.cc)
  TypeName parseType();
  void parseStructFields(TypeName& type);
  std::string parseIntervalField();

  std::string_view sql_;
  std::vector<Token> tokens_;
  size_t index_ = 0;
  int depth_ = 0;
  int max_depth_;
  /// Left-deep chains of set operations and joins get a larger budget
  /// than expression nesting: generated UNION ALL lists can be long.
  int max_chain_;
  /// Token indexes where trying to parse a query failed, so backtracking
  /// over "((..." never repeats work (keeps parsing linear).
  std::unordered_set<size_t> failed_query_starts_;
};

}  // namespace loch::sql

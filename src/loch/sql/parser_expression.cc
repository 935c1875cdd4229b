// Expressions, by Spark's precedence (loosest first): OR, AND, NOT,
// predicates (IS / BETWEEN / IN / LIKE ...), comparison, |, ^, &,
// + - ||, * / % DIV, unary - + ~, postfix ([], ., ::), primary.

#include "loch/sql/parse_error.h"
#include "loch/sql/parser_impl.h"

namespace loch::sql {

namespace {

template <class T>
std::unique_ptr<T> makeNode(const SourcePos& pos) {
  auto node = std::make_unique<T>();
  node->pos = pos;
  return node;
}

// Binary operator precedence (higher binds tighter), 0 if `tok` is not a
// binary operator of valueExpression.
int binaryPrecedence(const Token& tok, BinaryOp* op) {
  struct Entry {
    std::string_view symbol;
    BinaryOp op;
    int precedence;
  };
  static constexpr Entry kOps[] = {
      {"=", BinaryOp::kEq, 1},        {"==", BinaryOp::kEq, 1},
      {"<>", BinaryOp::kNotEq, 1},    {"!=", BinaryOp::kNotEq, 1},
      {"<", BinaryOp::kLt, 1},        {"<=", BinaryOp::kLe, 1},
      {">", BinaryOp::kGt, 1},        {">=", BinaryOp::kGe, 1},
      {"<=>", BinaryOp::kNullSafeEq, 1},
      {"|", BinaryOp::kBitOr, 2},     {"^", BinaryOp::kBitXor, 3},
      {"&", BinaryOp::kBitAnd, 4},    {"+", BinaryOp::kAdd, 5},
      {"-", BinaryOp::kSub, 5},       {"||", BinaryOp::kConcat, 5},
      {"*", BinaryOp::kMul, 6},       {"/", BinaryOp::kDiv, 6},
      {"%", BinaryOp::kMod, 6},
  };
  if (tok.is(TokenKind::kOperator)) {
    for (const Entry& e : kOps) {
      if (tok.text == e.symbol) {
        *op = e.op;
        return e.precedence;
      }
    }
    return 0;
  }
  if (tok.isKeyword("DIV")) {
    *op = BinaryOp::kIntDiv;
    return 6;
  }
  return 0;
}

bool isLikeWord(const Token& tok) {
  return tok.isKeyword("LIKE") || tok.isKeyword("ILIKE") ||
         tok.isKeyword("RLIKE") || tok.isKeyword("REGEXP");
}

}  // namespace

ExprPtr Parser::parseExpression() {
  DepthGuard guard(*this);
  return parseOr();
}

// Like Spark's AstBuilder, a chain "a OR b OR c OR d" becomes a balanced
// tree ((a OR b) OR (c OR d)) so that huge generated filters do not make
// the tree (and every recursive consumer) arbitrarily deep. Chains of up to
// three operands are identical to the left-deep form.
ExprPtr Parser::combineBalanced(std::vector<ExprPtr>& operands, size_t low,
                                size_t high, BinaryOp op) {
  if (low == high) return std::move(operands[low]);
  size_t mid = low + (high - low) / 2;
  ExprPtr left = combineBalanced(operands, low, mid, op);
  ExprPtr right = combineBalanced(operands, mid + 1, high, op);
  auto node = makeNode<Binary>(left->pos);
  node->op = op;
  node->left = std::move(left);
  node->right = std::move(right);
  return node;
}

ExprPtr Parser::parseOr() {
  std::vector<ExprPtr> operands;
  operands.push_back(parseAnd());
  while (acceptKeyword("OR")) operands.push_back(parseAnd());
  return combineBalanced(operands, 0, operands.size() - 1, BinaryOp::kOr);
}

ExprPtr Parser::parseAnd() {
  std::vector<ExprPtr> operands;
  operands.push_back(parseNot());
  while (acceptKeyword("AND")) operands.push_back(parseNot());
  return combineBalanced(operands, 0, operands.size() - 1, BinaryOp::kAnd);
}

ExprPtr Parser::parseNot() {
  if (peekKeyword("NOT") || peekOp("!")) {
    DepthGuard guard(*this);
    auto node = makeNode<Unary>(advance().pos);
    node->op = UnaryOp::kNot;
    node->operand = parseNot();
    return node;
  }
  return parsePredicate();
}

ExprPtr Parser::parsePredicate() {
  ExprPtr expr = parseBinary(1);
  bool matched = true;
  while (matched) expr = parsePredicateSuffix(std::move(expr), &matched);
  return expr;
}

ExprPtr Parser::parsePredicateSuffix(ExprPtr left, bool* matched) {
  *matched = true;
  SourcePos pos = left->pos;
  bool negated = false;
  if (peekKeyword("NOT") &&
      (peekKeyword("BETWEEN", 1) || peekKeyword("IN", 1) ||
       isLikeWord(peek(1)))) {
    advance();
    negated = true;
  }
  if (acceptKeyword("BETWEEN")) {
    auto node = makeNode<Between>(pos);
    node->operand = std::move(left);
    node->negated = negated;
    node->low = parseBinary(1);
    expectKeyword("AND");
    node->high = parseBinary(1);
    return node;
  }
  if (acceptKeyword("IN")) {
    if (!peekOp("(")) fail(peek());
    if (looksLikeQuery(1)) {
      auto node = makeNode<InSubquery>(pos);
      node->operand = std::move(left);
      node->negated = negated;
      node->query = parseParenthesizedQuery();
      return node;
    }
    auto node = makeNode<InList>(pos);
    node->operand = std::move(left);
    node->negated = negated;
    expectOp("(");
    node->values = parseExpressionList();
    expectOp(")");
    return node;
  }
  if (isLikeWord(peek())) {
    const Token& word = advance();
    auto node = makeNode<Like>(pos);
    node->operand = std::move(left);
    node->negated = negated;
    node->like_kind = word.isKeyword("ILIKE")  ? LikeKind::kILike
                      : word.isKeyword("LIKE") ? LikeKind::kLike
                                               : LikeKind::kRLike;
    bool quantifiable = node->like_kind != LikeKind::kRLike;
    if (quantifiable && (peekKeyword("ANY") || peekKeyword("ALL") ||
                         peekKeyword("SOME")) &&
        peekOp("(", 1)) {
      const Token& q = advance();
      node->quantifier = q.isKeyword("ANY")   ? LikeQuantifier::kAny
                         : q.isKeyword("ALL") ? LikeQuantifier::kAll
                                              : LikeQuantifier::kSome;
      expectOp("(");
      node->patterns = parseExpressionList();
      expectOp(")");
    } else {
      node->patterns.push_back(parseBinary(1));
    }
    if (quantifiable && acceptKeyword("ESCAPE")) {
      node->escape = parseStringLiteral();
    }
    return node;
  }
  if (negated) fail(peek());
  if (peekKeyword("IS")) {
    advance();
    bool is_not = acceptKeyword("NOT");
    if (acceptKeyword("DISTINCT")) {
      expectKeyword("FROM");
      auto node = makeNode<IsDistinctFrom>(pos);
      node->left = std::move(left);
      node->negated = is_not;
      node->right = parseBinary(1);
      return node;
    }
    auto node = makeNode<IsPredicate>(pos);
    node->operand = std::move(left);
    node->negated = is_not;
    if (acceptKeyword("NULL")) {
      node->test = IsTest::kNull;
    } else if (acceptKeyword("TRUE")) {
      node->test = IsTest::kTrue;
    } else if (acceptKeyword("FALSE")) {
      node->test = IsTest::kFalse;
    } else if (acceptKeyword("UNKNOWN")) {
      node->test = IsTest::kUnknown;
    } else {
      fail(peek());
    }
    return node;
  }
  *matched = false;
  return left;
}

// Precedence climbing over the binary operators of valueExpression; all
// are left-associative. Each operator in a chain deepens the (left-deep)
// tree, so chains count against the nesting limit too.
ExprPtr Parser::parseBinary(int min_precedence) {
  ExprPtr left = parseUnary();
  int chain = 0;
  while (true) {
    BinaryOp op;
    int precedence = binaryPrecedence(peek(), &op);
    if (precedence == 0 || precedence < min_precedence) return left;
    if (depth_ + ++chain > max_depth_) failTooDeep();
    advance();
    auto node = makeNode<Binary>(left->pos);
    node->op = op;
    node->left = std::move(left);
    node->right = parseBinary(precedence + 1);
    left = std::move(node);
  }
}

ExprPtr Parser::parseUnary() {
  const Token& tok = peek();
  if (tok.isOp("-") || tok.isOp("+") || tok.isOp("~")) {
    DepthGuard guard(*this);
    // Spark folds a minus sign into a following number literal (so -128Y
    // and -2147483648 are in range).
    if (tok.isOp("-") && peek(1).is(TokenKind::kNumber)) {
      advance();
      return parsePostfix(parseNumber(advance(), /*negative=*/true));
    }
    advance();
    auto node = makeNode<Unary>(tok.pos);
    node->op = tok.isOp("-")   ? UnaryOp::kMinus
               : tok.isOp("+") ? UnaryOp::kPlus
                               : UnaryOp::kBitNot;
    node->operand = parseUnary();
    return node;
  }
  return parsePostfix(parsePrimary());
}

ExprPtr Parser::parsePostfix(ExprPtr base) {
  while (true) {
    if (peekOp("[")) {
      auto node = makeNode<Subscript>(base->pos);
      advance();
      node->base = std::move(base);
      node->index = parseExpression();
      expectOp("]");
      base = std::move(node);
    } else if (peekOp(".") && (peek(1).is(TokenKind::kIdentifier) ||
                               peek(1).is(TokenKind::kQuotedIdentifier))) {
      advance();
      auto node = makeNode<FieldAccess>(base->pos);
      node->base = std::move(base);
      node->field = parseAnyIdentifier();
      base = std::move(node);
    } else if (peekOp("::")) {
      advance();
      auto node = makeNode<Cast>(base->pos);
      node->style = CastStyle::kDoubleColon;
      node->operand = std::move(base);
      node->type = parseType();
      base = std::move(node);
    } else {
      return base;
    }
  }
}

ExprPtr Parser::parsePrimary() {
  DepthGuard guard(*this);
  const Token& tok = peek();
  if (ExprPtr literal = tryParseLiteral()) return literal;
  if (tok.isOp("(")) return parseParenthesized();
  if (tok.isOp("*")) {
    auto star = makeNode<Star>(tok.pos);
    advance();
    return star;
  }
  if (tok.is(TokenKind::kIdentifier)) {
    bool call = peekOp("(", 1);
    if (tok.isKeyword("CASE")) return parseCase();
    if (call && tok.isKeyword("CAST")) return parseCast(CastStyle::kCast);
    if (call && tok.isKeyword("TRY_CAST")) {
      return parseCast(CastStyle::kTryCast);
    }
    if (call && tok.isKeyword("EXTRACT")) return parseExtract();
    if (call && tok.isKeyword("POSITION")) return parsePosition();
    if (call && (tok.isKeyword("SUBSTRING") || tok.isKeyword("SUBSTR"))) {
      return parseSubstring();
    }
    if (call && tok.isKeyword("TRIM")) return parseTrim();
    if (call && tok.isKeyword("EXISTS") && looksLikeQuery(2)) {
      auto node = makeNode<Exists>(tok.pos);
      advance();
      node->query = parseParenthesizedQuery();
      return node;
    }
    if (!call && (tok.isKeyword("CURRENT_DATE") ||
                  tok.isKeyword("CURRENT_TIMESTAMP") ||
                  tok.isKeyword("CURRENT_USER"))) {
      auto node = makeNode<FunctionCall>(tok.pos);
      node->name.push_back(toLowerAscii(advance().text));
      node->no_parens = true;
      return node;
    }
  }
  if (peekOp("->", 1) && peekIdentifier()) return parseLambda();
  if (peekIdentifier()) return parseNameOrCall();
  fail(tok);
}

// '(' starts a scalar subquery, a lambda "(a, b) -> ...", a tuple
// "(a, b)" or a parenthesized expression.
ExprPtr Parser::parseParenthesized() {
  const Token& open = peek();
  if (looksLikeLambda()) return parseLambda();
  if (looksLikeQuery(1)) {
    size_t start = index_;
    bool direct = isQueryKeyword(peek(1));
    if (direct || !failed_query_starts_.contains(start)) {
      try {
        auto node = makeNode<ScalarSubquery>(open.pos);
        node->query = parseParenthesizedQuery();
        return node;
      } catch (const loch::ParseException&) {
        // "((SELECT 1) + 1)": not a query after all; parse an expression.
        if (direct) throw;
        failed_query_starts_.insert(start);
        index_ = start;
      }
    }
  }
  advance();
  ExprPtr first = parseExpression();
  if (!peekOp(",")) {
    expectOp(")");
    return first;
  }
  auto tuple = makeNode<Tuple>(open.pos);
  tuple->items.push_back(std::move(first));
  while (acceptOp(",")) tuple->items.push_back(parseExpression());
  expectOp(")");
  return tuple;
}

QueryPtr Parser::parseParenthesizedQuery() {
  expectOp("(");
  QueryPtr query = parseQuery();
  expectOp(")");
  return query;
}

// A plain or dotted name (a column reference, `t.*`) or a function call
// `[db.]fn(...)`.
ExprPtr Parser::parseNameOrCall() {
  SourcePos pos = peek().pos;
  std::vector<std::string> parts;
  parts.push_back(advance().text);
  while (peekOp(".")) {
    if (peekOp("*", 1)) {
      advance();
      advance();
      auto star = makeNode<Star>(pos);
      star->qualifier = std::move(parts);
      return star;
    }
    if (!peek(1).is(TokenKind::kIdentifier) &&
        !peek(1).is(TokenKind::kQuotedIdentifier)) {
      break;
    }
    advance();
    parts.push_back(advance().text);
  }
  if (peekOp("(")) return parseFunctionCall(std::move(parts), pos);
  auto column = makeNode<ColumnRef>(pos);
  column->parts = std::move(parts);
  return column;
}

ExprPtr Parser::parseFunctionCall(std::vector<std::string> name,
                                  const SourcePos& pos) {
  auto call = makeNode<FunctionCall>(pos);
  call->name = std::move(name);
  expectOp("(");
  if (!peekOp(")")) {
    if (acceptKeyword("DISTINCT")) {
      call->distinct = true;
    } else {
      acceptKeyword("ALL");
    }
    // Spark's struct(...) takes named fields: struct(a AS x, b AS y).
    bool is_struct =
        call->name.size() == 1 && toLowerAscii(call->name[0]) == "struct";
    do {
      call->args.push_back(parseFunctionArgument());
      if (is_struct && acceptKeyword("AS")) {
        auto alias = makeNode<Alias>(call->args.back()->pos);
        alias->expr = std::move(call->args.back());
        alias->name = parseAnyIdentifier();
        call->args.back() = std::move(alias);
      }
    } while (acceptOp(","));
    if (acceptKeywords({"IGNORE", "NULLS"})) {
      call->null_treatment = NullTreatment::kIgnoreNulls;
    } else if (acceptKeywords({"RESPECT", "NULLS"})) {
      call->null_treatment = NullTreatment::kRespectNulls;
    }
  }
  expectOp(")");
  parseFunctionSuffixes(*call);
  return call;
}

ExprPtr Parser::parseFunctionArgument() {
  if (peekOp("=>", 1) && (peek().is(TokenKind::kIdentifier) ||
                          peek().is(TokenKind::kQuotedIdentifier))) {
    auto arg = makeNode<NamedArgument>(peek().pos);
    arg->name = advance().text;
    advance();
    arg->value = parseExpression();
    return arg;
  }
  return parseExpression();
}

// WITHIN GROUP (...), FILTER (WHERE ...), IGNORE|RESPECT NULLS, OVER ...
void Parser::parseFunctionSuffixes(FunctionCall& call) {
  if (peekKeyword("WITHIN") && peekKeyword("GROUP", 1)) {
    advance();
    advance();
    expectOp("(");
    expectKeyword("ORDER");
    expectKeyword("BY");
    call.within_group = parseSortItems();
    expectOp(")");
  }
  if (peekKeyword("FILTER") && peekOp("(", 1)) {
    advance();
    advance();
    expectKeyword("WHERE");
    call.filter = parseExpression();
    expectOp(")");
  }
  if (acceptKeywords({"IGNORE", "NULLS"})) {
    call.null_treatment = NullTreatment::kIgnoreNulls;
  } else if (acceptKeywords({"RESPECT", "NULLS"})) {
    call.null_treatment = NullTreatment::kRespectNulls;
  }
  if (acceptKeyword("OVER")) call.over = parseOver();
}

std::unique_ptr<WindowSpec> Parser::parseOver() {
  auto spec = std::make_unique<WindowSpec>();
  spec->pos = peek().pos;
  if (!peekOp("(")) {
    spec->base_name = parseIdentifier();
    spec->is_reference = true;
    return spec;
  }
  *spec = parseWindowSpecBody();
  return spec;
}

// "( [base] [PARTITION BY ..] [ORDER BY ..] [frame] )"
WindowSpec Parser::parseWindowSpecBody() {
  WindowSpec spec;
  spec.pos = peek().pos;
  expectOp("(");
  auto isClauseStart = [&]() {
    return peekKeyword("PARTITION") || peekKeyword("DISTRIBUTE") ||
           peekKeyword("ORDER") || peekKeyword("SORT") ||
           peekKeyword("CLUSTER") || peekKeyword("ROWS") ||
           peekKeyword("RANGE");
  };
  if (peekIdentifier() && !isClauseStart()) {
    spec.base_name = parseIdentifier();
  }
  if (acceptKeywords({"CLUSTER", "BY"})) {
    spec.partition_by = parseExpressionList();
  } else if (acceptKeywords({"PARTITION", "BY"}) ||
             acceptKeywords({"DISTRIBUTE", "BY"})) {
    spec.partition_by = parseExpressionList();
  }
  if (acceptKeywords({"ORDER", "BY"}) || acceptKeywords({"SORT", "BY"})) {
    spec.order_by = parseSortItems();
  }
  if (peekKeyword("ROWS") || peekKeyword("RANGE")) {
    spec.frame = parseWindowFrame();
  }
  expectOp(")");
  return spec;
}

WindowFrame Parser::parseWindowFrame() {
  WindowFrame frame;
  frame.type = advance().isKeyword("ROWS") ? FrameType::kRows
                                            : FrameType::kRange;
  if (acceptKeyword("BETWEEN")) {
    frame.start = parseFrameBound();
    expectKeyword("AND");
    frame.end = parseFrameBound();
  } else {
    frame.has_between = false;
    frame.start = parseFrameBound();
    frame.end.kind = FrameBoundKind::kCurrentRow;
  }
  return frame;
}

FrameBound Parser::parseFrameBound() {
  FrameBound bound;
  if (acceptKeywords({"UNBOUNDED", "PRECEDING"})) {
    bound.kind = FrameBoundKind::kUnboundedPreceding;
  } else if (acceptKeywords({"UNBOUNDED", "FOLLOWING"})) {
    bound.kind = FrameBoundKind::kUnboundedFollowing;
  } else if (acceptKeywords({"CURRENT", "ROW"})) {
    bound.kind = FrameBoundKind::kCurrentRow;
  } else {
    bound.offset = parseBinary(1);
    if (acceptKeyword("PRECEDING")) {
      bound.kind = FrameBoundKind::kPreceding;
    } else if (acceptKeyword("FOLLOWING")) {
      bound.kind = FrameBoundKind::kFollowing;
    } else {
      fail(peek());
    }
  }
  return bound;
}

ExprPtr Parser::parseCase() {
  auto node = makeNode<Case>(advance().pos);
  if (!peekKeyword("WHEN")) node->operand = parseExpression();
  if (!peekKeyword("WHEN")) fail(peek());
  while (acceptKeyword("WHEN")) {
    WhenClause when;
    when.condition = parseExpression();
    expectKeyword("THEN");
    when.result = parseExpression();
    node->whens.push_back(std::move(when));
  }
  if (acceptKeyword("ELSE")) node->else_result = parseExpression();
  expectKeyword("END");
  return node;
}

ExprPtr Parser::parseCast(CastStyle style) {
  auto node = makeNode<Cast>(advance().pos);
  node->style = style;
  expectOp("(");
  node->operand = parseExpression();
  expectKeyword("AS");
  node->type = parseType();
  expectOp(")");
  return node;
}

ExprPtr Parser::parseExtract() {
  // extract(field, source) is the plain-call form of the same function.
  if (!peekKeyword("FROM", 3)) {
    SourcePos pos = peek().pos;
    std::vector<std::string> name{advance().text};
    return parseFunctionCall(std::move(name), pos);
  }
  auto node = makeNode<Extract>(advance().pos);
  expectOp("(");
  node->field = toUpperAscii(parseAnyIdentifier());
  expectKeyword("FROM");
  node->source = parseExpression();
  expectOp(")");
  return node;
}

// POSITION(substr IN str) is position(substr, str).
ExprPtr Parser::parsePosition() {
  const Token& name_tok = advance();
  auto call = makeNode<FunctionCall>(name_tok.pos);
  call->name.push_back(name_tok.text);
  expectOp("(");
  // Parse below the predicate level so that IN is not taken as a predicate.
  ExprPtr first = parseBinary(1);
  if (acceptKeyword("IN")) {
    call->args.push_back(std::move(first));
    call->args.push_back(parseBinary(1));
  } else {
    call->args.push_back(std::move(first));
    while (acceptOp(",")) call->args.push_back(parseExpression());
  }
  expectOp(")");
  parseFunctionSuffixes(*call);
  return call;
}

// SUBSTRING(s FROM a [FOR b]) is substring(s, a[, b]).
ExprPtr Parser::parseSubstring() {
  const Token& name_tok = advance();
  auto call = makeNode<FunctionCall>(name_tok.pos);
  call->name.push_back(name_tok.text);
  expectOp("(");
  call->args.push_back(parseExpression());
  if (acceptKeyword("FROM")) {
    call->args.push_back(parseExpression());
    if (acceptKeyword("FOR")) call->args.push_back(parseExpression());
  } else {
    while (acceptOp(",")) call->args.push_back(parseExpression());
  }
  expectOp(")");
  parseFunctionSuffixes(*call);
  return call;
}

// TRIM([BOTH|LEADING|TRAILING] [chars] FROM s) | TRIM(s) | trim(a, b).
ExprPtr Parser::parseTrim() {
  const Token& name_tok = advance();
  SourcePos pos = name_tok.pos;
  expectOp("(");
  auto node = makeNode<Trim>(pos);
  bool has_mode = true;
  if (acceptKeyword("BOTH")) {
    node->mode = TrimMode::kBoth;
  } else if (acceptKeyword("LEADING")) {
    node->mode = TrimMode::kLeading;
  } else if (acceptKeyword("TRAILING")) {
    node->mode = TrimMode::kTrailing;
  } else {
    has_mode = false;
  }
  if (has_mode && acceptKeyword("FROM")) {
    node->source = parseExpression();
    expectOp(")");
    return node;
  }
  ExprPtr first = parseExpression();
  if (acceptKeyword("FROM")) {
    node->chars = std::move(first);
    node->source = parseExpression();
    expectOp(")");
    return node;
  }
  if (has_mode) fail(peek());
  if (peekOp(",")) {
    auto call = makeNode<FunctionCall>(pos);
    call->name.push_back(name_tok.text);
    call->args.push_back(std::move(first));
    while (acceptOp(",")) call->args.push_back(parseExpression());
    expectOp(")");
    parseFunctionSuffixes(*call);
    return call;
  }
  expectOp(")");
  node->source = std::move(first);
  return node;
}

bool Parser::looksLikeLambda() const {
  size_t i = 1;  // after '('
  while (true) {
    const Token& t = peek(i);
    if (!t.is(TokenKind::kIdentifier) && !t.is(TokenKind::kQuotedIdentifier)) {
      return false;
    }
    ++i;
    if (peekOp(",", i)) {
      ++i;
      continue;
    }
    return peekOp(")", i) && peekOp("->", i + 1);
  }
}

ExprPtr Parser::parseLambda() {
  auto node = makeNode<Lambda>(peek().pos);
  if (acceptOp("(")) {
    do {
      node->params.push_back(parseAnyIdentifier());
    } while (acceptOp(","));
    expectOp(")");
  } else {
    node->params.push_back(parseAnyIdentifier());
  }
  expectOp("->");
  node->body = parseExpression();
  return node;
}

std::vector<ExprPtr> Parser::parseExpressionList() {
  std::vector<ExprPtr> list;
  do {
    list.push_back(parseExpression());
  } while (acceptOp(","));
  return list;
}

}  // namespace loch::sql

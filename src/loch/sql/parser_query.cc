// Queries: WITH, set operations (INTERSECT binds tighter than UNION and
// EXCEPT), SELECT blocks with all their clauses, and the ORDER BY / LIMIT
// modifiers that apply to a whole query.

#include "loch/sql/parse_error.h"
#include "loch/sql/parser_impl.h"

namespace loch::sql {

QueryPtr Parser::parseQuery() {
  DepthGuard guard(*this);
  auto query = std::make_unique<Query>();
  query->pos = peek().pos;
  if (peekKeyword("WITH")) parseWith(*query);
  query->body = parseSetOperations();
  parseQueryModifiers(*query);
  return query;
}

void Parser::parseWith(Query& query) {
  expectKeyword("WITH");
  acceptKeyword("RECURSIVE");
  do {
    Cte cte;
    cte.pos = peek().pos;
    cte.name = parseIdentifier();
    if (peekOp("(")) cte.columns = parseIdentifierList();
    acceptKeyword("AS");
    cte.query = parseParenthesizedQuery();
    query.ctes.push_back(std::move(cte));
  } while (acceptOp(","));
}

QueryBodyPtr Parser::parseSetOperations() {
  QueryBodyPtr left = parseIntersections();
  int chain = 0;
  while (peekKeyword("UNION") || peekKeyword("EXCEPT") ||
         peekKeyword("MINUS")) {
    if (++chain > max_chain_) failTooDeep();
    const Token& op = advance();
    auto node = std::make_unique<SetOperation>();
    node->pos = left->pos;
    node->op = op.isKeyword("UNION") ? SetOpType::kUnion : SetOpType::kExcept;
    if (acceptKeyword("ALL")) {
      node->all = true;
    } else {
      acceptKeyword("DISTINCT");
    }
    node->left = std::move(left);
    node->right = parseIntersections();
    left = std::move(node);
  }
  return left;
}

QueryBodyPtr Parser::parseIntersections() {
  QueryBodyPtr left = parseQueryPrimary();
  int chain = 0;
  while (peekKeyword("INTERSECT")) {
    if (++chain > max_chain_) failTooDeep();
    advance();
    auto node = std::make_unique<SetOperation>();
    node->pos = left->pos;
    node->op = SetOpType::kIntersect;
    if (acceptKeyword("ALL")) {
      node->all = true;
    } else {
      acceptKeyword("DISTINCT");
    }
    node->left = std::move(left);
    node->right = parseQueryPrimary();
    left = std::move(node);
  }
  return left;
}

QueryBodyPtr Parser::parseQueryPrimary() {
  const Token& tok = peek();
  if (tok.isKeyword("SELECT")) return parseSelectCore();
  if (tok.isKeyword("VALUES")) {
    auto values = std::make_unique<ValuesBody>();
    values->pos = advance().pos;
    values->rows = parseValuesRows();
    if (auto alias = parseOptionalAlias()) {
      values->alias = *alias;
      if (peekOp("(")) values->column_aliases = parseIdentifierList();
    }
    return values;
  }
  if (tok.isKeyword("TABLE")) {
    auto table = std::make_unique<TableBody>();
    table->pos = advance().pos;
    table->name = parseQualifiedName();
    return table;
  }
  if (tok.isOp("(")) {
    auto nested = std::make_unique<NestedQuery>();
    nested->pos = tok.pos;
    nested->query = parseParenthesizedQuery();
    return nested;
  }
  fail(tok);
}

// Each row is one expression; a parenthesized tuple spreads into columns.
std::vector<std::vector<ExprPtr>> Parser::parseValuesRows() {
  std::vector<std::vector<ExprPtr>> rows;
  do {
    ExprPtr row = parseExpression();
    std::vector<ExprPtr> columns;
    if (row->is<Tuple>()) {
      columns = std::move(row->as<Tuple>().items);
    } else {
      columns.push_back(std::move(row));
    }
    rows.push_back(std::move(columns));
  } while (acceptOp(","));
  return rows;
}

std::unique_ptr<SelectCore> Parser::parseSelectCore() {
  auto select = std::make_unique<SelectCore>();
  select->pos = peek().pos;
  expectKeyword("SELECT");
  while (peek().is(TokenKind::kHintStart)) parseHints(select->hints);
  if (acceptKeyword("DISTINCT")) {
    select->distinct = true;
  } else {
    acceptKeyword("ALL");
  }
  do {
    select->items.push_back(parseSelectItem());
  } while (acceptOp(","));
  if (peekKeyword("FROM")) parseFromClause(*select);
  if (acceptKeyword("WHERE")) select->where = parseExpression();
  if (peekKeyword("GROUP") && peekKeyword("BY", 1)) {
    select->group_by = parseGroupBy();
  }
  if (acceptKeyword("HAVING")) select->having = parseExpression();
  // Spark/Databricks accept WINDOW and QUALIFY in either order.
  for (int i = 0; i < 2; ++i) {
    if (peekKeyword("WINDOW") && select->windows.empty()) {
      select->windows = parseWindowClause();
    }
    if (!select->qualify && acceptKeyword("QUALIFY")) {
      select->qualify = parseExpression();
    }
  }
  return select;
}

// /*+ NAME, NAME(arg, ...) ... */ ; hints may be separated by commas.
void Parser::parseHints(std::vector<Hint>& hints) {
  advance();  // "/*+"
  while (!peek().is(TokenKind::kHintEnd)) {
    if (peek().is(TokenKind::kEnd)) fail(peek());
    Hint hint;
    hint.pos = peek().pos;
    hint.name = toUpperAscii(parseAnyIdentifier());
    if (acceptOp("(")) {
      if (!peekOp(")")) hint.args = parseExpressionList();
      expectOp(")");
    }
    hints.push_back(std::move(hint));
    acceptOp(",");
  }
  advance();  // "*/"
}

SelectItem Parser::parseSelectItem() {
  SelectItem item;
  const Token& first = peek();
  item.pos = first.pos;
  item.expr = parseExpression();
  item.source_text = sourceFrom(first);
  if (acceptKeyword("AS")) {
    if (peekOp("(")) {
      item.aliases = parseIdentifierList();
    } else {
      item.alias = parseAnyIdentifier();
    }
  } else if (canBeImplicitAlias(peek())) {
    item.alias = advance().text;
  }
  return item;
}

void Parser::parseFromClause(SelectCore& select) {
  expectKeyword("FROM");
  do {
    select.from.push_back(parseRelation());
  } while (acceptOp(","));
  while (peekKeyword("LATERAL") && peekKeyword("VIEW", 1)) {
    select.lateral_views.push_back(parseLateralView());
  }
  if (peekKeyword("PIVOT") && peekOp("(", 1)) select.pivot = parsePivot();
  if (peekKeyword("UNPIVOT")) select.unpivot = parseUnpivot();
}

// LATERAL VIEW [OUTER] fn(args) tbl [[AS] c1, c2, ...]
LateralView Parser::parseLateralView() {
  LateralView view;
  view.pos = advance().pos;
  advance();  // VIEW
  view.outer = acceptKeyword("OUTER");
  SourcePos fn_pos = peek().pos;
  std::vector<std::string> name = parseQualifiedName();
  if (!peekOp("(")) fail(peek());
  view.generator = parseFunctionCall(std::move(name), fn_pos);
  view.table_alias = parseIdentifier();
  bool explicit_as = acceptKeyword("AS");
  if (explicit_as || canBeImplicitAlias(peek())) {
    do {
      view.column_aliases.push_back(explicit_as ? parseAnyIdentifier()
                                                : parseIdentifier());
    } while (acceptOp(","));
  }
  return view;
}

// PIVOT (agg [AS a], ... FOR col | (c1, c2) IN (v [AS a], ...)) [[AS] p]
std::unique_ptr<Pivot> Parser::parsePivot() {
  auto pivot = std::make_unique<Pivot>();
  pivot->pos = advance().pos;
  expectOp("(");
  do {
    AliasedExpr agg;
    agg.expr = parseExpression();
    if (auto alias = parseOptionalAlias()) agg.alias = *alias;
    pivot->aggregates.push_back(std::move(agg));
  } while (acceptOp(","));
  expectKeyword("FOR");
  auto parseColumn = [&]() {
    auto column = std::make_unique<ColumnRef>();
    column->pos = peek().pos;
    column->parts = parseQualifiedName();
    return column;
  };
  if (acceptOp("(")) {
    do {
      pivot->columns.push_back(parseColumn());
    } while (acceptOp(","));
    expectOp(")");
  } else {
    pivot->columns.push_back(parseColumn());
  }
  expectKeyword("IN");
  expectOp("(");
  do {
    AliasedExpr value;
    value.expr = parseExpression();
    if (auto alias = parseOptionalAlias()) value.alias = *alias;
    pivot->values.push_back(std::move(value));
  } while (acceptOp(","));
  expectOp(")");
  expectOp(")");
  if (auto alias = parseOptionalAlias()) pivot->alias = *alias;
  return pivot;
}

// UNPIVOT [INCLUDE|EXCLUDE NULLS] (v FOR n IN (c [AS a], ...)) or
// ((v1, v2) FOR n IN ((c1, c2) [AS a], ...))
std::unique_ptr<Unpivot> Parser::parseUnpivot() {
  auto unpivot = std::make_unique<Unpivot>();
  unpivot->pos = advance().pos;
  if (acceptKeywords({"INCLUDE", "NULLS"})) {
    unpivot->include_nulls = true;
  } else {
    acceptKeywords({"EXCLUDE", "NULLS"});
  }
  expectOp("(");
  if (peekOp("(")) {
    unpivot->value_columns = parseIdentifierList();
  } else {
    unpivot->value_columns.push_back(parseIdentifier());
  }
  expectKeyword("FOR");
  unpivot->name_column = parseIdentifier();
  expectKeyword("IN");
  expectOp("(");
  auto parseColumn = [&]() -> ExprPtr {
    auto column = std::make_unique<ColumnRef>();
    column->pos = peek().pos;
    column->parts = parseQualifiedName();
    return column;
  };
  do {
    Unpivot::ColumnSet set;
    if (acceptOp("(")) {
      do {
        set.columns.push_back(parseColumn());
      } while (acceptOp(","));
      expectOp(")");
    } else {
      set.columns.push_back(parseColumn());
    }
    if (auto alias = parseOptionalAlias()) set.alias = *alias;
    unpivot->column_sets.push_back(std::move(set));
  } while (acceptOp(","));
  expectOp(")");
  expectOp(")");
  if (auto alias = parseOptionalAlias()) unpivot->alias = *alias;
  return unpivot;
}

GroupBy Parser::parseGroupBy() {
  GroupBy group_by;
  group_by.pos = advance().pos;
  advance();  // BY
  // GROUP BY ALL, unless "all" is a column used in an expression.
  if (peekKeyword("ALL") &&
      (peek(1).is(TokenKind::kEnd) || peek(1).is(TokenKind::kIdentifier) ||
       peekOp(";", 1) || peekOp(")", 1))) {
    advance();
    group_by.all = true;
    return group_by;
  }
  do {
    group_by.items.push_back(parseGroupingElement());
  } while (acceptOp(","));
  if (acceptKeywords({"WITH", "ROLLUP"})) {
    group_by.modifier = GroupByModifier::kWithRollup;
  } else if (acceptKeywords({"WITH", "CUBE"})) {
    group_by.modifier = GroupByModifier::kWithCube;
  }
  return group_by;
}

GroupingElement Parser::parseGroupingElement() {
  GroupingElement element;
  element.pos = peek().pos;
  bool rollup = peekKeyword("ROLLUP") && peekOp("(", 1);
  bool cube = peekKeyword("CUBE") && peekOp("(", 1);
  bool sets = peekKeyword("GROUPING") && peekKeyword("SETS", 1);
  if (!rollup && !cube && !sets) {
    element.expr = parseExpression();
    return element;
  }
  element.kind = rollup ? GroupingKind::kRollup
                 : cube ? GroupingKind::kCube
                        : GroupingKind::kGroupingSets;
  advance();
  if (sets) advance();
  expectOp("(");
  do {
    element.sets.push_back(parseGroupingSet());
  } while (acceptOp(","));
  expectOp(")");
  return element;
}

// "(a, b)", "()" or a single expression "a".
std::vector<ExprPtr> Parser::parseGroupingSet() {
  std::vector<ExprPtr> set;
  if (peekOp("(") && !looksLikeQuery(1)) {
    advance();
    if (!peekOp(")")) set = parseExpressionList();
    expectOp(")");
    return set;
  }
  set.push_back(parseExpression());
  return set;
}

// WINDOW w AS (spec), w2 AS (spec)
std::vector<NamedWindow> Parser::parseWindowClause() {
  std::vector<NamedWindow> windows;
  expectKeyword("WINDOW");
  do {
    NamedWindow window;
    window.pos = peek().pos;
    window.name = parseIdentifier();
    expectKeyword("AS");
    window.spec = parseWindowSpecBody();
    windows.push_back(std::move(window));
  } while (acceptOp(","));
  return windows;
}

void Parser::parseQueryModifiers(Query& query) {
  if (acceptKeywords({"ORDER", "BY"})) query.order_by = parseSortItems();
  if (acceptKeywords({"CLUSTER", "BY"})) {
    query.cluster_by = parseExpressionList();
  }
  if (acceptKeywords({"DISTRIBUTE", "BY"})) {
    query.distribute_by = parseExpressionList();
  }
  if (acceptKeywords({"SORT", "BY"})) query.sort_by = parseSortItems();
  if (peekKeyword("WINDOW")) query.windows = parseWindowClause();
  if (acceptKeyword("LIMIT")) {
    if (acceptKeyword("ALL")) {
      query.limit_all = true;
    } else {
      query.limit = parseExpression();
    }
  }
  if (acceptKeyword("OFFSET")) query.offset = parseExpression();
}

std::vector<SortItem> Parser::parseSortItems() {
  std::vector<SortItem> items;
  do {
    items.push_back(parseSortItem());
  } while (acceptOp(","));
  return items;
}

SortItem Parser::parseSortItem() {
  SortItem item;
  item.pos = peek().pos;
  item.expr = parseExpression();
  if (acceptKeyword("ASC")) {
    item.direction = SortDirection::kAsc;
  } else if (acceptKeyword("DESC")) {
    item.direction = SortDirection::kDesc;
  }
  if (acceptKeywords({"NULLS", "FIRST"})) {
    item.nulls = NullOrdering::kFirst;
  } else if (acceptKeywords({"NULLS", "LAST"})) {
    item.nulls = NullOrdering::kLast;
  }
  return item;
}

}  // namespace loch::sql

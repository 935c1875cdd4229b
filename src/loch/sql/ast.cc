// Rendering of AST nodes back to text. Two flavours share one printer:
// "pretty" mimics Spark's column naming (toPrettySQL: string literals
// unquoted, count(*) shown as count(1), nothing back-quoted) and "sql"
// produces normalized SQL that parses back to the same tree.

#include "loch/sql/ast.h"

#include <charconv>
#include <cmath>

#include "loch/sql/keywords.h"

namespace loch::sql {

namespace {

bool isPlainIdentifier(const std::string& s) {
  if (s.empty() || (s[0] >= '0' && s[0] <= '9')) return false;
  for (char c : s) {
    bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
              (c >= '0' && c <= '9') || c == '_';
    if (!ok) return false;
  }
  return !isReservedWord(s) && !isClauseWord(s);
}

std::string backQuote(const std::string& s) {
  std::string out = "`";
  for (char c : s) {
    if (c == '`') out += '`';
    out += c;
  }
  return out + "`";
}

std::string quoteIdentifier(const std::string& s) {
  return isPlainIdentifier(s) ? s : backQuote(s);
}

std::string quoteString(const std::string& s) {
  std::string out = "'";
  for (char c : s) {
    switch (c) {
      case '\'': out += "\\'"; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      default: out += c;
    }
  }
  return out + "'";
}

std::string_view binaryOpSymbol(BinaryOp op) {
  switch (op) {
    case BinaryOp::kOr: return "OR";
    case BinaryOp::kAnd: return "AND";
    case BinaryOp::kEq: return "=";
    case BinaryOp::kNotEq: return "<>";
    case BinaryOp::kLt: return "<";
    case BinaryOp::kLe: return "<=";
    case BinaryOp::kGt: return ">";
    case BinaryOp::kGe: return ">=";
    case BinaryOp::kNullSafeEq: return "<=>";
    case BinaryOp::kBitOr: return "|";
    case BinaryOp::kBitXor: return "^";
    case BinaryOp::kBitAnd: return "&";
    case BinaryOp::kAdd: return "+";
    case BinaryOp::kSub: return "-";
    case BinaryOp::kConcat: return "||";
    case BinaryOp::kMul: return "*";
    case BinaryOp::kDiv: return "/";
    case BinaryOp::kMod: return "%";
    case BinaryOp::kIntDiv: return "div";
  }
  return "?";
}

std::string_view joinTypeSql(JoinType type) {
  switch (type) {
    case JoinType::kInner: return "JOIN";
    case JoinType::kLeft: return "LEFT OUTER JOIN";
    case JoinType::kRight: return "RIGHT OUTER JOIN";
    case JoinType::kFull: return "FULL OUTER JOIN";
    case JoinType::kLeftSemi: return "LEFT SEMI JOIN";
    case JoinType::kLeftAnti: return "LEFT ANTI JOIN";
    case JoinType::kCross: return "CROSS JOIN";
  }
  return "JOIN";
}

// Java's Double/Float.toString, which Spark uses to name literal columns:
// shortest round-trip digits, plain notation in [1e-3, 1e7) with at least
// one fractional digit ("1000.0"), scientific otherwise ("1.0E10").
template <class T>
std::string javaFloatingString(T v) {
  if (std::isnan(v)) return "NaN";
  if (std::isinf(v)) return v > 0 ? "Infinity" : "-Infinity";
  char buf[64];
  T magnitude = std::abs(v);
  if (v == 0 || (magnitude >= T(1e-3) && magnitude < T(1e7))) {
    auto res = std::to_chars(buf, buf + sizeof(buf), v, std::chars_format::fixed);
    std::string out(buf, res.ptr);
    if (out.find('.') == std::string::npos) out += ".0";
    return out;
  }
  auto res =
      std::to_chars(buf, buf + sizeof(buf), v, std::chars_format::scientific);
  std::string sci(buf, res.ptr);  // e.g. "1.5e+10", "1e-05"
  size_t e = sci.find('e');
  std::string mantissa = sci.substr(0, e);
  if (mantissa.find('.') == std::string::npos) mantissa += ".0";
  int exponent = std::stoi(sci.substr(e + 1));
  return mantissa + "E" + std::to_string(exponent);
}

class Printer {
 public:
  explicit Printer(bool pretty) : pretty_(pretty) {}

  std::string expr(const Expr& e) const;
  std::string query(const Query& q) const;
  std::string table(const TableRef& t, bool nested = false) const;
  std::string sortItem(const SortItem& s) const;
  std::string window(const WindowSpec& w) const;

 private:
  std::string name(const std::string& s) const {
    return pretty_ ? s : quoteIdentifier(s);
  }
  std::string names(const std::vector<std::string>& parts) const {
    std::string out;
    for (size_t i = 0; i < parts.size(); ++i) {
      if (i > 0) out += ".";
      out += name(parts[i]);
    }
    return out;
  }
  std::string nameList(const std::vector<std::string>& parts) const {
    std::string out = "(";
    for (size_t i = 0; i < parts.size(); ++i) {
      if (i > 0) out += ", ";
      out += name(parts[i]);
    }
    return out + ")";
  }
  std::string exprs(const std::vector<ExprPtr>& list) const {
    std::string out;
    for (size_t i = 0; i < list.size(); ++i) {
      if (i > 0) out += ", ";
      out += expr(*list[i]);
    }
    return out;
  }
  std::string sortItems(const std::vector<SortItem>& items) const {
    std::string out;
    for (size_t i = 0; i < items.size(); ++i) {
      if (i > 0) out += ", ";
      out += sortItem(items[i]);
    }
    return out;
  }
  std::string literal(const Literal& l) const;
  std::string function(const FunctionCall& f) const;
  std::string body(const QueryBody& b) const;
  std::string select(const SelectCore& s) const;
  std::string values(const std::vector<std::vector<ExprPtr>>& rows) const;
  std::string groupBy(const GroupBy& g) const;
  std::string frameBound(const FrameBound& b) const;
  std::string alias(const TableRef& t) const;

  bool pretty_;
};

std::string Printer::literal(const Literal& l) const {
  switch (l.literal_kind) {
    case LiteralKind::kNull: return "NULL";
    case LiteralKind::kBoolean: return l.bool_value ? "true" : "false";
    case LiteralKind::kTinyInt: return pretty_ ? l.text : l.text + "Y";
    case LiteralKind::kSmallInt: return pretty_ ? l.text : l.text + "S";
    case LiteralKind::kInt: return l.text;
    case LiteralKind::kBigInt: return pretty_ ? l.text : l.text + "L";
    case LiteralKind::kDecimal:
      return pretty_ || l.text.find('.') != std::string::npos
                 ? l.text
                 : l.text + "BD";
    case LiteralKind::kFloat:
      return pretty_ ? javaFloatingString(static_cast<float>(l.double_value))
                     : l.text + "F";
    case LiteralKind::kDouble:
      return pretty_ ? javaFloatingString(l.double_value) : l.text + "D";
    case LiteralKind::kString: return pretty_ ? l.text : quoteString(l.text);
    case LiteralKind::kBinary: return "X'" + l.text + "'";
    case LiteralKind::kDate: return "DATE " + quoteString(l.text);
    case LiteralKind::kTimestamp: return "TIMESTAMP " + quoteString(l.text);
    case LiteralKind::kTimestampNtz:
      return "TIMESTAMP_NTZ " + quoteString(l.text);
    case LiteralKind::kInterval: {
      std::string out = "INTERVAL";
      for (const IntervalField& f : l.interval_fields) {
        out += " ";
        // Spark names interval columns with quoted values:
        // INTERVAL 30 MINUTES -> INTERVAL '30' MINUTE.
        out += f.value_is_string || pretty_ ? quoteString(f.value) : f.value;
        if (!f.unit.empty()) out += " " + f.unit;
      }
      if (!l.interval_to.empty()) out += " TO " + l.interval_to;
      return out;
    }
  }
  return "?";
}

std::string Printer::expr(const Expr& e) const {
  switch (e.kind) {
    case ExprKind::kLiteral:
      return literal(e.as<Literal>());
    case ExprKind::kColumnRef:
      return names(e.as<ColumnRef>().parts);
    case ExprKind::kStar: {
      const auto& s = e.as<Star>();
      return s.qualifier.empty() ? "*" : names(s.qualifier) + ".*";
    }
    case ExprKind::kUnary: {
      const auto& u = e.as<Unary>();
      switch (u.op) {
        case UnaryOp::kMinus: return "(- " + expr(*u.operand) + ")";
        case UnaryOp::kPlus: return "(+ " + expr(*u.operand) + ")";
        case UnaryOp::kBitNot: return "~" + expr(*u.operand);
        case UnaryOp::kNot: return "(NOT " + expr(*u.operand) + ")";
      }
      return "?";
    }
    case ExprKind::kBinary: {
      const auto& b = e.as<Binary>();
      if (pretty_ && b.op == BinaryOp::kConcat) {
        return "concat(" + expr(*b.left) + ", " + expr(*b.right) + ")";
      }
      if (pretty_ && b.op == BinaryOp::kNotEq) {
        return "(NOT (" + expr(*b.left) + " = " + expr(*b.right) + "))";
      }
      return "(" + expr(*b.left) + " " + std::string(binaryOpSymbol(b.op)) +
             " " + expr(*b.right) + ")";
    }
    case ExprKind::kIsPredicate: {
      const auto& p = e.as<IsPredicate>();
      static constexpr std::string_view kTests[] = {"NULL", "TRUE", "FALSE",
                                                    "UNKNOWN"};
      return "(" + expr(*p.operand) + (p.negated ? " IS NOT " : " IS ") +
             std::string(kTests[static_cast<int>(p.test)]) + ")";
    }
    case ExprKind::kIsDistinctFrom: {
      const auto& d = e.as<IsDistinctFrom>();
      return "(" + expr(*d.left) +
             (d.negated ? " IS NOT DISTINCT FROM " : " IS DISTINCT FROM ") +
             expr(*d.right) + ")";
    }
    case ExprKind::kBetween: {
      const auto& b = e.as<Between>();
      return "(" + expr(*b.operand) + (b.negated ? " NOT" : "") +
             " BETWEEN " + expr(*b.low) + " AND " + expr(*b.high) + ")";
    }
    case ExprKind::kInList: {
      const auto& in = e.as<InList>();
      return "(" + expr(*in.operand) + (in.negated ? " NOT" : "") + " IN (" +
             exprs(in.values) + "))";
    }
    case ExprKind::kInSubquery: {
      const auto& in = e.as<InSubquery>();
      return "(" + expr(*in.operand) + (in.negated ? " NOT" : "") + " IN (" +
             (pretty_ ? std::string("listquery()") : query(*in.query)) + "))";
    }
    case ExprKind::kLike: {
      const auto& l = e.as<Like>();
      static constexpr std::string_view kWords[] = {"LIKE", "ILIKE", "RLIKE"};
      static constexpr std::string_view kQuantifiers[] = {"", " ANY", " ALL",
                                                          " SOME"};
      std::string out = expr(*l.operand) + (l.negated ? " NOT " : " ") +
                        std::string(kWords[static_cast<int>(l.like_kind)]) +
                        std::string(kQuantifiers[static_cast<int>(l.quantifier)]);
      if (l.quantifier == LikeQuantifier::kNone) {
        out += " " + expr(*l.patterns[0]);
      } else {
        out += " (" + exprs(l.patterns) + ")";
      }
      if (l.escape) out += " ESCAPE " + quoteString(*l.escape);
      return out;
    }
    case ExprKind::kExists:
      return pretty_ ? "exists()"
                     : "EXISTS (" + query(*e.as<Exists>().query) + ")";
    case ExprKind::kScalarSubquery:
      return pretty_ ? "scalarsubquery()"
                     : "(" + query(*e.as<ScalarSubquery>().query) + ")";
    case ExprKind::kCase: {
      const auto& c = e.as<Case>();
      std::string out = "CASE";
      if (c.operand) out += " " + expr(*c.operand);
      for (const WhenClause& w : c.whens) {
        out += " WHEN " + expr(*w.condition) + " THEN " + expr(*w.result);
      }
      if (c.else_result) out += " ELSE " + expr(*c.else_result);
      return out + " END";
    }
    case ExprKind::kCast: {
      const auto& c = e.as<Cast>();
      return std::string(c.style == CastStyle::kTryCast ? "TRY_CAST(" : "CAST(") +
             expr(*c.operand) + " AS " + c.type.toString() + ")";
    }
    case ExprKind::kExtract: {
      const auto& x = e.as<Extract>();
      return "extract(" + x.field + " FROM " + expr(*x.source) + ")";
    }
    case ExprKind::kTrim: {
      const auto& t = e.as<Trim>();
      static constexpr std::string_view kModes[] = {"BOTH", "LEADING",
                                                    "TRAILING"};
      std::string mode(kModes[static_cast<int>(t.mode)]);
      if (!t.chars && t.mode == TrimMode::kBoth) {
        return "trim(" + expr(*t.source) + ")";
      }
      return "trim(" + mode + (t.chars ? " " + expr(*t.chars) : "") +
             " FROM " + expr(*t.source) + ")";
    }
    case ExprKind::kFunctionCall:
      return function(e.as<FunctionCall>());
    case ExprKind::kLambda: {
      const auto& l = e.as<Lambda>();
      if (pretty_) {
        // Spark names a lambda lambdafunction(body, x, y).
        std::string out = "lambdafunction(" + expr(*l.body);
        for (const auto& p : l.params) out += ", " + name(p);
        return out + ")";
      }
      std::string params = l.params.size() == 1 ? name(l.params[0])
                                                : nameList(l.params);
      return params + " -> " + expr(*l.body);
    }
    case ExprKind::kSubscript: {
      const auto& s = e.as<Subscript>();
      return expr(*s.base) + "[" + expr(*s.index) + "]";
    }
    case ExprKind::kFieldAccess: {
      const auto& f = e.as<FieldAccess>();
      return expr(*f.base) + "." + name(f.field);
    }
    case ExprKind::kNamedArgument: {
      const auto& n = e.as<NamedArgument>();
      return name(n.name) + " => " + expr(*n.value);
    }
    case ExprKind::kTuple:
      return "(" + exprs(e.as<Tuple>().items) + ")";
    case ExprKind::kAlias: {
      const auto& a = e.as<Alias>();
      return expr(*a.expr) + " AS " + name(a.name);
    }
  }
  return "?";
}

std::string Printer::function(const FunctionCall& f) const {
  std::string fn;
  for (size_t i = 0; i < f.name.size(); ++i) {
    if (i > 0) fn += ".";
    // Function names are case-insensitive; qualifiers (catalog, database)
    // keep their spelling.
    std::string part =
        i + 1 == f.name.size() ? toLowerAscii(f.name[i]) : f.name[i];
    fn += pretty_ ? part : name(part);
  }
  std::string out = fn + "(";
  if (f.distinct) out += "DISTINCT ";
  bool count_star = f.args.size() == 1 && f.args[0]->is<Star>() &&
                    f.args[0]->as<Star>().qualifier.empty() &&
                    f.lowerName() == "count";
  out += pretty_ && count_star ? "1" : exprs(f.args);
  out += ")";
  if (!f.within_group.empty()) {
    out += " WITHIN GROUP (ORDER BY " + sortItems(f.within_group) + ")";
  }
  if (f.filter) out += " FILTER (WHERE " + expr(*f.filter) + ")";
  if (f.null_treatment == NullTreatment::kIgnoreNulls) out += " IGNORE NULLS";
  if (f.null_treatment == NullTreatment::kRespectNulls) {
    out += " RESPECT NULLS";
  }
  if (f.over) out += " OVER " + window(*f.over);
  return out;
}

std::string Printer::sortItem(const SortItem& s) const {
  bool desc = s.direction == SortDirection::kDesc;
  bool nulls_first = s.nulls == NullOrdering::kDefault
                         ? !desc
                         : s.nulls == NullOrdering::kFirst;
  return expr(*s.expr) + (desc ? " DESC" : " ASC") +
         (nulls_first ? " NULLS FIRST" : " NULLS LAST");
}

std::string Printer::frameBound(const FrameBound& b) const {
  switch (b.kind) {
    case FrameBoundKind::kUnboundedPreceding: return "UNBOUNDED PRECEDING";
    case FrameBoundKind::kPreceding: return expr(*b.offset) + " PRECEDING";
    case FrameBoundKind::kCurrentRow: return "CURRENT ROW";
    case FrameBoundKind::kFollowing: return expr(*b.offset) + " FOLLOWING";
    case FrameBoundKind::kUnboundedFollowing: return "UNBOUNDED FOLLOWING";
  }
  return "?";
}

std::string Printer::window(const WindowSpec& w) const {
  if (w.is_reference) return name(w.base_name);
  std::string out;
  auto add = [&](const std::string& part) {
    if (!out.empty()) out += " ";
    out += part;
  };
  if (!w.base_name.empty()) add(name(w.base_name));
  if (!w.partition_by.empty()) add("PARTITION BY " + exprs(w.partition_by));
  if (!w.order_by.empty()) add("ORDER BY " + sortItems(w.order_by));
  if (w.frame) {
    std::string frame = w.frame->type == FrameType::kRows ? "ROWS" : "RANGE";
    add(frame + " BETWEEN " + frameBound(w.frame->start) + " AND " +
        frameBound(w.frame->end));
  }
  return "(" + out + ")";
}

std::string Printer::values(const std::vector<std::vector<ExprPtr>>& rows) const {
  std::string out = "VALUES ";
  for (size_t i = 0; i < rows.size(); ++i) {
    if (i > 0) out += ", ";
    out += "(" + exprs(rows[i]) + ")";
  }
  return out;
}

std::string Printer::alias(const TableRef& t) const {
  std::string out;
  if (t.sample) {
    const TableSample& s = *t.sample;
    out += " TABLESAMPLE (";
    switch (s.kind) {
      case SampleKind::kPercent: out += expr(*s.amount) + " PERCENT"; break;
      case SampleKind::kRows: out += expr(*s.amount) + " ROWS"; break;
      case SampleKind::kBytes: out += expr(*s.amount); break;
      case SampleKind::kBucket:
        out += "BUCKET " + std::to_string(s.bucket_num) + " OUT OF " +
               std::to_string(s.bucket_total);
        if (s.bucket_on) out += " ON " + expr(*s.bucket_on);
        break;
    }
    out += ")";
  }
  if (!t.alias.empty()) {
    out += " AS " + name(t.alias);
    if (!t.column_aliases.empty()) out += nameList(t.column_aliases);
  }
  return out;
}

std::string Printer::table(const TableRef& t, bool nested) const {
  switch (t.kind) {
    case TableRefKind::kNamed:
      return names(t.as<NamedTable>().name) + alias(t);
    case TableRefKind::kFile: {
      const auto& f = t.as<FileTable>();
      if (f.format.empty()) return quoteString(f.path) + alias(t);
      return f.format + "." + backQuote(f.path) + alias(t);
    }
    case TableRefKind::kSubquery: {
      const auto& s = t.as<SubqueryTable>();
      return std::string(s.lateral ? "LATERAL " : "") + "(" +
             query(*s.query) + ")" + alias(t);
    }
    case TableRefKind::kValues:
      return values(t.as<ValuesTable>().rows) + alias(t);
    case TableRefKind::kFunction: {
      const auto& f = t.as<FunctionTable>();
      return names(f.name) + "(" + exprs(f.args) + ")" + alias(t);
    }
    case TableRefKind::kJoin: {
      // Left-deep join chains are walked iteratively (see set operations);
      // a left input with its own alias or sample needs parentheses and is
      // printed recursively instead.
      std::vector<const JoinTable*> spine{&t.as<JoinTable>()};
      const TableRef* leftmost = spine.back()->left.get();
      while (leftmost->kind == TableRefKind::kJoin && leftmost->alias.empty() &&
             !leftmost->sample) {
        spine.push_back(&leftmost->as<JoinTable>());
        leftmost = spine.back()->left.get();
      }
      std::string out = table(*leftmost);
      for (auto it = spine.rbegin(); it != spine.rend(); ++it) {
        const JoinTable& j = **it;
        out += std::string(" ") + (j.natural ? "NATURAL " : "") +
               std::string(joinTypeSql(j.join_type)) + " " +
               table(*j.right, /*nested=*/true);
        if (j.condition) out += " ON " + expr(*j.condition);
        if (!j.using_columns.empty()) {
          out += " USING " + nameList(j.using_columns);
        }
      }
      if (nested || !t.alias.empty() || t.sample) out = "(" + out + ")";
      return out + alias(t);
    }
  }
  return "?";
}

std::string Printer::groupBy(const GroupBy& g) const {
  if (g.all) return " GROUP BY ALL";
  std::string out = " GROUP BY ";
  for (size_t i = 0; i < g.items.size(); ++i) {
    const GroupingElement& item = g.items[i];
    if (i > 0) out += ", ";
    if (item.kind == GroupingKind::kExpr) {
      out += expr(*item.expr);
      continue;
    }
    out += item.kind == GroupingKind::kRollup ? "ROLLUP("
           : item.kind == GroupingKind::kCube ? "CUBE("
                                              : "GROUPING SETS(";
    for (size_t k = 0; k < item.sets.size(); ++k) {
      if (k > 0) out += ", ";
      const auto& set = item.sets[k];
      bool parens = item.kind == GroupingKind::kGroupingSets || set.size() != 1;
      out += parens ? "(" + exprs(set) + ")" : exprs(set);
    }
    out += ")";
  }
  if (g.modifier == GroupByModifier::kWithRollup) out += " WITH ROLLUP";
  if (g.modifier == GroupByModifier::kWithCube) out += " WITH CUBE";
  return out;
}

std::string Printer::select(const SelectCore& s) const {
  std::string out = "SELECT ";
  if (!s.hints.empty()) {
    out += "/*+ ";
    for (size_t i = 0; i < s.hints.size(); ++i) {
      if (i > 0) out += ", ";
      out += s.hints[i].name;
      if (!s.hints[i].args.empty()) out += "(" + exprs(s.hints[i].args) + ")";
    }
    out += " */ ";
  }
  if (s.distinct) out += "DISTINCT ";
  for (size_t i = 0; i < s.items.size(); ++i) {
    const SelectItem& item = s.items[i];
    if (i > 0) out += ", ";
    out += expr(*item.expr);
    if (item.alias) out += " AS " + name(*item.alias);
    if (!item.aliases.empty()) out += " AS " + nameList(item.aliases);
  }
  if (!s.from.empty()) {
    out += " FROM ";
    for (size_t i = 0; i < s.from.size(); ++i) {
      if (i > 0) out += ", ";
      out += table(*s.from[i]);
    }
  }
  for (const LateralView& v : s.lateral_views) {
    out += std::string(" LATERAL VIEW ") + (v.outer ? "OUTER " : "") +
           expr(*v.generator) + " " + name(v.table_alias);
    if (!v.column_aliases.empty()) {
      out += " AS ";
      for (size_t i = 0; i < v.column_aliases.size(); ++i) {
        if (i > 0) out += ", ";
        out += name(v.column_aliases[i]);
      }
    }
  }
  if (s.pivot) {
    const Pivot& p = *s.pivot;
    out += " PIVOT (";
    for (size_t i = 0; i < p.aggregates.size(); ++i) {
      if (i > 0) out += ", ";
      out += expr(*p.aggregates[i].expr);
      if (!p.aggregates[i].alias.empty()) {
        out += " AS " + name(p.aggregates[i].alias);
      }
    }
    out += " FOR ";
    out += p.columns.size() == 1 ? exprs(p.columns) : "(" + exprs(p.columns) + ")";
    out += " IN (";
    for (size_t i = 0; i < p.values.size(); ++i) {
      if (i > 0) out += ", ";
      out += expr(*p.values[i].expr);
      if (!p.values[i].alias.empty()) out += " AS " + name(p.values[i].alias);
    }
    out += "))";
    if (!p.alias.empty()) out += " AS " + name(p.alias);
  }
  if (s.unpivot) {
    const Unpivot& u = *s.unpivot;
    out += u.include_nulls ? " UNPIVOT INCLUDE NULLS (" : " UNPIVOT (";
    out += u.value_columns.size() == 1 ? name(u.value_columns[0])
                                       : nameList(u.value_columns);
    out += " FOR " + name(u.name_column) + " IN (";
    for (size_t i = 0; i < u.column_sets.size(); ++i) {
      const auto& set = u.column_sets[i];
      if (i > 0) out += ", ";
      out += set.columns.size() == 1 ? exprs(set.columns)
                                     : "(" + exprs(set.columns) + ")";
      if (!set.alias.empty()) out += " AS " + name(set.alias);
    }
    out += "))";
    if (!u.alias.empty()) out += " AS " + name(u.alias);
  }
  if (s.where) out += " WHERE " + expr(*s.where);
  if (s.group_by) out += groupBy(*s.group_by);
  if (s.having) out += " HAVING " + expr(*s.having);
  if (!s.windows.empty()) {
    out += " WINDOW ";
    for (size_t i = 0; i < s.windows.size(); ++i) {
      if (i > 0) out += ", ";
      out += name(s.windows[i].name) + " AS " + window(s.windows[i].spec);
    }
  }
  if (s.qualify) out += " QUALIFY " + expr(*s.qualify);
  return out;
}

std::string Printer::body(const QueryBody& b) const {
  switch (b.kind) {
    case QueryBodyKind::kSelect:
      return select(b.as<SelectCore>());
    case QueryBodyKind::kSetOperation: {
      // Walk the left spine iteratively: generated chains such as
      // "q1 UNION ALL q2 UNION ALL ..." can be thousands long.
      std::vector<const SetOperation*> spine;
      const QueryBody* leftmost = &b;
      while (leftmost->kind == QueryBodyKind::kSetOperation) {
        spine.push_back(&leftmost->as<SetOperation>());
        leftmost = spine.back()->left.get();
      }
      std::string out = body(*leftmost);
      for (auto it = spine.rbegin(); it != spine.rend(); ++it) {
        const SetOperation& s = **it;
        out += s.op == SetOpType::kUnion       ? " UNION "
               : s.op == SetOpType::kIntersect ? " INTERSECT "
                                               : " EXCEPT ";
        if (s.all) out += "ALL ";
        out += body(*s.right);
      }
      return out;
    }
    case QueryBodyKind::kValues: {
      const auto& v = b.as<ValuesBody>();
      std::string out = values(v.rows);
      if (!v.alias.empty()) {
        out += " AS " + name(v.alias);
        if (!v.column_aliases.empty()) out += nameList(v.column_aliases);
      }
      return out;
    }
    case QueryBodyKind::kNested:
      return "(" + query(*b.as<NestedQuery>().query) + ")";
    case QueryBodyKind::kTable:
      return "TABLE " + names(b.as<TableBody>().name);
  }
  return "?";
}

std::string Printer::query(const Query& q) const {
  std::string out;
  if (!q.ctes.empty()) {
    out += "WITH ";
    for (size_t i = 0; i < q.ctes.size(); ++i) {
      const Cte& cte = q.ctes[i];
      if (i > 0) out += ", ";
      out += name(cte.name);
      if (!cte.columns.empty()) out += nameList(cte.columns);
      out += " AS (" + query(*cte.query) + ")";
    }
    out += " ";
  }
  out += body(*q.body);
  if (!q.order_by.empty()) out += " ORDER BY " + sortItems(q.order_by);
  if (!q.cluster_by.empty()) out += " CLUSTER BY " + exprs(q.cluster_by);
  if (!q.distribute_by.empty()) {
    out += " DISTRIBUTE BY " + exprs(q.distribute_by);
  }
  if (!q.sort_by.empty()) out += " SORT BY " + sortItems(q.sort_by);
  if (!q.windows.empty()) {
    out += " WINDOW ";
    for (size_t i = 0; i < q.windows.size(); ++i) {
      if (i > 0) out += ", ";
      out += name(q.windows[i].name) + " AS " + window(q.windows[i].spec);
    }
  }
  if (q.limit_all) out += " LIMIT ALL";
  if (q.limit) out += " LIMIT " + expr(*q.limit);
  if (q.offset) out += " OFFSET " + expr(*q.offset);
  return out;
}

}  // namespace

std::string Expr::toString() const { return Printer(true).expr(*this); }
std::string Expr::toSql() const { return Printer(false).expr(*this); }
std::string SortItem::toString() const { return Printer(true).sortItem(*this); }
std::string SortItem::toSql() const { return Printer(false).sortItem(*this); }
std::string WindowSpec::toString() const {
  return Printer(true).window(*this);
}
std::string TableRef::toSql() const { return Printer(false).table(*this); }
std::string Query::toSql() const { return Printer(false).query(*this); }

std::string FunctionCall::lowerName() const {
  return name.empty() ? std::string() : toLowerAscii(name.back());
}

std::string qualifiedNameToSql(const std::vector<std::string>& parts) {
  std::string out;
  for (size_t i = 0; i < parts.size(); ++i) {
    if (i > 0) out += ".";
    out += quoteIdentifier(parts[i]);
  }
  return out;
}

}  // namespace loch::sql

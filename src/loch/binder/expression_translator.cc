#include "loch/binder/expression_translator.h"

#include <cmath>

#include "loch/binder/binder.h"
#include "loch/binder/lambda_binder.h"
#include "loch/binder/nested_access.h"
#include "loch/common/exception.h"
#include "loch/common/format.h"
#include "loch/sql/parser.h"
#include "loch/types/decimal.h"
#include "loch/types/schema.h"

namespace loch {
namespace binder {

namespace {

[[noreturn]] void unsupported(const std::string& what) {
  throw AnalysisException("UNSUPPORTED_FEATURE", "The feature is not supported: " + what + ".");
}

const char* binaryName(sql::BinaryOp op) {
  using B = sql::BinaryOp;
  switch (op) {
    case B::kOr: return "or";
    case B::kAnd: return "and";
    case B::kEq: return "=";
    case B::kNotEq: return "!=";
    case B::kLt: return "<";
    case B::kLe: return "<=";
    case B::kGt: return ">";
    case B::kGe: return ">=";
    case B::kNullSafeEq: return "<=>";
    case B::kBitOr: return "|";
    case B::kBitXor: return "^";
    case B::kBitAnd: return "&";
    case B::kAdd: return "+";
    case B::kSub: return "-";
    case B::kConcat: return "concat";  // Spark parses || as concat
    case B::kMul: return "*";
    case B::kDiv: return "/";
    case B::kMod: return "%";
    case B::kIntDiv: return "div";
  }
  return "?";
}

ExprPtr fn(const char* name, std::vector<ExprPtr> args) { return Expr::function(name, std::move(args)); }
ExprPtr notOf(ExprPtr e) { return fn("not", {std::move(e)}); }

/// Microseconds per unit of a day-time interval field.
std::optional<int64_t> dayTimeUnitMicros(const std::string& unit) {
  if (unit == "WEEK") return int64_t{7} * 86400 * 1000000;
  if (unit == "DAY") return int64_t{86400} * 1000000;
  if (unit == "HOUR") return int64_t{3600} * 1000000;
  if (unit == "MINUTE") return int64_t{60} * 1000000;
  if (unit == "SECOND") return int64_t{1000000};
  if (unit == "MILLISECOND") return int64_t{1000};
  if (unit == "MICROSECOND") return int64_t{1};
  return std::nullopt;
}

std::string singularUpper(std::string u) {
  u = toUpper(u);
  if (u.size() > 1 && u.back() == 'S') u.pop_back();
  return u;
}

/// INTERVAL literals with unit fields: year-month or day-time, not both
/// (Spark 4 ANSI intervals).
ExprPtr intervalLiteral(const sql::Literal& lit) {
  std::vector<std::pair<std::string, std::string>> parts;  // value, unit
  for (const auto& f : lit.interval_fields) {
    if (f.unit.empty()) {
      // INTERVAL '1 day 2 hours': value/unit pairs inside the string.
      std::vector<std::string> w;
      std::string cur;
      for (char c : f.value + " ") {
        if (c == ' ') {
          if (!cur.empty()) w.push_back(cur);
          cur.clear();
        } else {
          cur += c;
        }
      }
      if (w.size() % 2 != 0) unsupported("interval literal '" + f.value + "'");
      for (size_t i = 0; i < w.size(); i += 2) parts.emplace_back(w[i], singularUpper(w[i + 1]));
    } else {
      parts.emplace_back(f.value, singularUpper(f.unit));
    }
  }
  if (!lit.interval_to.empty() || parts.empty()) unsupported("interval literal " + lit.toSql());
  bool year_month = false, day_time = false;
  int64_t months = 0;
  long double micros = 0;
  for (const auto& [value, unit] : parts) {
    long double v = 0;
    try {
      size_t used = 0;
      v = std::stold(value, &used);
      if (used != value.size()) throw std::invalid_argument(value);
    } catch (const std::exception&) {
      throw ParseException("INVALID_INTERVAL_FORMAT", "Cannot parse the interval value '" + value + "'.");
    }
    if (unit == "YEAR" || unit == "MONTH") {
      year_month = true;
      if (v != std::floor(v)) throw ParseException("INVALID_INTERVAL_FORMAT", "Interval " + unit + " must be integral.");
      months += static_cast<int64_t>(v) * (unit == "YEAR" ? 12 : 1);
    } else if (auto m = dayTimeUnitMicros(unit)) {
      day_time = true;
      micros += v * static_cast<long double>(*m);
    } else {
      throw ParseException("INVALID_INTERVAL_FORMAT", "Unknown interval unit '" + unit + "'.");
    }
  }
  if (year_month && day_time) unsupported("an interval literal mixing year-month and day-time fields");
  if (year_month) return Expr::literal(Value::yearMonthInterval(static_cast<int32_t>(months)));
  return Expr::literal(Value::dayTimeInterval(static_cast<int64_t>(std::llround(micros))));
}

ExprPtr likeOf(const sql::Like& l, ExprPtr operand, ExprPtr pattern) {
  const char* name = l.like_kind == sql::LikeKind::kLike ? "like" : l.like_kind == sql::LikeKind::kILike ? "ilike" : "rlike";
  std::vector<ExprPtr> args{std::move(operand), std::move(pattern)};
  if (l.escape) args.push_back(Expr::literal(Value::string(*l.escape)));
  return fn(name, std::move(args));
}

FrameBound::Kind frameKind(sql::FrameBoundKind k) {
  switch (k) {
    case sql::FrameBoundKind::kUnboundedPreceding: return FrameBound::Kind::UnboundedPreceding;
    case sql::FrameBoundKind::kPreceding: return FrameBound::Kind::Preceding;
    case sql::FrameBoundKind::kCurrentRow: return FrameBound::Kind::CurrentRow;
    case sql::FrameBoundKind::kFollowing: return FrameBound::Kind::Following;
    case sql::FrameBoundKind::kUnboundedFollowing: return FrameBound::Kind::UnboundedFollowing;
  }
  return FrameBound::Kind::CurrentRow;
}

FrameBound frameBound(const sql::FrameBound& b) {
  FrameBound out;
  out.kind = frameKind(b.kind);
  if (b.offset) {
    // Frame offsets are literals in Spark (a number or an interval).
    if (!b.offset->is<sql::Literal>()) unsupported("a window frame offset that is not a literal (" + b.offset->toSql() + ")");
    ExprPtr lit = translateLiteral(b.offset->as<sql::Literal>());
    if (lit->kind() != ExprKind::Literal) unsupported("window frame offset " + b.offset->toSql());
    out.offset = lit->literal();
  }
  return out;
}

/// Fills `def` from `spec`, first from the named window it extends (`OVER
/// w` or `OVER (w ORDER BY ..)`); the spec's own clauses override.
void fillWindow(WindowDefinition& def, const sql::WindowSpec& spec, const TranslateContext& ctx, int depth) {
  if (!spec.base_name.empty()) {
    const sql::NamedWindow* base = nullptr;
    for (const auto* w : ctx.windows) {
      if (equalsIgnoreCase(w->name, spec.base_name)) base = w;
    }
    if (!base || depth > static_cast<int>(ctx.windows.size())) {
      throw AnalysisException("MISSING_WINDOW_SPECIFICATION",
                              "Window specification " + spec.base_name +
                                  " is not defined in the WINDOW clause.");
    }
    fillWindow(def, base->spec, ctx, depth + 1);
  }
  if (!spec.partition_by.empty()) {
    def.partition_by.clear();
    for (const auto& p : spec.partition_by) def.partition_by.push_back(translate(*p, ctx));
  }
  if (!spec.order_by.empty()) {
    def.order_by.clear();
    for (const auto& o : spec.order_by) def.order_by.push_back(sortOrderFor(o, translate(*o.expr, ctx)));
  }
  if (spec.frame) {
    WindowFrame f;
    f.type = spec.frame->type == sql::FrameType::kRows ? WindowFrame::Type::Rows : WindowFrame::Type::Range;
    f.start = frameBound(spec.frame->start);
    f.end = frameBound(spec.frame->end);
    def.frame = f;
  }
}

/// `f OVER (PARTITION BY .. ORDER BY .. frame)` as a Window expression.
ExprPtr windowOf(ExprPtr function, const sql::WindowSpec& spec, const TranslateContext& ctx) {
  WindowDefinition def;
  fillWindow(def, spec, ctx, 0);
  return Expr::windowOf(std::move(function), std::move(def));
}

}  // namespace

ExprPtr sortOrderFor(const sql::SortItem& item, ExprPtr e) {
  bool asc = item.direction != sql::SortDirection::kDesc;
  bool nulls_first = item.nulls == sql::NullOrdering::kDefault ? asc : item.nulls == sql::NullOrdering::kFirst;
  return Expr::sortOrder(std::move(e), asc, nulls_first);
}

std::optional<int64_t> integerLiteral(const sql::Expr& e) {
  if (!e.is<sql::Literal>()) return std::nullopt;
  const auto& l = e.as<sql::Literal>();
  if (l.literal_kind == sql::LiteralKind::kInt || l.literal_kind == sql::LiteralKind::kBigInt ||
      l.literal_kind == sql::LiteralKind::kSmallInt || l.literal_kind == sql::LiteralKind::kTinyInt) {
    return l.int_value;
  }
  return std::nullopt;
}

ExprPtr translateLiteral(const sql::Literal& lit) {
  using K = sql::LiteralKind;
  switch (lit.literal_kind) {
    case K::kNull: return Expr::literal(Value());
    case K::kBoolean: return Expr::literal(Value::boolean(lit.bool_value));
    case K::kTinyInt: return Expr::literal(Value::byte(static_cast<int8_t>(lit.int_value)));
    case K::kSmallInt: return Expr::literal(Value::shortValue(static_cast<int16_t>(lit.int_value)));
    case K::kInt: return Expr::literal(Value::integer(static_cast<int32_t>(lit.int_value)));
    case K::kBigInt: return Expr::literal(Value::longValue(lit.int_value));
    case K::kFloat: return Expr::literal(Value::floatValue(static_cast<float>(lit.double_value)));
    case K::kDouble: return Expr::literal(Value::doubleValue(lit.double_value));
    case K::kDecimal: {
      auto unscaled = parseDecimal(lit.text, lit.precision, lit.scale);
      if (!unscaled || lit.precision > DataType::kMaxDecimalPrecision) {
        // Spark falls back to DOUBLE for literals beyond DECIMAL(38).
        try {
          return Expr::literal(Value::doubleValue(std::stod(lit.text)));
        } catch (const std::exception&) {
          throw ParseException("INVALID_NUMERIC_LITERAL_RANGE", "Numeric literal " + lit.text + " is out of range.");
        }
      }
      return Expr::literal(Value::decimal(*unscaled, lit.precision, lit.scale));
    }
    case K::kString: return Expr::literal(Value::string(lit.text));
    case K::kBinary: unsupported("binary literals");
    case K::kDate: return Expr::cast(Expr::literal(Value::string(lit.text)), DateType());
    case K::kTimestamp: return Expr::cast(Expr::literal(Value::string(lit.text)), TimestampType());
    case K::kTimestampNtz: return Expr::cast(Expr::literal(Value::string(lit.text)), TimestampNTZType());
    case K::kInterval: return intervalLiteral(lit);
  }
  unsupported("literal " + lit.toSql());
}

ExprPtr translate(const sql::Expr& e, const TranslateContext& ctx) {
  auto tr = [&](const sql::ExprPtr& c) { return translate(*c, ctx); };
  using K = sql::ExprKind;
  switch (e.kind) {
    case K::kLiteral: return translateLiteral(e.as<sql::Literal>());
    case K::kColumnRef: return Expr::column(e.as<sql::ColumnRef>().parts);
    case K::kStar: return Expr::star(e.as<sql::Star>().qualifier);
    case K::kUnary: {
      const auto& u = e.as<sql::Unary>();
      auto x = tr(u.operand);
      switch (u.op) {
        case sql::UnaryOp::kMinus: return fn("-", {x});
        case sql::UnaryOp::kPlus: return fn("+", {x});
        case sql::UnaryOp::kBitNot: return fn("~", {x});
        case sql::UnaryOp::kNot: return notOf(x);
      }
      break;
    }
    case K::kBinary: {
      const auto& b = e.as<sql::Binary>();
      return fn(binaryName(b.op), {tr(b.left), tr(b.right)});
    }
    case K::kIsPredicate: {
      const auto& p = e.as<sql::IsPredicate>();
      auto x = tr(p.operand);
      ExprPtr r;
      switch (p.test) {
        case sql::IsTest::kNull: return fn(p.negated ? "isnotnull" : "isnull", {x});
        case sql::IsTest::kUnknown: return fn(p.negated ? "isnotnull" : "isnull", {x});
        case sql::IsTest::kTrue: r = fn("<=>", {x, Expr::literal(Value::boolean(true))}); break;
        case sql::IsTest::kFalse: r = fn("<=>", {x, Expr::literal(Value::boolean(false))}); break;
      }
      return p.negated ? notOf(r) : r;
    }
    case K::kIsDistinctFrom: {
      const auto& d = e.as<sql::IsDistinctFrom>();
      auto eq = fn("<=>", {tr(d.left), tr(d.right)});
      return d.negated ? eq : notOf(eq);
    }
    case K::kBetween: {
      // Spark rewrites BETWEEN to `x >= low AND x <= high`.
      const auto& b = e.as<sql::Between>();
      auto x = tr(b.operand);
      auto r = fn("and", {fn(">=", {x, tr(b.low)}), fn("<=", {x, tr(b.high)})});
      return b.negated ? notOf(r) : r;
    }
    case K::kInList: {
      const auto& in = e.as<sql::InList>();
      std::vector<ExprPtr> args{tr(in.operand)};
      for (const auto& v : in.values) args.push_back(tr(v));
      auto r = fn("in", std::move(args));
      return in.negated ? notOf(r) : r;
    }
    case K::kLike: {
      const auto& l = e.as<sql::Like>();
      auto x = tr(l.operand);
      ExprPtr r;
      if (l.quantifier == sql::LikeQuantifier::kNone) {
        r = likeOf(l, x, tr(l.patterns.at(0)));
      } else {
        // LIKE ANY/SOME: OR of the patterns; LIKE ALL: AND.
        const char* comb = l.quantifier == sql::LikeQuantifier::kAll ? "and" : "or";
        for (const auto& p : l.patterns) {
          auto one = likeOf(l, x, tr(p));
          r = r ? fn(comb, {r, one}) : one;
        }
      }
      return l.negated ? notOf(r) : r;
    }
    case K::kInSubquery:
      if (ctx.in_subquery && !e.as<sql::InSubquery>().operand->is<sql::Tuple>()) {
        const auto& in = e.as<sql::InSubquery>();
        auto value = ctx.in_subquery(in);
        return in.negated ? notOf(value) : value;
      }
      [[fallthrough]];
    case K::kExists:
      throw AnalysisException("UNSUPPORTED_SUBQUERY_EXPRESSION_CATEGORY",
                              "Unsupported subquery expression: IN/EXISTS subqueries are only supported as "
                              "conjuncts of a WHERE clause.");
    case K::kScalarSubquery:
      if (!ctx.scalar_subquery) {
        throw AnalysisException("UNSUPPORTED_SUBQUERY_EXPRESSION_CATEGORY",
                                "Unsupported subquery expression: a scalar subquery is not allowed here.");
      }
      return ctx.scalar_subquery(*e.as<sql::ScalarSubquery>().query);
    case K::kCase: {
      const auto& c = e.as<sql::Case>();
      std::vector<ExprPtr> children;
      ExprPtr operand = c.operand ? tr(c.operand) : nullptr;
      for (const auto& w : c.whens) {
        children.push_back(operand ? fn("=", {operand, tr(w.condition)}) : tr(w.condition));
        children.push_back(tr(w.result));
      }
      if (c.else_result) children.push_back(tr(c.else_result));
      return Expr::caseWhen(std::move(children));
    }
    case K::kCast: {
      const auto& c = e.as<sql::Cast>();
      return Expr::cast(tr(c.operand), bindTypeName(c.type), c.style == sql::CastStyle::kTryCast);
    }
    case K::kExtract: {
      const auto& x = e.as<sql::Extract>();
      return fn("extract", {Expr::literal(Value::string(x.field)), tr(x.source)});
    }
    case K::kTrim: {
      const auto& t = e.as<sql::Trim>();
      const char* name = t.mode == sql::TrimMode::kBoth ? "trim" : t.mode == sql::TrimMode::kLeading ? "ltrim" : "rtrim";
      std::vector<ExprPtr> args{tr(t.source)};
      if (t.chars) args.push_back(tr(t.chars));
      return fn(name, std::move(args));
    }
    case K::kFunctionCall: {
      const auto& f = e.as<sql::FunctionCall>();
      if (!f.within_group.empty()) unsupported("WITHIN GROUP");
      std::string name = f.lowerName();
      std::vector<ExprPtr> args;
      for (const auto& a : f.args) {
        if (a->is<sql::Star>() && name == "count" && a->as<sql::Star>().qualifier.empty()) {
          args.push_back(Expr::literal(Value::integer(1)));  // count(*) is count(1)
        } else if (a->is<sql::NamedArgument>()) {
          unsupported("named arguments in function " + name);
        } else {
          args.push_back(tr(a));
        }
      }
      auto call = Expr::function(name, std::move(args), f.distinct);
      if (f.filter) call = call->withFilter(tr(f.filter));
      if (f.null_treatment == sql::NullTreatment::kIgnoreNulls) call = call->withIgnoreNulls(true);
      return f.over ? windowOf(call, *f.over, ctx) : call;
    }
    case K::kSubscript: {
      // arr[i] (0-based), m[key], s['field']: bound by type (nested_access.h).
      const auto& sub = e.as<sql::Subscript>();
      return subscriptMarker(tr(sub.base), tr(sub.index));
    }
    case K::kAlias: {
      const auto& a = e.as<sql::Alias>();
      return Expr::alias(tr(a.expr), a.name);
    }
    case K::kTuple: {
      std::vector<ExprPtr> args;
      for (const auto& i : e.as<sql::Tuple>().items) args.push_back(tr(i));
      return fn("struct", std::move(args));
    }
    case K::kLambda: {
      // Bound with the higher-order call that takes it (lambda_binder.h).
      const auto& l = e.as<sql::Lambda>();
      return lambdaMarker(tr(l.body), l.params);
    }
    case K::kFieldAccess: {
      const auto& f = e.as<sql::FieldAccess>();
      return fieldMarker(tr(f.base), f.field);
    }
    case K::kNamedArgument: unsupported("named arguments");
  }
  unsupported("expression " + e.toSql());
}

}  // namespace binder

ExprPtr translateExpression(const sql::Expr& expr) {
  ExprPtr e = binder::lowerNestedAccess(binder::translate(expr, {}));
  // Lambdas are bound by the SQL binder only (it resolves them with the
  // query's input); the DataFrame API's resolver does not know them.
  visitExpr(e, [](const ExprPtr& x) {
    if (binder::isLambda(x)) binder::unsupported("lambda functions in DataFrame expressions (use SQL)");
  });
  return e;
}

ExprPtr parseSqlExpression(const std::string& text) { return translateExpression(*sql::parseExpression(text)); }

ExprPtr parseSqlSelectItem(const std::string& text) {
  sql::SelectItem item = sql::parseSelectItem(text);
  ExprPtr e = translateExpression(*item.expr);
  if (item.alias) return Expr::alias(e, *item.alias);
  if (item.expr->is<sql::ColumnRef>() || item.expr->is<sql::Star>()) return e;
  return Expr::alias(e, item.expr->toString());
}

DataTypePtr bindTypeName(const sql::TypeName& t) {
  const std::string& n = t.name;
  if (n == "boolean") return BooleanType();
  if (n == "tinyint") return ByteType();
  if (n == "smallint") return ShortType();
  if (n == "int") return IntegerType();
  if (n == "bigint") return LongType();
  if (n == "float") return FloatType();
  if (n == "double") return DoubleType();
  if (n == "string" || n == "varchar" || n == "char") return StringType();
  if (n == "binary") return BinaryType();
  if (n == "date") return DateType();
  if (n == "timestamp") return TimestampType();
  if (n == "timestamp_ntz") return TimestampNTZType();
  if (n == "void") return NullType();
  if (n == "decimal") {
    int p = t.params.empty() ? 10 : t.params[0];
    int s = t.params.size() > 1 ? t.params[1] : 0;
    if (p < 1 || p > DataType::kMaxDecimalPrecision || s < 0 || s > p) {
      throw AnalysisException("DECIMAL_PRECISION_EXCEEDS_MAX_PRECISION",
                              "Decimal precision " + std::to_string(p) + " exceeds max precision 38 (or scale " +
                                  std::to_string(s) + " is invalid).");
    }
    return DecimalType(p, s);
  }
  if (n == "interval") {
    const std::string& from = t.interval_from;
    if (from == "YEAR" || from == "MONTH") return YearMonthIntervalType();
    return DayTimeIntervalType();
  }
  if (n == "array") return ArrayType(bindTypeName(t.children.at(0)));
  if (n == "map") return MapType(bindTypeName(t.children.at(0)), bindTypeName(t.children.at(1)));
  if (n == "struct") {
    std::vector<StructField> fields;
    for (size_t i = 0; i < t.children.size(); ++i) {
      StructField f;
      f.name = t.field_names[i];
      f.type = bindTypeName(t.children[i]);
      f.nullable = i < t.field_not_null.size() ? !t.field_not_null[i] : true;
      fields.push_back(std::move(f));
    }
    return StructType(std::move(fields));
  }
  throw AnalysisException("UNSUPPORTED_DATATYPE", "Unsupported data type \"" + toUpper(n) + "\".");
}

}  // namespace loch

// Literals, typed the way Spark's AstBuilder types them: integers are INT
// when they fit, else BIGINT, else DECIMAL; `1.5` is DECIMAL(2,1); `1e3` is
// DOUBLE; suffixes L/S/Y/D/F/BD force a type.

#include <charconv>
#include <cmath>
#include <cstdlib>
#include <limits>

#include "loch/common/exception.h"
#include "loch/sql/parse_error.h"
#include "loch/sql/parser_impl.h"

namespace loch::sql {

namespace {

std::unique_ptr<Literal> makeLiteral(LiteralKind kind, const SourcePos& pos) {
  auto lit = std::make_unique<Literal>();
  lit->literal_kind = kind;
  lit->pos = pos;
  return lit;
}

[[noreturn]] void throwOutOfRange(const std::string& text,
                                  std::string_view type_name,
                                  std::string_view min, std::string_view max,
                                  const SourcePos& pos) {
  throw loch::ParseException(
      "INVALID_NUMERIC_LITERAL_RANGE",
      "Numeric literal " + text + " is outside the valid range for " +
          std::string(type_name) + " with minimum value of " +
          std::string(min) + " and maximum value of " + std::string(max) +
          ". Please adjust the value accordingly." + positionSuffix(pos));
}

// Spark infers DECIMAL(precision, scale) from the digits: "1.50" is
// DECIMAL(3,2), "0.5" is DECIMAL(1,1), "123" is DECIMAL(3,0).
void inferDecimalType(std::string_view digits, Literal& lit) {
  size_t dot = digits.find('.');
  std::string_view int_part = digits.substr(0, dot);
  std::string_view frac_part =
      dot == std::string_view::npos ? std::string_view{} : digits.substr(dot + 1);
  std::string all = std::string(int_part) + std::string(frac_part);
  size_t first_nonzero = all.find_first_not_of('0');
  int precision = first_nonzero == std::string::npos
                      ? 1
                      : static_cast<int>(all.size() - first_nonzero);
  lit.scale = static_cast<int>(frac_part.size());
  lit.precision = std::max(precision, lit.scale);
  if (lit.precision == 0) lit.precision = 1;
}

}  // namespace

ExprPtr Parser::tryParseLiteral() {
  const Token& tok = peek();
  switch (tok.kind) {
    case TokenKind::kNumber:
      return parseNumber(advance(), /*negative=*/false);
    case TokenKind::kString:
      return parseStringLiterals();
    case TokenKind::kHexString: {
      auto lit = makeLiteral(LiteralKind::kBinary, tok.pos);
      lit->text = advance().text;
      return lit;
    }
    case TokenKind::kIdentifier:
      break;
    default:
      return nullptr;
  }
  if (peekOp("(", 1) || peekOp(".", 1)) return nullptr;
  if (tok.isKeyword("NULL")) {
    auto lit = makeLiteral(LiteralKind::kNull, advance().pos);
    return lit;
  }
  if (tok.isKeyword("TRUE") || tok.isKeyword("FALSE")) {
    auto lit = makeLiteral(LiteralKind::kBoolean, tok.pos);
    lit->bool_value = advance().isKeyword("TRUE");
    lit->text = lit->bool_value ? "true" : "false";
    return lit;
  }
  if (peek(1).is(TokenKind::kString)) {
    if (tok.isKeyword("DATE")) return parseTypedLiteral(LiteralKind::kDate);
    if (tok.isKeyword("TIMESTAMP") || tok.isKeyword("TIMESTAMP_LTZ")) {
      return parseTypedLiteral(LiteralKind::kTimestamp);
    }
    if (tok.isKeyword("TIMESTAMP_NTZ")) {
      return parseTypedLiteral(LiteralKind::kTimestampNtz);
    }
  }
  if (tok.isKeyword("INTERVAL")) {
    const Token& next = peek(1);
    bool signed_number = (next.isOp("-") || next.isOp("+")) &&
                         peek(2).is(TokenKind::kNumber);
    if (next.is(TokenKind::kString) || next.is(TokenKind::kNumber) ||
        signed_number) {
      return parseInterval();
    }
  }
  return nullptr;
}

ExprPtr Parser::parseNumber(const Token& tok, bool negative) {
  std::string upper = toUpperAscii(tok.text);
  std::string suffix;
  if (upper.size() > 2 && upper.ends_with("BD")) {
    suffix = "BD";
  } else if (!upper.empty() && std::string_view("LSYDF").find(upper.back()) !=
                                   std::string_view::npos) {
    suffix = upper.substr(upper.size() - 1);
  }
  std::string digits = upper.substr(0, upper.size() - suffix.size());
  std::string text = (negative ? "-" : "") + digits;
  bool integral = digits.find_first_of(".E") == std::string::npos;
  auto lit = makeLiteral(LiteralKind::kInt, tok.pos);
  lit->text = text;

  auto parseInt64 = [&](int64_t* out) {
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), *out);
    return ec == std::errc() && end == text.data() + text.size();
  };
  auto integerWithRange = [&](LiteralKind kind, int64_t min, int64_t max,
                              std::string_view name) -> ExprPtr {
    if (!integral) fail(tok);
    int64_t v = 0;
    if (!parseInt64(&v) || v < min || v > max) {
      throwOutOfRange(text, name, std::to_string(min), std::to_string(max),
                      tok.pos);
    }
    lit->literal_kind = kind;
    lit->int_value = v;
    return std::move(lit);
  };

  if (suffix == "Y") {
    return integerWithRange(LiteralKind::kTinyInt, -128, 127, "tinyint");
  }
  if (suffix == "S") {
    return integerWithRange(LiteralKind::kSmallInt, -32768, 32767, "smallint");
  }
  if (suffix == "L") {
    return integerWithRange(LiteralKind::kBigInt,
                            std::numeric_limits<int64_t>::min(),
                            std::numeric_limits<int64_t>::max(), "bigint");
  }
  if (suffix == "D" || suffix == "F" || (suffix.empty() && !integral &&
                                         digits.find('E') != std::string::npos)) {
    double v = std::strtod(text.c_str(), nullptr);
    bool is_float = suffix == "F";
    if (std::isinf(v) ||
        (is_float && std::abs(v) > std::numeric_limits<float>::max())) {
      throwOutOfRange(text, is_float ? "float" : "double",
                      is_float ? "-3.4028234663852886E+38" : "-1.7976931348623157E+308",
                      is_float ? "3.4028234663852886E+38" : "1.7976931348623157E+308",
                      tok.pos);
    }
    lit->literal_kind = is_float ? LiteralKind::kFloat : LiteralKind::kDouble;
    lit->double_value = v;
    return lit;
  }
  if (suffix.empty() && integral) {
    int64_t v = 0;
    if (parseInt64(&v)) {
      lit->int_value = v;
      lit->literal_kind = v >= std::numeric_limits<int32_t>::min() &&
                                  v <= std::numeric_limits<int32_t>::max()
                              ? LiteralKind::kInt
                              : LiteralKind::kBigInt;
      return lit;
    }
  }
  // BD suffix, a plain decimal, or an integer wider than 64 bits.
  if (digits.find('E') != std::string::npos) fail(tok);
  lit->literal_kind = LiteralKind::kDecimal;
  inferDecimalType(digits, *lit);
  return lit;
}

// Spark concatenates adjacent string literals: 'a' 'b' is 'ab'.
ExprPtr Parser::parseStringLiterals() {
  auto lit = makeLiteral(LiteralKind::kString, peek().pos);
  while (peek().is(TokenKind::kString)) lit->text += advance().text;
  return lit;
}

ExprPtr Parser::parseTypedLiteral(LiteralKind kind) {
  auto lit = makeLiteral(kind, advance().pos);
  while (peek().is(TokenKind::kString)) lit->text += advance().text;
  return lit;
}

std::string Parser::parseStringLiteral() {
  if (!peek().is(TokenKind::kString)) fail(peek());
  std::string value;
  while (peek().is(TokenKind::kString)) value += advance().text;
  return value;
}

std::string Parser::normalizeIntervalUnit(std::string_view word) {
  static constexpr std::string_view kUnits[] = {
      "YEAR", "MONTH",  "WEEK",        "DAY",        "HOUR",
      "MINUTE", "SECOND", "MILLISECOND", "MICROSECOND"};
  std::string upper = toUpperAscii(word);
  for (std::string_view unit : kUnits) {
    if (upper == unit || (upper.size() == unit.size() + 1 &&
                          upper.starts_with(unit) && upper.back() == 'S')) {
      return std::string(unit);
    }
  }
  return {};
}

bool Parser::peekIntervalUnit(size_t ahead) const {
  const Token& tok = peek(ahead);
  return tok.is(TokenKind::kIdentifier) &&
         !normalizeIntervalUnit(tok.text).empty();
}

// INTERVAL 30 MINUTES | INTERVAL '1' DAY | INTERVAL 1 DAY 2 HOURS |
// INTERVAL '1-2' YEAR TO MONTH | INTERVAL '1 day 2 hours'
ExprPtr Parser::parseInterval() {
  auto lit = makeLiteral(LiteralKind::kInterval, advance().pos);
  while (true) {
    bool sign = peekOp("-") || peekOp("+");
    size_t value_at = sign ? 1 : 0;
    const Token& value_tok = peek(value_at);
    bool is_string = value_tok.is(TokenKind::kString);
    if (!(value_tok.is(TokenKind::kNumber) || (is_string && !sign))) break;
    // Further fields need "value unit"; otherwise the literal has ended.
    if (!lit->interval_fields.empty() && !peekIntervalUnit(value_at + 1)) break;
    IntervalField field;
    field.value_is_string = is_string;
    if (sign && advance().isOp("-")) field.value = "-";
    field.value += advance().text;
    if (peekIntervalUnit(0)) {
      field.unit = normalizeIntervalUnit(advance().text);
    } else if (!is_string || !lit->interval_fields.empty()) {
      fail(peek());
    }
    bool unit_less = field.unit.empty();
    lit->interval_fields.push_back(std::move(field));
    if (unit_less) break;
    if (lit->interval_fields.size() == 1 && acceptKeyword("TO")) {
      if (!peekIntervalUnit(0)) fail(peek());
      lit->interval_to = normalizeIntervalUnit(advance().text);
      break;
    }
  }
  if (lit->interval_fields.empty()) fail(peek());
  return lit;
}

}  // namespace loch::sql

#include "loch/io/csv/csv_values.h"

#include <cmath>
#include <cstdlib>
#include <string>

#include "loch/types/datetime.h"
#include "loch/types/decimal.h"

namespace loch {

std::optional<int64_t> parseJavaLong(std::string_view t, int64_t min, int64_t max) {
  size_t i = 0;
  bool neg = false;
  if (i < t.size() && (t[i] == '-' || t[i] == '+')) neg = t[i++] == '-';
  if (i == t.size() || t.size() - i > 19) return std::nullopt;
  __int128 v = 0;
  for (; i < t.size(); ++i) {
    if (t[i] < '0' || t[i] > '9') return std::nullopt;
    v = v * 10 + (t[i] - '0');
  }
  if (neg) v = -v;
  if (v < min || v > max) return std::nullopt;
  return static_cast<int64_t>(v);
}

std::optional<double> parseCsvDouble(std::string_view t) {
  if (t == "NaN") return std::nan("");
  if (t == "Inf" || t == "Infinity" || t == "+Infinity") return HUGE_VAL;
  if (t == "-Inf" || t == "-Infinity") return -HUGE_VAL;
  // Java trims ASCII whitespace and accepts a trailing d/D/f/F.
  while (!t.empty() && static_cast<unsigned char>(t.front()) <= ' ') t.remove_prefix(1);
  while (!t.empty() && static_cast<unsigned char>(t.back()) <= ' ') t.remove_suffix(1);
  if (!t.empty() && (t.back() == 'd' || t.back() == 'D' || t.back() == 'f' || t.back() == 'F')) t.remove_suffix(1);
  if (t.empty()) return std::nullopt;
  bool digit = false;
  for (char c : t) {
    if (c >= '0' && c <= '9') digit = true;
    else if (c != '.' && c != 'e' && c != 'E' && c != '-' && c != '+') return std::nullopt;
  }
  if (!digit) return std::nullopt;
  std::string s(t);
  char* end = nullptr;
  double d = std::strtod(s.c_str(), &end);
  if (end != s.c_str() + s.size()) return std::nullopt;
  return d;
}

CsvValueParser::CsvValueParser(const CsvOptions& options)
    : options_(options), tz_(lookupTimeZone(options.time_zone)) {
  if (options.date_format) date_pattern_ = std::make_unique<DateTimePattern>(*options.date_format);
  if (options.timestamp_format) timestamp_pattern_ = std::make_unique<DateTimePattern>(*options.timestamp_format);
}

bool CsvValueParser::isNull(std::string_view text, bool quoted) const {
  if (text.empty() && !quoted) return true;
  return valueText(text, quoted) == options_.null_value;
}

std::string_view CsvValueParser::valueText(std::string_view text, bool quoted) const {
  if (quoted && text.empty()) return options_.empty_value;
  return text;
}

std::optional<int32_t> CsvValueParser::parseDate(std::string_view t) const {
  if (date_pattern_) return date_pattern_->parseDate(t);
  return loch::parseDate(t);
}

std::optional<int64_t> CsvValueParser::parseTimestamp(std::string_view t) const {
  if (timestamp_pattern_) return timestamp_pattern_->parseTimestamp(t, tz_);
  return loch::parseTimestamp(t, tz_);
}

bool CsvValueParser::append(VectorBuilder& out, TypeId type, const DataType& full, std::string_view text) const {
  auto fail = [&] {
    out.appendNull();
    return false;
  };
  switch (type) {
    case TypeId::String:
    case TypeId::Binary: out.appendString(text); return true;
    case TypeId::Boolean: {
      if (text.size() == 4 && (text[0] | 32) == 't' && (text[1] | 32) == 'r' && (text[2] | 32) == 'u' && (text[3] | 32) == 'e') {
        out.appendBool(true);
        return true;
      }
      if (text.size() == 5 && (text[0] | 32) == 'f' && (text[1] | 32) == 'a' && (text[2] | 32) == 'l' &&
          (text[3] | 32) == 's' && (text[4] | 32) == 'e') {
        out.appendBool(false);
        return true;
      }
      return fail();
    }
    case TypeId::Byte:
    case TypeId::Short:
    case TypeId::Integer:
    case TypeId::Long: {
      int64_t lo = type == TypeId::Byte ? INT8_MIN : type == TypeId::Short ? INT16_MIN : type == TypeId::Integer ? INT32_MIN : INT64_MIN;
      int64_t hi = type == TypeId::Byte ? INT8_MAX : type == TypeId::Short ? INT16_MAX : type == TypeId::Integer ? INT32_MAX : INT64_MAX;
      auto v = parseJavaLong(text, lo, hi);
      if (!v) return fail();
      out.appendInt(*v);
      return true;
    }
    case TypeId::Float:
    case TypeId::Double: {
      auto v = parseCsvDouble(text);
      if (!v) return fail();
      out.appendDouble(type == TypeId::Float ? static_cast<double>(static_cast<float>(*v)) : *v);
      return true;
    }
    case TypeId::Decimal: {
      auto v = parseDecimal(text, full.precision(), full.scale());
      if (!v) return fail();
      out.appendDecimal(*v);
      return true;
    }
    case TypeId::Date: {
      auto v = parseDate(text);
      if (!v) return fail();
      out.appendInt(*v);
      return true;
    }
    case TypeId::Timestamp: {
      auto v = parseTimestamp(text);
      if (!v) return fail();
      out.appendInt(*v);
      return true;
    }
    case TypeId::TimestampNTZ: {
      auto v = timestamp_pattern_ ? timestamp_pattern_->parseTimestamp(text, lookupTimeZone("UTC")) : parseTimestampNTZ(text);
      if (!v) return fail();
      out.appendInt(*v);
      return true;
    }
    default: return fail();
  }
}

DataTypePtr CsvValueParser::tryFrom(TypeId start, std::string_view t) const {
  // The chain of CSVInferSchema: each step falls through to the next.
  switch (start) {
    case TypeId::Null:
    case TypeId::Integer:
      if (parseJavaLong(t, INT32_MIN, INT32_MAX)) return IntegerType();
      [[fallthrough]];
    case TypeId::Long:
      if (parseJavaLong(t, INT64_MIN, INT64_MAX)) return LongType();
      [[fallthrough]];
    case TypeId::Decimal: {
      // Only integers beyond bigint become decimals (prefersDecimal=false).
      size_t i = (!t.empty() && (t[0] == '-' || t[0] == '+')) ? 1 : 0;
      bool digits = i < t.size();
      for (size_t j = i; j < t.size(); ++j) digits = digits && t[j] >= '0' && t[j] <= '9';
      if (digits) {
        size_t k = i;
        while (k + 1 < t.size() && t[k] == '0') ++k;
        int precision = static_cast<int>(t.size() - k);
        if (precision <= DataType::kMaxDecimalPrecision) return DecimalType(precision, 0);
      }
    }
      [[fallthrough]];
    case TypeId::Double:
      if (parseCsvDouble(t)) return DoubleType();
      [[fallthrough]];
    case TypeId::Date:
      // prefersDate (Spark 3.4+): dates only with an explicit dateFormat or the default pattern.
      if (start != TypeId::Timestamp) {
        bool date_like = date_pattern_ ? date_pattern_->parseDate(t).has_value()
                                       : (t.size() == 10 && t[4] == '-' && t[7] == '-' && loch::parseDate(t));
        if (date_like) return DateType();
      }
      [[fallthrough]];
    case TypeId::Timestamp:
      if (timestamp_pattern_ ? timestamp_pattern_->parseTimestamp(t, tz_).has_value()
                             : ((t.size() > 10 || start == TypeId::Timestamp) && loch::parseTimestamp(t, tz_).has_value())) {
        return TimestampType();
      }
      [[fallthrough]];
    case TypeId::Boolean: {
      std::string l(t);
      for (auto& c : l) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      if (l == "true" || l == "false") return BooleanType();
    }
      [[fallthrough]];
    default: return StringType();
  }
}

DataTypePtr CsvValueParser::inferField(const DataTypePtr& so_far, std::string_view text) const {
  if (so_far->id() == TypeId::String) return so_far;
  DataTypePtr t = tryFrom(so_far->id() == TypeId::Null ? TypeId::Null : so_far->id(), text);
  return mergeCsvTypes(so_far, t);
}

DataTypePtr mergeCsvTypes(const DataTypePtr& a, const DataTypePtr& b) {
  if (a->id() == TypeId::Null) return b;
  if (b->id() == TypeId::Null) return a;
  if (a->equals(*b)) return a;
  auto rank = [](TypeId t) {
    switch (t) {
      case TypeId::Integer: return 1;
      case TypeId::Long: return 2;
      case TypeId::Decimal: return 3;
      case TypeId::Double: return 4;
      default: return 0;
    }
  };
  int ra = rank(a->id()), rb = rank(b->id());
  if (ra && rb) {
    if (ra == 4 || rb == 4) return DoubleType();
    if (ra == 3 || rb == 3) {
      // Integers up to bigint need 19 digits; Spark's DecimalPrecision widening.
      int pa = ra == 3 ? a->precision() : (ra == 1 ? 10 : 20);
      int pb = rb == 3 ? b->precision() : (rb == 1 ? 10 : 20);
      int p = std::max(pa, pb);
      return p <= DataType::kMaxDecimalPrecision ? DecimalType(p, 0) : DoubleType();
    }
    return LongType();
  }
  bool ta = a->id() == TypeId::Date || a->id() == TypeId::Timestamp;
  bool tb = b->id() == TypeId::Date || b->id() == TypeId::Timestamp;
  if (ta && tb) return TimestampType();
  return StringType();
}

}  // namespace loch

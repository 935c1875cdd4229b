#include "loch/types/value.h"

#include <charconv>
#include <cmath>
#include <cstdio>

#include "loch/types/datetime.h"
#include "loch/types/decimal.h"

namespace loch {

Value Value::boolean(bool v) { return Value(BooleanType(), v); }
Value Value::byte(int8_t v) { return Value(ByteType(), static_cast<int64_t>(v)); }
Value Value::shortValue(int16_t v) { return Value(ShortType(), static_cast<int64_t>(v)); }
Value Value::integer(int32_t v) { return Value(IntegerType(), static_cast<int64_t>(v)); }
Value Value::longValue(int64_t v) { return Value(LongType(), v); }
Value Value::floatValue(float v) { return Value(FloatType(), static_cast<double>(v)); }
Value Value::doubleValue(double v) { return Value(DoubleType(), v); }
Value Value::decimal(int128_t unscaled, int precision, int scale) {
  return Value(DecimalType(precision, scale), unscaled);
}
Value Value::string(std::string v) { return Value(StringType(), std::move(v)); }
Value Value::binary(std::string bytes) { return Value(BinaryType(), std::move(bytes)); }
Value Value::date(int32_t days) { return Value(DateType(), static_cast<int64_t>(days)); }
Value Value::timestamp(int64_t micros) { return Value(TimestampType(), micros); }
Value Value::timestampNTZ(int64_t micros) { return Value(TimestampNTZType(), micros); }
Value Value::dayTimeInterval(int64_t micros) { return Value(DayTimeIntervalType(), micros); }
Value Value::yearMonthInterval(int32_t months) {
  return Value(YearMonthIntervalType(), static_cast<int64_t>(months));
}
Value Value::array(DataTypePtr type, std::vector<Value> elements) {
  return Value(std::move(type), std::move(elements));
}
Value Value::map(DataTypePtr type, std::vector<Value> entries) { return Value(std::move(type), std::move(entries)); }
Value Value::mapEntry(Value key, Value value) {
  auto t = StructType({StructField("key", key.type(), false), StructField("value", value.type())});
  return Value(t, std::vector<Value>{std::move(key), std::move(value)});
}
Value Value::structValue(DataTypePtr type, std::vector<Value> fields) {
  return Value(std::move(type), std::move(fields));
}
Value Value::fromInt(DataTypePtr type, int64_t v) { return Value(std::move(type), v); }

namespace {

std::string javaFloatingString(double v, bool is_float) {
  if (std::isnan(v)) return "NaN";
  if (std::isinf(v)) return v > 0 ? "Infinity" : "-Infinity";
  if (v == 0) return std::signbit(v) ? "-0.0" : "0.0";
  // Shortest round-trip digits, then Java's layout: plain for
  // 1e-3 <= |v| < 1e7, otherwise d.dddE±n.
  char buf[64];
  std::to_chars_result res = is_float ? std::to_chars(buf, buf + sizeof(buf), static_cast<float>(v),
                                                      std::chars_format::scientific)
                                      : std::to_chars(buf, buf + sizeof(buf), v, std::chars_format::scientific);
  std::string sci(buf, res.ptr);
  size_t e = sci.find('e');
  std::string mant = sci.substr(0, e);
  int exp = std::stoi(sci.substr(e + 1));
  bool neg = mant[0] == '-';
  if (neg) mant = mant.substr(1);
  std::string digits;
  for (char c : mant) {
    if (c != '.') digits += c;
  }
  while (digits.size() > 1 && digits.back() == '0') digits.pop_back();
  std::string out;
  double a = std::fabs(v);
  if (a >= 1e-3 && a < 1e7) {
    if (exp >= 0) {
      std::string ip = digits.substr(0, std::min<size_t>(digits.size(), exp + 1));
      while (static_cast<int>(ip.size()) < exp + 1) ip += '0';
      std::string fp = static_cast<int>(digits.size()) > exp + 1 ? digits.substr(exp + 1) : "0";
      out = ip + "." + fp;
    } else {
      out = "0." + std::string(-exp - 1, '0') + digits;
    }
  } else {
    out = digits.substr(0, 1) + "." + (digits.size() > 1 ? digits.substr(1) : "0") + "E" + std::to_string(exp);
  }
  return neg ? "-" + out : out;
}

}  // namespace

std::string javaDoubleString(double v) { return javaFloatingString(v, false); }
std::string javaFloatString(float v) { return javaFloatingString(v, true); }

std::string Value::toString(const std::string& time_zone) const {
  if (isNull()) return "NULL";
  switch (type_->id()) {
    case TypeId::Boolean: return getBool() ? "true" : "false";
    case TypeId::Byte:
    case TypeId::Short:
    case TypeId::Integer:
    case TypeId::Long: return std::to_string(getLong());
    case TypeId::Float: return javaFloatString(static_cast<float>(getDouble()));
    case TypeId::Double: return javaDoubleString(getDouble());
    case TypeId::Decimal: return decimalToString(getDecimal(), type_->scale());
    case TypeId::String: return getString();
    case TypeId::Binary: {
      std::string s = "[";
      char buf[4];
      for (size_t i = 0; i < getString().size(); ++i) {
        std::snprintf(buf, sizeof(buf), "%02X", static_cast<unsigned char>(getString()[i]));
        if (i) s += ' ';
        s += buf;
      }
      return s + "]";
    }
    case TypeId::Date: return formatDate(static_cast<int32_t>(getLong()));
    case TypeId::Timestamp: return formatTimestamp(getLong(), lookupTimeZone(time_zone));
    case TypeId::TimestampNTZ: return formatTimestampNTZ(getLong());
    case TypeId::DayTimeInterval: {
      int64_t us = getLong();
      bool neg = us < 0;
      uint64_t a = neg ? -static_cast<uint64_t>(us) : us;
      char buf[96];
      std::snprintf(buf, sizeof(buf), "INTERVAL '%s%llu %02llu:%02llu:%02llu", neg ? "-" : "",
                    static_cast<unsigned long long>(a / kMicrosPerDay),
                    static_cast<unsigned long long>(a / kMicrosPerHour % 24),
                    static_cast<unsigned long long>(a / kMicrosPerMinute % 60),
                    static_cast<unsigned long long>(a / kMicrosPerSecond % 60));
      std::string s = buf;
      if (a % kMicrosPerSecond) {
        std::snprintf(buf, sizeof(buf), ".%06llu", static_cast<unsigned long long>(a % kMicrosPerSecond));
        s += buf;
      }
      return s + "' DAY TO SECOND";
    }
    case TypeId::YearMonthInterval: {
      int64_t m = getLong();
      bool neg = m < 0;
      if (neg) m = -m;
      return "INTERVAL '" + std::string(neg ? "-" : "") + std::to_string(m / 12) + "-" + std::to_string(m % 12) +
             "' YEAR TO MONTH";
    }
    case TypeId::Array: {
      std::string s = "[";
      const auto& c = children();
      for (size_t i = 0; i < c.size(); ++i) {
        if (i) s += ", ";
        s += c[i].toString(time_zone);
      }
      return s + "]";
    }
    case TypeId::Struct: {
      std::string s = "{";
      const auto& c = children();
      for (size_t i = 0; i < c.size(); ++i) {
        if (i) s += ", ";
        s += c[i].toString(time_zone);
      }
      return s + "}";
    }
    case TypeId::Map: {
      std::string s = "{";
      const auto& c = children();
      for (size_t i = 0; i < c.size(); ++i) {
        if (i) s += ", ";
        s += c[i].children()[0].toString(time_zone) + " -> " + c[i].children()[1].toString(time_zone);
      }
      return s + "}";
    }
    case TypeId::Null: return "NULL";
  }
  return "";
}

bool Value::operator==(const Value& o) const {
  if (isNull() || o.isNull()) return isNull() && o.isNull();
  if (type_->id() != o.type_->id()) return false;
  if (type_->id() == TypeId::Decimal && type_->scale() != o.type_->scale()) {
    return decimalToString(getDecimal(), type_->scale()) == decimalToString(o.getDecimal(), o.type_->scale());
  }
  if (std::holds_alternative<double>(data_) && std::holds_alternative<double>(o.data_)) {
    double a = getDouble(), b = o.getDouble();
    return a == b || (std::isnan(a) && std::isnan(b));
  }
  return data_ == o.data_;
}

}  // namespace loch

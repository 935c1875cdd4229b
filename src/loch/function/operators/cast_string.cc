// Casts from and to STRING.

#include <charconv>
#include <cmath>
#include <limits>

#include "loch/function/operators/cast.h"
#include "loch/function/operators/cast_internal.h"
#include "loch/types/datetime.h"
#include "loch/types/decimal.h"

namespace loch::cast_detail {

namespace {

char lowerAscii(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c + 32) : c; }

bool equalsLower(std::string_view s, std::string_view lower) {
  if (s.size() != lower.size()) return false;
  for (size_t i = 0; i < s.size(); ++i)
    if (lowerAscii(s[i]) != lower[i]) return false;
  return true;
}

/// Spark's UTF8String.toLong: [+-]digits, optionally followed (legacy only)
/// by '.' and digits that are truncated. Overflow is malformed.
template <class D>
bool parseIntegral(std::string_view s, bool allow_fraction, D& out) {
  s = trimSpaces(s);
  if (s.empty()) return false;
  size_t i = 0;
  bool neg = false;
  if (s[0] == '-' || s[0] == '+') {
    neg = s[0] == '-';
    i = 1;
  }
  if (i == s.size()) return false;
  // Accumulate negatively so that the minimum value parses.
  int64_t acc = 0;
  constexpr int64_t lo = std::numeric_limits<D>::min();
  bool any = false;
  for (; i < s.size(); ++i) {
    char c = s[i];
    if (c == '.') break;
    if (c < '0' || c > '9') return false;
    any = true;
    int d = c - '0';
    if (acc < (lo + d) / 10) return false;
    acc = acc * 10 - d;
  }
  if (i < s.size()) {  // at '.'
    if (!allow_fraction) return false;
    for (++i; i < s.size(); ++i)
      if (s[i] < '0' || s[i] > '9') return false;
  }
  if (!any) return false;
  if (!neg) {
    if (acc < -static_cast<int64_t>(std::numeric_limits<D>::max())) return false;
    acc = -acc;
  }
  out = static_cast<D>(acc);
  return true;
}

/// Java's Double.parseDouble on the trimmed text, plus Spark's special
/// spellings (inf, infinity, nan in any case, with sign).
bool parseDouble(std::string_view s, double& out) {
  s = trimSpaces(s);
  if (s.empty()) return false;
  bool neg = false;
  std::string_view body = s;
  if (body[0] == '+' || body[0] == '-') {
    neg = body[0] == '-';
    body.remove_prefix(1);
  }
  if (equalsLower(body, "inf") || equalsLower(body, "infinity")) {
    out = neg ? -std::numeric_limits<double>::infinity() : std::numeric_limits<double>::infinity();
    return true;
  }
  if (equalsLower(body, "nan")) {
    out = std::numeric_limits<double>::quiet_NaN();
    return true;
  }
  // Java accepts a trailing type suffix: 1.5d, 2f.
  if (!body.empty() && (body.back() == 'd' || body.back() == 'D' || body.back() == 'f' || body.back() == 'F'))
    body.remove_suffix(1);
  if (body.empty() || body[0] == '+' || body[0] == '-') return false;
  for (char c : body)
    if (!((c >= '0' && c <= '9') || c == '.' || c == 'e' || c == 'E' || c == '+' || c == '-')) return false;
  double v = 0;
  auto [p, ec] = std::from_chars(body.data(), body.data() + body.size(), v);
  if (p != body.data() + body.size()) return false;
  if (ec == std::errc::result_out_of_range) {
    // Java rounds overflow to infinity and underflow to zero.
    bool big = false;
    for (char c : body) {
      if (c == 'e' || c == 'E') break;
    }
    auto epos = body.find_first_of("eE");
    big = epos == std::string_view::npos || body[epos + 1] != '-';
    v = big ? std::numeric_limits<double>::infinity() : 0.0;
  } else if (ec != std::errc()) {
    return false;
  }
  out = neg ? -v : v;
  return true;
}

/// Spark's StringUtils.isTrueString / isFalseString.
bool parseBoolean(std::string_view s, uint8_t& out) {
  s = trimSpaces(s);
  if (equalsLower(s, "t") || equalsLower(s, "true") || equalsLower(s, "y") || equalsLower(s, "yes") || s == "1") {
    out = 1;
    return true;
  }
  if (equalsLower(s, "f") || equalsLower(s, "false") || equalsLower(s, "n") || equalsLower(s, "no") || s == "0") {
    out = 0;
    return true;
  }
  return false;
}

template <class D, class Parse>
VectorPtr parseLoop(const CastState& st, Parse&& parse) {
  return castLoop<D>(st.in, st.to, [&](int64_t i, D& out) {
    if (parse(st.in.stringAt(i), out)) return true;
    if (st.raise) throwInvalidInput(st.in.getValue(i), *st.to);
    return false;
  });
}

VectorPtr copyBytes(const CastState& st) {
  auto out = std::make_shared<Vector>(st.to, VectorEncoding::Flat, st.in.size());
  out->setValidityBuffer(st.in.validityBuffer());
  out->setValuesBuffer(st.in.valuesBuffer());
  out->setDataBuffer(st.in.dataBuffer());
  return out;
}

void appendJoined(std::string& s, const Vector& strings, int64_t row) {
  if (strings.isNull(row)) s += "null";
  else s += strings.stringAt(row);
}

/// Spark's display of nested values cast to string: [1, null], {1, a},
/// {a -> 1}.
VectorPtr nestedToString(const CastState& st) {
  const Vector& in = st.in;
  int64_t n = in.size();
  VectorBuilder b(StringType(), n);
  auto str = [&](const VectorPtr& child) {
    auto flat = child->isFlat() ? child : child->flatten();
    auto r = castVector(*flat, StringType(), st.ctx, !st.raise);
    return r->isFlat() ? r : r->flatten();
  };
  std::string s;
  if (in.typeId() == TypeId::Array || in.typeId() == TypeId::Map) {
    const int32_t* off = in.offsets();
    VectorPtr keys, vals;
    if (in.typeId() == TypeId::Array) {
      vals = str(in.child(0));
    } else {
      auto entries = in.child(0)->isFlat() ? in.child(0) : in.child(0)->flatten();
      keys = str(entries->child(0));
      vals = str(entries->child(1));
    }
    for (int64_t i = 0; i < n; ++i) {
      if (in.isNull(i)) {
        b.appendNull();
        continue;
      }
      s.assign(keys ? "{" : "[");
      for (int32_t k = off[i]; k < off[i + 1]; ++k) {
        if (k > off[i]) s += ", ";
        if (keys) {
          appendJoined(s, *keys, k);
          s += " -> ";
        }
        appendJoined(s, *vals, k);
      }
      s += keys ? "}" : "]";
      b.appendString(s);
    }
    return b.finish();
  }
  std::vector<VectorPtr> fields;
  for (const auto& c : in.children()) fields.push_back(str(c));
  for (int64_t i = 0; i < n; ++i) {
    if (in.isNull(i)) {
      b.appendNull();
      continue;
    }
    s.assign("{");
    for (size_t f = 0; f < fields.size(); ++f) {
      if (f) s += ", ";
      appendJoined(s, *fields[f], i);
    }
    s += "}";
    b.appendString(s);
  }
  return b.finish();
}

template <class F>
VectorPtr formatLoop(const CastState& st, F&& f) {
  int64_t n = st.in.size();
  VectorBuilder b(StringType(), n);
  std::string buf;
  for (int64_t i = 0; i < n; ++i) {
    if (st.in.isNull(i)) {
      b.appendNull();
      continue;
    }
    buf.clear();
    f(i, buf);
    b.appendString(buf);
  }
  return b.finish();
}

}  // namespace

VectorPtr castFromString(const CastState& st) {
  TypeId to = st.to->id();
  bool legacy = !st.ctx.ansi;
  switch (to) {
    case TypeId::String:
    case TypeId::Binary:
      return copyBytes(st);
    case TypeId::Boolean:
      return parseLoop<uint8_t>(st, parseBoolean);
    case TypeId::Byte:
      return parseLoop<int8_t>(st, [&](std::string_view s, int8_t& o) { return parseIntegral(s, legacy, o); });
    case TypeId::Short:
      return parseLoop<int16_t>(st, [&](std::string_view s, int16_t& o) { return parseIntegral(s, legacy, o); });
    case TypeId::Integer:
      return parseLoop<int32_t>(st, [&](std::string_view s, int32_t& o) { return parseIntegral(s, legacy, o); });
    case TypeId::Long:
      return parseLoop<int64_t>(st, [&](std::string_view s, int64_t& o) { return parseIntegral(s, legacy, o); });
    case TypeId::Float:
      return parseLoop<float>(st, [](std::string_view s, float& o) {
        double d;
        if (!parseDouble(s, d)) return false;
        o = static_cast<float>(d);
        return true;
      });
    case TypeId::Double:
      return parseLoop<double>(st, parseDouble);
    case TypeId::Decimal: {
      int p = st.to->precision(), s = st.to->scale();
      return castLoop<int128_t>(st.in, st.to, [&](int64_t i, int128_t& out) {
        std::string_view text = trimSpaces(st.in.stringAt(i));
        auto v = parseDecimal(text, DataType::kMaxDecimalPrecision, s);
        if (v && decimalFits(*v, p)) {
          out = *v;
          return true;
        }
        if (st.raise) {
          if (v) throwDecimalOutOfRange(std::string(text), *st.to);
          throwInvalidInput(st.in.getValue(i), *st.to);
        }
        return false;
      });
    }
    case TypeId::Date:
      return parseLoop<int32_t>(st, [](std::string_view s, int32_t& o) {
        auto d = parseDate(s);
        if (!d) return false;
        o = *d;
        return true;
      });
    case TypeId::Timestamp:
      return parseLoop<int64_t>(st, [&](std::string_view s, int64_t& o) {
        auto t = parseTimestamp(trimSpaces(s), st.tz);
        if (!t) return false;
        o = *t;
        return true;
      });
    case TypeId::TimestampNTZ:
      return parseLoop<int64_t>(st, [](std::string_view s, int64_t& o) {
        auto t = parseTimestampNTZ(trimSpaces(s));
        if (!t) return false;
        o = *t;
        return true;
      });
    default:
      throw UnsupportedException("CAST from STRING to " + st.to->sql() + " is not supported");
  }
}

VectorPtr castToString(const CastState& st) {
  const Vector& in = st.in;
  switch (in.typeId()) {
    case TypeId::Boolean: {
      const uint8_t* v = in.values<uint8_t>();
      return formatLoop(st, [&](int64_t i, std::string& s) { s = v[i] ? "true" : "false"; });
    }
    case TypeId::Byte:
    case TypeId::Short:
    case TypeId::Integer:
    case TypeId::Long:
      return kernel::dispatchFixed(in.typeId(), [&](auto tag) {
        using T = decltype(tag);
        const T* v = in.values<T>();
        int64_t n = in.size();
        VectorBuilder b(StringType(), n);
        char buf[24];
        for (int64_t i = 0; i < n; ++i) {
          if (in.isNull(i)) {
            b.appendNull();
            continue;
          }
          auto r = std::to_chars(buf, buf + sizeof(buf), static_cast<int64_t>(v[i]));
          b.appendString(std::string_view(buf, static_cast<size_t>(r.ptr - buf)));
        }
        return b.finish();
      });
    case TypeId::Float: {
      const float* v = in.values<float>();
      return formatLoop(st, [&](int64_t i, std::string& s) { s = javaFloatString(v[i]); });
    }
    case TypeId::Double: {
      const double* v = in.values<double>();
      return formatLoop(st, [&](int64_t i, std::string& s) { s = javaDoubleString(v[i]); });
    }
    case TypeId::Decimal: {
      const int128_t* v = in.values<int128_t>();
      int scale = in.type()->scale();
      return formatLoop(st, [&](int64_t i, std::string& s) { s = decimalToString(v[i], scale); });
    }
    case TypeId::Date: {
      const int32_t* v = in.values<int32_t>();
      return formatLoop(st, [&](int64_t i, std::string& s) { s = formatDate(v[i]); });
    }
    case TypeId::Timestamp: {
      const int64_t* v = in.values<int64_t>();
      return formatLoop(st, [&](int64_t i, std::string& s) { s = formatTimestamp(v[i], st.tz); });
    }
    case TypeId::TimestampNTZ: {
      const int64_t* v = in.values<int64_t>();
      return formatLoop(st, [&](int64_t i, std::string& s) { s = formatTimestampNTZ(v[i]); });
    }
    case TypeId::Array:
    case TypeId::Map:
    case TypeId::Struct:
      return nestedToString(st);
    default:
      return formatLoop(st, [&](int64_t i, std::string& s) { s = in.getValue(i).toString(st.ctx.time_zone_name); });
  }
}

}  // namespace loch::cast_detail

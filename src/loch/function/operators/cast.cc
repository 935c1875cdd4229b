#include "loch/function/operators/cast.h"

#include <cmath>
#include <limits>
#include <utility>

#include "loch/function/operators/cast_internal.h"
#include "loch/types/datetime.h"
#include "loch/types/decimal.h"

namespace loch {

namespace kernel {

std::string sqlValue(const Value& v) {
  if (v.isNull()) return "NULL";
  switch (v.type()->id()) {
    case TypeId::String: {
      std::string s = "'";
      for (char c : v.getString()) {
        if (c == '\'' || c == '\\') s.push_back('\\');
        s.push_back(c);
      }
      return s + "'";
    }
    case TypeId::Byte: return std::to_string(v.getLong()) + "Y";
    case TypeId::Short: return std::to_string(v.getLong()) + "S";
    case TypeId::Integer: return std::to_string(v.getLong());
    case TypeId::Long: return std::to_string(v.getLong()) + "L";
    case TypeId::Float:
    case TypeId::Double: {
      double d = v.getDouble();
      bool f = v.type()->id() == TypeId::Float;
      std::string text = f ? javaFloatString(static_cast<float>(d)) : javaDoubleString(d);
      if (f || std::isnan(d) || std::isinf(d)) return "CAST('" + text + "' AS " + v.type()->sql() + ")";
      return text + "D";
    }
    case TypeId::Decimal: return decimalToString(v.getDecimal(), v.type()->scale()) + "BD";
    case TypeId::Date: return "DATE '" + v.toString() + "'";
    case TypeId::Timestamp: return "TIMESTAMP '" + v.toString() + "'";
    case TypeId::TimestampNTZ: return "TIMESTAMP_NTZ '" + v.toString() + "'";
    default: return v.toString();
  }
}

}  // namespace kernel

namespace cast_detail {

void throwInvalidInput(const Value& v, const DataType& to) {
  throw CastException("CAST_INVALID_INPUT",
                      "The value " + kernel::sqlValue(v) + " of the type " + kernel::sqlType(*v.type()) +
                          " cannot be cast to " + kernel::sqlType(to) +
                          " because it is malformed. Correct the value as per the syntax, or change its target "
                          "type. Use `try_cast` to tolerate malformed input and return NULL instead. If necessary "
                          "set \"spark.sql.ansi.enabled\" to \"false\" to bypass this error.");
}

void throwOverflow(const Value& v, const DataType& to) {
  throw CastException("CAST_OVERFLOW", "The value " + kernel::sqlValue(v) + " of the type " +
                                           kernel::sqlType(*v.type()) + " cannot be cast to " + kernel::sqlType(to) +
                                           " due to an overflow. Use `try_cast` to tolerate overflow and return "
                                           "NULL instead. If necessary set \"spark.sql.ansi.enabled\" to \"false\" "
                                           "to bypass this error.");
}

void throwDecimalOutOfRange(const std::string& value_text, const DataType& to) {
  throw ArithmeticException("NUMERIC_VALUE_OUT_OF_RANGE.WITH_SUGGESTION",
                            value_text + " cannot be represented as Decimal(" + std::to_string(to.precision()) +
                                ", " + std::to_string(to.scale()) +
                                "). If necessary set \"spark.sql.ansi.enabled\" to \"false\" to bypass this error, "
                                "and return NULL instead.");
}

std::string_view trimSpaces(std::string_view s) {
  size_t b = 0, e = s.size();
  while (b < e && static_cast<unsigned char>(s[b]) <= ' ') ++b;
  while (e > b && static_cast<unsigned char>(s[e - 1]) <= ' ') --e;
  return s.substr(b, e - b);
}

}  // namespace cast_detail

using namespace cast_detail;

namespace {

template <class T>
constexpr bool kIsIntegral = std::is_integral_v<T> && !std::is_same_v<T, uint8_t>;

/// Integral (or boolean) S to integral D, with overflow detection.
template <class S, class D>
VectorPtr integralToIntegral(const CastState& st) {
  const S* v = st.in.values<S>();
  return castLoop<D>(st.in, st.to, [&](int64_t i, D& out) {
    S x = v[i];
    if constexpr (sizeof(D) < sizeof(S) || (sizeof(D) == sizeof(S) && !std::is_same_v<S, D>)) {
      if (!std::in_range<D>(x)) {
        if (st.raise) throwOverflow(st.in.getValue(i), *st.to);
        if (!st.legacy) return false;  // try_cast
        // Legacy Spark narrows like Java: keep the low bits.
        out = static_cast<D>(x);
        return true;
      }
    }
    out = static_cast<D>(x);
    return true;
  });
}

/// Float/double S to integral D (Java semantics in legacy mode: NaN → 0,
/// saturation to int/long, byte/short wrap after an int conversion).
template <class S, class D>
VectorPtr floatingToIntegral(const CastState& st) {
  const S* v = st.in.values<S>();
  return castLoop<D>(st.in, st.to, [&](int64_t i, D& out) {
    double x = static_cast<double>(v[i]);
    double t = std::trunc(x);
    // Valid iff min <= t < max+1 (2^63 for long is not representable).
    constexpr double lo = static_cast<double>(std::numeric_limits<D>::min());
    constexpr double hi = -static_cast<double>(std::numeric_limits<D>::min());
    bool ok = !std::isnan(x) && t >= lo && t < hi;
    if (ok) {
      out = static_cast<D>(t);
      return true;
    }
    if (st.raise) throwOverflow(st.in.getValue(i), *st.to);
    if (!st.legacy) return false;  // try_cast
    auto java_long = [](double d) -> int64_t {
      if (std::isnan(d)) return 0;
      if (d >= 9.2233720368547758e18) return std::numeric_limits<int64_t>::max();
      if (d <= -9.2233720368547758e18) return std::numeric_limits<int64_t>::min();
      return static_cast<int64_t>(d);
    };
    auto java_int = [](double d) -> int32_t {
      if (std::isnan(d)) return 0;
      if (d >= 2147483647.0) return std::numeric_limits<int32_t>::max();
      if (d <= -2147483648.0) return std::numeric_limits<int32_t>::min();
      return static_cast<int32_t>(d);
    };
    if constexpr (sizeof(D) == 8) out = static_cast<D>(java_long(x));
    else out = static_cast<D>(java_int(x));
    return true;
  });
}

template <class S, class D>
VectorPtr numericToFloating(const CastState& st) {
  const S* v = st.in.values<S>();
  return castLoop<D>(st.in, st.to, [&](int64_t i, D& out) {
    out = static_cast<D>(v[i]);
    return true;
  });
}

template <class S>
VectorPtr toBoolean(const CastState& st) {
  const S* v = st.in.values<S>();
  return castLoop<uint8_t>(st.in, st.to, [&](int64_t i, uint8_t& out) {
    out = v[i] != 0;
    return true;
  });
}

/// Integral/boolean to decimal(p,s): v * 10^s must fit p digits.
template <class S>
VectorPtr integralToDecimal(const CastState& st) {
  const S* v = st.in.values<S>();
  int p = st.to->precision(), s = st.to->scale();
  const int128_t m = pow10i128(s), bound = pow10i128(p), safe = pow10i128(38 - s);
  return castLoop<int128_t>(st.in, st.to, [&](int64_t i, int128_t& out) {
    int128_t x = static_cast<int128_t>(v[i]);
    if (x < safe && x > -safe) {
      out = x * m;
      if (out < bound && out > -bound) return true;
    }
    if (st.raise) throwDecimalOutOfRange(std::to_string(static_cast<int64_t>(v[i])), *st.to);
    return false;
  });
}

template <class S>
VectorPtr floatingToDecimal(const CastState& st) {
  const S* v = st.in.values<S>();
  int p = st.to->precision(), s = st.to->scale();
  return castLoop<int128_t>(st.in, st.to, [&](int64_t i, int128_t& out) {
    double x = static_cast<double>(v[i]);
    auto r = decimalFromDouble(x, p, s);
    if (r) {
      out = *r;
      return true;
    }
    if (st.raise) {
      if (std::isnan(x) || std::isinf(x)) throwInvalidInput(st.in.getValue(i), *st.to);
      throwDecimalOutOfRange(javaDoubleString(x), *st.to);
    }
    return false;
  });
}

VectorPtr decimalToDecimal(const CastState& st) {
  const int128_t* v = st.in.values<int128_t>();
  int from_s = st.in.type()->scale();
  int p = st.to->precision(), s = st.to->scale();
  return castLoop<int128_t>(st.in, st.to, [&](int64_t i, int128_t& out) {
    auto r = rescaleDecimal(v[i], from_s, s);
    if (r && decimalFits(*r, p)) {
      out = *r;
      return true;
    }
    if (st.raise) throwDecimalOutOfRange(decimalToString(v[i], from_s), *st.to);
    return false;
  });
}

template <class D>
VectorPtr decimalToIntegral(const CastState& st) {
  const int128_t* v = st.in.values<int128_t>();
  int128_t div = pow10i128(st.in.type()->scale());
  return castLoop<D>(st.in, st.to, [&](int64_t i, D& out) {
    int128_t t = v[i] / div;  // truncates toward zero, as Spark
    if (t < std::numeric_limits<D>::min() || t > std::numeric_limits<D>::max()) {
      if (st.raise) throwOverflow(st.in.getValue(i), *st.to);
      if (!st.legacy) return false;  // try_cast
    }
    out = static_cast<D>(static_cast<int64_t>(t));
    return true;
  });
}

template <class D>
VectorPtr decimalToFloating(const CastState& st) {
  const int128_t* v = st.in.values<int128_t>();
  int s = st.in.type()->scale();
  return castLoop<D>(st.in, st.to, [&](int64_t i, D& out) {
    out = static_cast<D>(decimalToDouble(v[i], s));
    return true;
  });
}

VectorPtr castNumeric(const CastState& st) {
  TypeId from = st.in.typeId(), to = st.to->id();
  if (to == TypeId::Boolean) {
    return kernel::dispatchFixed(from, [&](auto tag) { return toBoolean<decltype(tag)>(st); });
  }
  if (to == TypeId::Decimal) {
    if (from == TypeId::Decimal) return decimalToDecimal(st);
    if (from == TypeId::Float) return floatingToDecimal<float>(st);
    if (from == TypeId::Double) return floatingToDecimal<double>(st);
    return kernel::dispatchFixed(from, [&](auto tag) { return integralToDecimal<decltype(tag)>(st); });
  }
  if (to == TypeId::Float || to == TypeId::Double) {
    if (from == TypeId::Decimal) return to == TypeId::Float ? decimalToFloating<float>(st) : decimalToFloating<double>(st);
    return kernel::dispatchFixed(from, [&](auto stag) {
      using S = decltype(stag);
      if constexpr (std::is_same_v<S, int128_t>) {
        return VectorPtr{};
      } else {
        return to == TypeId::Float ? numericToFloating<S, float>(st) : numericToFloating<S, double>(st);
      }
    });
  }
  // Integral targets.
  return kernel::dispatchFixed(to, [&](auto dtag) -> VectorPtr {
    using D = decltype(dtag);
    if constexpr (!kIsIntegral<D>) {
      throw InternalException("bad integral cast target");
    } else {
      if (from == TypeId::Decimal) return decimalToIntegral<D>(st);
      if (from == TypeId::Float) return floatingToIntegral<float, D>(st);
      if (from == TypeId::Double) return floatingToIntegral<double, D>(st);
      return kernel::dispatchFixed(from, [&](auto stag) -> VectorPtr {
        using S = decltype(stag);
        if constexpr (std::is_integral_v<S>) return integralToIntegral<S, D>(st);
        else throw InternalException("bad integral cast source");
      });
    }
  });
}

bool isNumericOrBool(TypeId id) {
  switch (id) {
    case TypeId::Boolean:
    case TypeId::Byte:
    case TypeId::Short:
    case TypeId::Integer:
    case TypeId::Long:
    case TypeId::Float:
    case TypeId::Double:
    case TypeId::Decimal:
      return true;
    default:
      return false;
  }
}

VectorPtr castDatetime(const CastState& st) {
  TypeId from = st.in.typeId(), to = st.to->id();
  if (from == TypeId::Date) {
    const int32_t* v = st.in.values<int32_t>();
    return castLoop<int64_t>(st.in, st.to, [&](int64_t i, int64_t& out) {
      int64_t local = static_cast<int64_t>(v[i]) * kMicrosPerDay;
      out = to == TypeId::Timestamp ? localToUtcMicros(local, st.tz) : local;
      return true;
    });
  }
  const int64_t* v = st.in.values<int64_t>();
  if (to == TypeId::Date) {
    return castLoop<int32_t>(st.in, st.to, [&](int64_t i, int32_t& out) {
      int64_t local = from == TypeId::Timestamp ? utcToLocalMicros(v[i], st.tz) : v[i];
      out = static_cast<int32_t>(floorDiv(local, kMicrosPerDay));
      return true;
    });
  }
  return castLoop<int64_t>(st.in, st.to, [&](int64_t i, int64_t& out) {
    out = to == TypeId::TimestampNTZ ? utcToLocalMicros(v[i], st.tz) : localToUtcMicros(v[i], st.tz);
    return true;
  });
}

/// Timestamp to numeric: seconds since the epoch (floor for integrals,
/// fractional for float/double/decimal), as Spark.
VectorPtr timestampToNumeric(const CastState& st) {
  const int64_t* v = st.in.values<int64_t>();
  TypeId to = st.to->id();
  if (to == TypeId::Double || to == TypeId::Float || to == TypeId::Decimal) {
    auto d = castLoop<double>(st.in, DoubleType(), [&](int64_t i, double& out) {
      out = static_cast<double>(v[i]) / kMicrosPerSecond;
      return true;
    });
    return castVector(*d, st.to, st.ctx, !st.raise);
  }
  auto secs = castLoop<int64_t>(st.in, LongType(), [&](int64_t i, int64_t& out) {
    out = floorDiv(v[i], kMicrosPerSecond);
    return true;
  });
  return castVector(*secs, st.to, st.ctx, !st.raise);
}

/// Numeric to timestamp: the number is seconds since the epoch.
VectorPtr numericToTimestamp(const CastState& st) {
  TypeId from = st.in.typeId();
  if (from == TypeId::Float || from == TypeId::Double || from == TypeId::Decimal) {
    auto d = castVector(st.in, DoubleType(), st.ctx, true);
    const double* v = d->values<double>();
    return castLoop<int64_t>(*d, st.to, [&](int64_t i, int64_t& out) {
      double us = v[i] * kMicrosPerSecond;
      if (std::isnan(us) || std::isinf(us) || us >= 9.2233720368547758e18 || us < -9.2233720368547758e18) {
        if (st.raise) throwOverflow(st.in.getValue(i), *st.to);
        return false;
      }
      out = static_cast<int64_t>(us);
      return true;
    });
  }
  auto l = castVector(st.in, LongType(), st.ctx, true);
  const int64_t* v = l->values<int64_t>();
  return castLoop<int64_t>(*l, st.to, [&](int64_t i, int64_t& out) {
    if (__builtin_mul_overflow(v[i], kMicrosPerSecond, &out)) {
      if (st.raise) throwOverflow(st.in.getValue(i), *st.to);
      out = v[i] > 0 ? std::numeric_limits<int64_t>::max() : std::numeric_limits<int64_t>::min();
    }
    return true;
  });
}

/// Integral to binary: big-endian bytes of the value (legacy Spark).
VectorPtr integralToBinary(const CastState& st) {
  int64_t n = st.in.size();
  VectorBuilder b(st.to, n);
  int width = st.in.type()->fixedWidth();
  for (int64_t i = 0; i < n; ++i) {
    if (st.in.isNull(i)) {
      b.appendNull();
      continue;
    }
    int64_t x = st.in.getValue(i).getLong();
    std::string bytes(static_cast<size_t>(width), '\0');
    for (int k = 0; k < width; ++k) bytes[static_cast<size_t>(width - 1 - k)] = static_cast<char>((x >> (8 * k)) & 0xff);
    b.appendString(bytes);
  }
  return b.finish();
}

VectorPtr castFlat(const CastState& st);

/// Re-wraps children: arrays/maps keep offsets and validity, the element
/// vector is cast.
VectorPtr castNested(const CastState& st) {
  const Vector& in = st.in;
  const DataType& to = *st.to;
  auto out = std::make_shared<Vector>(st.to, VectorEncoding::Flat, in.size());
  out->setValidityBuffer(in.validityBuffer());
  out->setValuesBuffer(in.valuesBuffer());
  if (to.id() == TypeId::Array) {
    auto elems = in.child(0)->isFlat() ? in.child(0) : in.child(0)->flatten();
    out->children().push_back(castVector(*elems, to.elementType(), st.ctx, !st.raise));
  } else if (to.id() == TypeId::Map) {
    auto entries = in.child(0)->isFlat() ? in.child(0) : in.child(0)->flatten();
    DataTypePtr entry_type = StructType({StructField("key", to.keyType(), false),
                                         StructField("value", to.valueType(), true)});
    out->children().push_back(castVector(*entries, entry_type, st.ctx, !st.raise));
  } else {
    for (size_t f = 0; f < to.fields().size(); ++f) {
      out->children().push_back(castVector(*in.child(f), to.fields()[f].type, st.ctx, !st.raise));
    }
  }
  return out;
}

VectorPtr castFlat(const CastState& st) {
  TypeId from = st.in.typeId(), to = st.to->id();
  if (from == TypeId::String || (from == TypeId::Binary && to == TypeId::String)) return castFromString(st);
  if (to == TypeId::String) return castToString(st);
  if (isNumericOrBool(from) && isNumericOrBool(to)) return castNumeric(st);
  bool from_dt = st.in.type()->isTemporal(), to_dt = st.to->isTemporal();
  if (from_dt && to_dt) return castDatetime(st);
  if (from == TypeId::Timestamp && isNumericOrBool(to)) return timestampToNumeric(st);
  if (from == TypeId::Date && isNumericOrBool(to)) return Vector::makeNull(st.to, st.in.size());
  if (isNumericOrBool(from) && to == TypeId::Timestamp) return numericToTimestamp(st);
  if (st.in.type()->isIntegral() && to == TypeId::Binary) return integralToBinary(st);
  if (from == to && st.in.type()->isNested()) return castNested(st);
  throw UnsupportedException("CAST from " + st.in.type()->sql() + " to " + st.to->sql() + " is not supported");
}

}  // namespace

bool canCast(const DataType& from, const DataType& to, bool ansi) {
  if (from.equals(to) || from.id() == TypeId::Null) return true;
  TypeId f = from.id(), t = to.id();
  if (t == TypeId::String) return true;
  if (f == TypeId::String) {
    // String to interval (Spark's ANSI interval literals) is not implemented.
    return t == TypeId::Binary || isNumericOrBool(t) || to.isTemporal();
  }
  if (isNumericOrBool(f) && isNumericOrBool(t)) return true;
  if (from.isTemporal() && to.isTemporal()) return true;
  if (f == TypeId::Timestamp && isNumericOrBool(t)) return !ansi || t != TypeId::Boolean;
  if (isNumericOrBool(f) && t == TypeId::Timestamp) return !ansi || f != TypeId::Boolean;
  if (f == TypeId::Date && isNumericOrBool(t)) return !ansi;
  if (from.isIntegral() && t == TypeId::Binary) return !ansi;
  if (f != t) return false;
  switch (f) {
    case TypeId::Array:
      return canCast(*from.elementType(), *to.elementType(), ansi);
    case TypeId::Map:
      return canCast(*from.keyType(), *to.keyType(), ansi) && canCast(*from.valueType(), *to.valueType(), ansi);
    case TypeId::Struct: {
      if (from.fields().size() != to.fields().size()) return false;
      for (size_t i = 0; i < from.fields().size(); ++i)
        if (!canCast(*from.fields()[i].type, *to.fields()[i].type, ansi)) return false;
      return true;
    }
    default:
      return false;
  }
}

bool castMayFail(const DataType& from, const DataType& to) {
  if (from.equals(to) || from.id() == TypeId::Null) return false;
  TypeId f = from.id(), t = to.id();
  if (t == TypeId::String) return false;
  if (f == TypeId::String) return t != TypeId::Binary;
  if (from.isTemporal() && to.isTemporal()) return false;
  if (from.isIntegral() && (to.isFloating() || t == TypeId::Boolean)) return false;
  if (from.isIntegral() && to.isIntegral()) {
    return from.fixedWidth() > to.fixedWidth();
  }
  if (f == TypeId::Boolean && t != TypeId::Decimal) return false;
  if (from.isNested()) return true;
  return true;
}

VectorPtr castVector(const Vector& in, const DataTypePtr& to, EvalContext& ctx, bool is_try) {
  int64_t n = in.size();
  if (in.type()->equals(*to)) {
    return std::const_pointer_cast<Vector>(in.shared_from_this());
  }
  if (in.typeId() == TypeId::Null) return Vector::makeNull(to, n);
  if (in.isConstant()) {
    if (n == 0) return Vector::makeFlat(to, 0);
    auto one = castVector(*in.dictionary(), to, ctx, is_try);
    return kernel::wrapConstant(one, n);
  }
  // Dictionary inputs are gathered first: casting the whole dictionary could
  // raise on entries that no selected row refers to.
  VectorPtr flat = in.isFlat() ? std::const_pointer_cast<Vector>(in.shared_from_this()) : in.flatten();
  const cctz::time_zone& tz = ctx.time_zone ? *ctx.time_zone : lookupTimeZone(ctx.time_zone_name.empty() ? "UTC" : ctx.time_zone_name);
  CastState st{*flat, to, ctx, ctx.ansi && !is_try, !ctx.ansi, tz};
  return castFlat(st);
}

}  // namespace loch

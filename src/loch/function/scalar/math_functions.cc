// Math functions (Spark's mathExpressions.scala, arithmetic.scala's abs,
// pmod, greatest/least, randomExpressions.scala).

#include <charconv>
#include <cmath>
#include <cstring>
#include <optional>
#include <limits>
#include <random>

#include "loch/function/scalar/scalar_util.h"
#include "loch/function/scalar/spark_random.h"
#include "loch/function/type_coercion.h"
#include "loch/types/decimal.h"

namespace loch::scalar {

namespace {

template <class Fn>
decltype(auto) dispatchNumeric(TypeId id, Fn&& fn) {
  switch (id) {
    case TypeId::Byte: return fn(int8_t{});
    case TypeId::Short: return fn(int16_t{});
    case TypeId::Integer: return fn(int32_t{});
    case TypeId::Long: return fn(int64_t{});
    case TypeId::Float: return fn(float{});
    case TypeId::Double: return fn(double{});
    case TypeId::Decimal: return fn(int128_t{});
    default: throw InternalException("numeric dispatch on a non-numeric type");
  }
}

bool isNumericOrNull(const DataType& t) { return t.isNumeric() || t.id() == TypeId::Null; }

/// Binder of f(double...) -> double; `f` returns NaN or a value, and
/// `null_if(x...)` selects rows that give NULL (e.g. log of x <= 0).
template <size_t N, class F>
ScalarBinder doubleFn(std::string name, F f, bool introduces_nulls = false) {
  return [name, f, introduces_nulls](const ScalarBindInput& in) {
    checkArgCount(name, in, N, N);
    BoundScalarFunction b;
    b.name = name;
    for (size_t i = 0; i < N; ++i) b.arg_types.push_back(expectType(name, in, i, DoubleType()));
    b.return_type = DoubleType();
    b.introduces_nulls = introduces_nulls;
    b.kernel = [f](const std::vector<VectorPtr>& args, int64_t rows, EvalContext&) {
      return computeFixed<double>(args, rows, DoubleType(), [&](const auto& d, int64_t i, double& out) {
        if constexpr (N == 1) {
          return f(d[0].template valueAt<double>(i), out);
        } else {
          return f(d[0].template valueAt<double>(i), d[1].template valueAt<double>(i), out);
        }
      });
    };
    return b;
  };
}

ScalarBinder constantFn(std::string name, double v) {
  return [name, v](const ScalarBindInput& in) {
    checkArgCount(name, in, 0, 0);
    BoundScalarFunction b;
    b.name = name;
    b.return_type = DoubleType();
    b.kernel = [v](const std::vector<VectorPtr>&, int64_t rows, EvalContext&) {
      return Vector::makeConstant(Value::doubleValue(v), rows);
    };
    return b;
  };
}

// ---- rounding ------------------------------------------------------------

enum class RoundMode { HalfUp, HalfEven, Floor, Ceil };

/// Rounds the unscaled value `v` (scale `from`) to scale `to` <= from.
int128_t roundUnscaled(int128_t v, int from, int to, RoundMode mode) {
  if (to >= from) return v;
  int drop = from - to;
  if (drop > 38) return 0;
  int128_t p = pow10i128(drop);
  int128_t q = v / p;
  int128_t rem = v % p;
  if (rem == 0) return q;
  int128_t abs_rem = rem < 0 ? -rem : rem;
  bool neg = v < 0;
  bool away = false;
  switch (mode) {
    case RoundMode::HalfUp: away = abs_rem * 2 >= p; break;
    case RoundMode::HalfEven: away = abs_rem * 2 > p || (abs_rem * 2 == p && (q % 2 != 0)); break;
    case RoundMode::Floor: away = neg; break;
    case RoundMode::Ceil: away = !neg; break;
  }
  return away ? (neg ? q - 1 : q + 1) : q;
}

/// Spark rounds doubles through BigDecimal(Double.toString(x)); the
/// shortest decimal repr (std::to_chars) is that string.
template <class T>
T roundFloating(T x, int scale, RoundMode mode) {
  if (std::isnan(x) || std::isinf(x)) return x;
  char buf[64];
  auto res = std::to_chars(buf, buf + sizeof buf, x, std::chars_format::scientific);
  std::string_view text(buf, res.ptr - buf);
  size_t e = text.find('e');
  int exp10 = std::atoi(std::string(text.substr(e + 1)).c_str());
  std::string digits;
  bool neg = false;
  for (char c : text.substr(0, e)) {
    if (c == '-') neg = true;
    if (std::isdigit(static_cast<unsigned char>(c))) digits.push_back(c);
  }
  // value = 0.digits * 10^(exp10 + 1); keep (exp10 + 1 + scale) digits.
  int64_t keep = static_cast<int64_t>(exp10) + 1 + scale;
  if (keep >= static_cast<int64_t>(digits.size())) return x;
  std::string kept = keep > 0 ? digits.substr(0, keep) : "";
  std::string rest = keep >= 0 ? digits.substr(keep) : std::string(-keep, '0') + digits;
  bool above_half = rest[0] > '5' || (rest[0] == '5' && rest.find_first_not_of('0', 1) != std::string::npos);
  bool half = rest[0] == '5' && !above_half;
  int last = kept.empty() ? 0 : kept.back() - '0';
  bool up = false;
  switch (mode) {
    case RoundMode::HalfUp: up = rest[0] >= '5'; break;
    case RoundMode::HalfEven: up = above_half || (half && last % 2 == 1); break;
    case RoundMode::Floor: up = neg; break;
    case RoundMode::Ceil: up = !neg; break;
  }
  std::string number = kept.empty() ? "0" : kept;
  if (up) {
    int k = static_cast<int>(number.size()) - 1;
    while (k >= 0 && number[k] == '9') number[k--] = '0';
    if (k < 0) {
      number.insert(number.begin(), '1');
    } else {
      number[k]++;
    }
  }
  std::string out = (neg ? "-" : "") + number + "e" + std::to_string(-static_cast<int64_t>(scale));
  return static_cast<T>(std::strtod(out.c_str(), nullptr));
}

template <class T>
T roundIntegral(T v, int scale, RoundMode mode) {
  if (scale >= 0) return v;
  return static_cast<T>(roundUnscaled(v, -scale, 0, mode) * pow10i128(-scale));
}

BoundScalarFunction bindRound(const ScalarBindInput& in, const std::string& name, RoundMode mode) {
  checkArgCount(name, in, 1, 2);
  const auto& t = in.args[0]->type();
  if (!isNumericOrNull(*t)) throwTypeMismatch(name, in, 0, "\"NUMERIC\"");
  int scale = 0;
  if (in.args.size() == 2) {
    const Value* s = literalArg(in, 1);
    if (!s || !in.args[1]->type()->isIntegral()) {
      throw AnalysisException("DATATYPE_MISMATCH.NON_FOLDABLE_INPUT",
                              "Cannot resolve \"" + name + "\" due to data type mismatch: the input `scale` should be "
                              "a foldable \"INT\" expression.");
    }
    scale = s->isNull() ? 0 : static_cast<int>(s->getLong());
  }
  BoundScalarFunction b;
  b.name = name;
  DataTypePtr in_t = t->id() == TypeId::Null ? DoubleType() : t;
  b.arg_types = {in_t};
  if (in.args.size() == 2) b.arg_types.push_back(IntegerType());
  if (in_t->id() == TypeId::Decimal) {
    int p = in_t->precision(), s = in_t->scale();
    int integral = p - s + 1;
    if (scale < 0) {
      b.return_type = DecimalType(std::min(std::max(integral, -scale + 1), 38), 0);
    } else {
      int ns = std::min(s, scale);
      b.return_type = DecimalType(std::min(integral + ns, 38), ns);
    }
  } else {
    b.return_type = in_t;
  }
  DataTypePtr ret = b.return_type;
  b.kernel = [in_t, ret, scale, mode](const std::vector<VectorPtr>& args, int64_t rows, EvalContext&) {
    std::vector<VectorPtr> a{args[0]};
    return dispatchNumeric(in_t->id(), [&](auto tag) -> VectorPtr {
      using T = decltype(tag);
      return computeFixed<T>(a, rows, ret, [&](const auto& d, int64_t i, T& out) {
        T v = d[0].template valueAt<T>(i);
        if constexpr (std::is_same_v<T, int128_t>) {
          // One rounding step straight to the target digit (a negative
          // scale rounds left of the point; the result has scale 0).
          int s = in_t->scale();
          int target = std::min(s, scale);
          int128_t r = roundUnscaled(v, s, target, mode);
          if (target < 0) r *= pow10i128(std::min(-target, 38));
          out = r;
          return decimalFits(out, ret->precision());
        } else if constexpr (std::is_floating_point_v<T>) {
          out = roundFloating(v, scale, mode);
          return true;
        } else {
          out = roundIntegral(v, scale, mode);
          return true;
        }
      });
    });
  };
  return b;
}

BoundScalarFunction bindFloorCeil(const ScalarBindInput& in, const std::string& name, bool ceil) {
  if (in.args.size() == 2) return bindRound(in, name, ceil ? RoundMode::Ceil : RoundMode::Floor);
  checkArgCount(name, in, 1, 2);
  const auto& t = in.args[0]->type();
  if (!isNumericOrNull(*t) && t->id() != TypeId::String) throwTypeMismatch(name, in, 0, "(\"DECIMAL\" or \"DOUBLE\" or \"BIGINT\")");
  BoundScalarFunction b;
  b.name = name;
  if (t->id() == TypeId::Decimal) {
    b.arg_types = {t};
    b.return_type = DecimalType(std::min(t->precision() - t->scale() + 1, 38), 0);
    int s = t->scale();
    auto ret = b.return_type;
    b.kernel = [s, ceil, ret](const std::vector<VectorPtr>& args, int64_t rows, EvalContext&) {
      return computeFixed<int128_t>(args, rows, ret, [&](const auto& d, int64_t i, int128_t& out) {
        out = roundUnscaled(d[0].template valueAt<int128_t>(i), s, 0, ceil ? RoundMode::Ceil : RoundMode::Floor);
        return true;
      });
    };
    return b;
  }
  if (t->isIntegral()) {
    b.arg_types = {LongType()};
    b.return_type = LongType();
    b.kernel = [](const std::vector<VectorPtr>& args, int64_t, EvalContext&) { return args[0]; };
    return b;
  }
  b.arg_types = {DoubleType()};
  b.return_type = LongType();
  b.kernel = [ceil](const std::vector<VectorPtr>& args, int64_t rows, EvalContext&) {
    return computeFixed<int64_t>(args, rows, LongType(), [&](const auto& d, int64_t i, int64_t& out) {
      double v = d[0].template valueAt<double>(i);
      double r = ceil ? std::ceil(v) : std::floor(v);
      // Java's (long) conversion: NaN → 0, saturating at the bounds.
      if (std::isnan(r)) out = 0;
      else if (r >= 9.2233720368547758e18) out = std::numeric_limits<int64_t>::max();
      else if (r <= -9.2233720368547758e18) out = std::numeric_limits<int64_t>::min();
      else out = static_cast<int64_t>(r);
      return true;
    });
  };
  return b;
}

BoundScalarFunction bindAbs(const ScalarBindInput& in) {
  checkArgCount("abs", in, 1, 1);
  const auto& t = in.args[0]->type();
  if (!isNumericOrNull(*t)) throwTypeMismatch("abs", in, 0, "\"NUMERIC\"");
  BoundScalarFunction b;
  b.name = "abs";
  DataTypePtr type = t->id() == TypeId::Null ? DoubleType() : t;
  b.arg_types = {type};
  b.return_type = type;
  b.kernel = [type](const std::vector<VectorPtr>& args, int64_t rows, EvalContext& ctx) {
    return dispatchNumeric(type->id(), [&](auto tag) -> VectorPtr {
      using T = decltype(tag);
      return computeFixed<T>(args, rows, type, [&](const auto& d, int64_t i, T& out) {
        T v = d[0].template valueAt<T>(i);
        if constexpr (std::is_integral_v<T> && !std::is_same_v<T, int128_t>) {
          if (v == std::numeric_limits<T>::min()) {
            if (ctx.ansi) {
              throw ArithmeticException("ARITHMETIC_OVERFLOW",
                                        "Overflow in function abs(" + std::to_string(v) +
                                            "). If necessary set \"spark.sql.ansi.enabled\" to \"false\" to bypass this error.");
            }
            out = v;  // Java's wrap-around
            return true;
          }
        }
        out = v < 0 ? static_cast<T>(-v) : v;
        return true;
      });
    });
  };
  return b;
}

/// pmod / mod over integral, floating and decimal types.
BoundScalarFunction bindMod(const ScalarBindInput& in, const std::string& name, bool positive) {
  checkArgCount(name, in, 2, 2);
  for (size_t i = 0; i < 2; ++i) {
    if (!isNumericOrNull(*in.args[i]->type()) && in.args[i]->type()->id() != TypeId::String)
      throwTypeMismatch(name, in, i, "\"NUMERIC\"");
  }
  auto common = findWiderTypeForTwo(in.args[0]->type(), in.args[1]->type(), in.ansi);
  if (!common || !(*common)->isNumeric()) {
    common = (*common && (*common)->id() == TypeId::Null) ? IntegerType() : DoubleType();
  }
  DataTypePtr t = *common;
  BoundScalarFunction b;
  b.name = name;
  b.arg_types = {t, t};
  b.return_type = t->id() == TypeId::Decimal ? decimalResultType(DecimalOp::Remainder, *t, *t) : t;
  b.introduces_nulls = true;
  DataTypePtr ret = b.return_type;
  b.kernel = [t, ret, positive, name](const std::vector<VectorPtr>& args, int64_t rows, EvalContext& ctx) {
    return dispatchNumeric(t->id(), [&](auto tag) -> VectorPtr {
      using T = decltype(tag);
      return computeFixed<T>(args, rows, ret, [&](const auto& d, int64_t i, T& out) {
        T a = d[0].template valueAt<T>(i);
        T m = d[1].template valueAt<T>(i);
        if constexpr (std::is_floating_point_v<T>) {
          if (m == 0 && !ctx.ansi) return false;
          if (m == 0) {
            throw ArithmeticException("DIVIDE_BY_ZERO",
                                      "Division by zero. Use `try_mod` to tolerate divisor being 0 and return NULL "
                                      "instead. If necessary set \"spark.sql.ansi.enabled\" to \"false\" to bypass this error.");
          }
          T r = std::fmod(a, m);
          if (positive && r < 0) r = std::fmod(r + m, m);
          out = r;
        } else {
          if (m == 0) {
            if (!ctx.ansi) return false;
            throw ArithmeticException("DIVIDE_BY_ZERO",
                                      "Division by zero. Use `try_mod` to tolerate divisor being 0 and return NULL "
                                      "instead. If necessary set \"spark.sql.ansi.enabled\" to \"false\" to bypass this error.");
          }
          // Java's % truncates; MIN % -1 is 0 there.
          T r = (m == -1) ? T(0) : static_cast<T>(a % m);
          if (positive && r < 0) r = static_cast<T>((r + m) % m);
          out = r;
        }
        return true;
      });
    });
  };
  return b;
}

int compareNumeric(double a, double b) {
  // Spark orders NaN above every other double.
  bool na = std::isnan(a), nb = std::isnan(b);
  if (na || nb) return na && nb ? 0 : (na ? 1 : -1);
  return a < b ? -1 : (a > b ? 1 : 0);
}

BoundScalarFunction bindGreatestLeast(const ScalarBindInput& in, const std::string& name, bool greatest) {
  if (in.args.size() < 2) {
    throw AnalysisException("WRONG_NUM_ARGS.WITHOUT_SUGGESTION",
                            "The `" + name + "` requires > 1 parameters but the actual number is " +
                                std::to_string(in.args.size()) + ".");
  }
  auto common = findWiderCommonType(in.argTypes(), in.ansi);
  if (!common) {
    std::string types;
    for (const auto& a : in.args) types += (types.empty() ? "" : ", ") + std::string("\"") + a->type()->sql() + "\"";
    throw AnalysisException("DATATYPE_MISMATCH.DATA_DIFF_TYPES",
                            "Cannot resolve \"" + name + "\" due to data type mismatch: Input to `" + name +
                                "` should all be the same type, but it's [" + types + "].");
  }
  DataTypePtr t = (*common)->id() == TypeId::Null ? IntegerType() : *common;
  if (t->isNested() || t->id() == TypeId::Map) {
    throw AnalysisException("DATATYPE_MISMATCH.INVALID_ORDERING_TYPE",
                            "Cannot resolve \"" + name + "\" due to data type mismatch: The `" + name +
                                "` does not support ordering on type \"" + t->sql() + "\".");
  }
  BoundScalarFunction b;
  b.name = name;
  b.arg_types.assign(in.args.size(), t);
  b.return_type = t;
  b.kernel = [t, greatest](const std::vector<VectorPtr>& args, int64_t rows, EvalContext&) -> VectorPtr {
    auto better = [&](int c) { return greatest ? c > 0 : c < 0; };
    if (t->isStringLike()) {
      return computeString(
          args, rows, t,
          [&](const std::vector<DecodedVector>& d, int64_t i, std::string& out) {
            bool found = false;
            std::string_view best;
            for (const auto& x : d) {
              if (x.isNull(i)) continue;
              auto s = x.stringAt(i);
              if (!found || better(s.compare(best))) best = s;
              found = true;
            }
            out.assign(best);
            return found;
          },
          true);
    }
    return dispatchNumeric(t->id() == TypeId::Date ? TypeId::Integer
                           : (t->id() == TypeId::Timestamp || t->id() == TypeId::TimestampNTZ) ? TypeId::Long
                           : t->id() == TypeId::Boolean ? TypeId::Byte
                                                        : t->id(),
                           [&](auto tag) -> VectorPtr {
                             using T = decltype(tag);
                             return computeFixed<T>(
                                 args, rows, t,
                                 [&](const std::vector<DecodedVector>& d, int64_t i, T& out) {
                                   bool found = false;
                                   for (const auto& x : d) {
                                     if (x.isNull(i)) continue;
                                     T v = x.valueAt<T>(i);
                                     int c;
                                     if constexpr (std::is_floating_point_v<T>) {
                                       c = found ? compareNumeric(v, out) : 1;
                                     } else {
                                       c = found ? (v < out ? -1 : (v > out ? 1 : 0)) : 1;
                                     }
                                     if (!found || better(c)) out = v;
                                     found = true;
                                   }
                                   return found;
                                 },
                                 true);
                           });
  };
  return b;
}

BoundScalarFunction bindRandom(const ScalarBindInput& in, const std::string& name, bool gaussian) {
  checkArgCount(name, in, 0, 1);
  int64_t seed = 0;
  if (in.args.size() == 1) {
    const Value* s = literalArg(in, 0);
    if (!s || !(in.args[0]->type()->isIntegral() || in.args[0]->type()->id() == TypeId::Null)) {
      throw AnalysisException("DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE",
                              "Cannot resolve \"" + name + "(" + in.args[0]->toString() +
                                  ")\" due to data type mismatch: The first parameter requires the (\"INT\" or "
                                  "\"BIGINT\") type, however \"" + in.args[0]->toString() + "\" has the type \"" +
                                  in.args[0]->type()->sql() + "\".");
    }
    seed = s->isNull() ? 0 : s->getLong();
  }
  BoundScalarFunction b;
  if (in.args.size() == 1) {
    b.arg_types = {in.args[0]->type()->id() == TypeId::Null ? LongType() : in.args[0]->type()};
  } else {
    seed = static_cast<int64_t>(std::random_device{}()) << 32 | std::random_device{}();
  }
  b.name = name;
  b.return_type = DoubleType();
  b.deterministic = false;
  b.kernel = [seed, gaussian](const std::vector<VectorPtr>&, int64_t rows, EvalContext& ctx) {
    VectorPtr out = Vector::makeFlat(DoubleType(), rows);
    double* v = out->mutableValues<double>();
    // Spark seeds one XORShiftRandom per partition and draws per row in
    // order; replay the draws before this batch's first row.
    SparkRandom rng(seed + ctx.partition_index);
    for (int64_t k = 0; k < ctx.row_offset; ++k) gaussian ? rng.nextGaussian() : rng.nextDouble();
    for (int64_t i = 0; i < rows; ++i) v[i] = gaussian ? rng.nextGaussian() : rng.nextDouble();
    return out;
  };
  return b;
}


/// Spark's NumberConverter.convert: digits up to the first invalid one, as
/// an unsigned 64-bit value; negative toBase prints signed values.
std::optional<std::string> convertBase(std::string_view n, int from, int to, bool ansi) {
  if (from < 2 || from > 36 || std::abs(to) < 2 || std::abs(to) > 36 || n.empty()) return std::nullopt;
  bool negative = n[0] == '-';
  uint64_t v = 0;
  const uint64_t limit = UINT64_MAX / static_cast<uint64_t>(from);
  for (size_t i = negative ? 1 : 0; i < n.size(); ++i) {
    char c = n[i];
    int digit = std::isdigit(static_cast<unsigned char>(c)) ? c - '0'
                : std::isalpha(static_cast<unsigned char>(c)) ? std::tolower(c) - 'a' + 10
                                                               : 99;
    if (digit >= from) break;
    if (v > limit || v * from > UINT64_MAX - digit) {
      if (ansi) {
        throw ArithmeticException("ARITHMETIC_OVERFLOW",
                                  "Overflow in function conv(). If necessary set \"spark.sql.ansi.enabled\" to "
                                  "\"false\" to bypass this error.");
      }
      v = UINT64_MAX;
      break;
    }
    v = v * from + digit;
  }
  int64_t sv = static_cast<int64_t>(v);
  if (negative && to > 0) sv = sv < 0 ? -1 : -sv;
  bool print_minus = negative && to < 0;
  if (to < 0 && sv < 0) {
    sv = -sv;
    print_minus = true;
  }
  uint64_t u = static_cast<uint64_t>(sv);
  int radix = std::abs(to);
  std::string out;
  do {
    int digit = static_cast<int>(u % radix);
    out.insert(out.begin(), static_cast<char>(digit < 10 ? '0' + digit : 'A' + digit - 10));
    u /= radix;
  } while (u);
  if (print_minus) out.insert(out.begin(), '-');
  return out;
}

}  // namespace

void registerMathFunctions(FunctionRegistry& r) {
  r.addScalar("abs", bindAbs);
  r.addScalar("round", [](const ScalarBindInput& in) { return bindRound(in, "round", RoundMode::HalfUp); });
  r.addScalar("bround", [](const ScalarBindInput& in) { return bindRound(in, "bround", RoundMode::HalfEven); });
  r.addScalar("floor", [](const ScalarBindInput& in) { return bindFloorCeil(in, "floor", false); });
  r.addScalar("ceil", [](const ScalarBindInput& in) { return bindFloorCeil(in, "ceil", true); });
  r.addAlias("ceiling", "ceil");
  r.addScalar("sqrt", doubleFn<1>("sqrt", [](double x, double& o) { o = std::sqrt(x); return true; }));
  r.addScalar("cbrt", doubleFn<1>("cbrt", [](double x, double& o) { o = std::cbrt(x); return true; }));
  r.addScalar("exp", doubleFn<1>("exp", [](double x, double& o) { o = std::exp(x); return true; }));
  r.addScalar("expm1", doubleFn<1>("expm1", [](double x, double& o) { o = std::expm1(x); return true; }));
  r.addScalar("pow", doubleFn<2>("pow", [](double x, double y, double& o) { o = std::pow(x, y); return true; }));
  r.addAlias("power", "pow");
  // Logarithms of non-positive values are NULL in Spark (not NaN).
  r.addScalar("ln", doubleFn<1>("ln", [](double x, double& o) { o = std::log(x); return x > 0; }, true));
  r.addScalar("log10", doubleFn<1>("log10", [](double x, double& o) { o = std::log10(x); return x > 0; }, true));
  r.addScalar("log2", doubleFn<1>("log2", [](double x, double& o) { o = std::log2(x); return x > 0; }, true));
  r.addScalar("log1p", doubleFn<1>("log1p", [](double x, double& o) { o = std::log1p(x); return x > -1; }, true));
  r.addScalar("log", [](const ScalarBindInput& in) {
    if (in.args.size() == 1) {
      auto b = doubleFn<1>("log", [](double x, double& o) { o = std::log(x); return x > 0; }, true)(in);
      return b;
    }
    return doubleFn<2>("log", [](double base, double x, double& o) {
      o = std::log(x) / std::log(base);
      return base > 0 && x > 0;
    }, true)(in);
  });
  r.addScalar("signum", doubleFn<1>("signum", [](double x, double& o) {
                o = std::isnan(x) ? x : (x > 0 ? 1.0 : (x < 0 ? -1.0 : x));
                return true;
              }));
  r.addAlias("sign", "signum");
  r.addScalar("sin", doubleFn<1>("sin", [](double x, double& o) { o = std::sin(x); return true; }));
  r.addScalar("cos", doubleFn<1>("cos", [](double x, double& o) { o = std::cos(x); return true; }));
  r.addScalar("tan", doubleFn<1>("tan", [](double x, double& o) { o = std::tan(x); return true; }));
  r.addScalar("cot", doubleFn<1>("cot", [](double x, double& o) { o = 1.0 / std::tan(x); return true; }));
  r.addScalar("asin", doubleFn<1>("asin", [](double x, double& o) { o = std::asin(x); return true; }));
  r.addScalar("acos", doubleFn<1>("acos", [](double x, double& o) { o = std::acos(x); return true; }));
  r.addScalar("atan", doubleFn<1>("atan", [](double x, double& o) { o = std::atan(x); return true; }));
  r.addScalar("sinh", doubleFn<1>("sinh", [](double x, double& o) { o = std::sinh(x); return true; }));
  r.addScalar("cosh", doubleFn<1>("cosh", [](double x, double& o) { o = std::cosh(x); return true; }));
  r.addScalar("tanh", doubleFn<1>("tanh", [](double x, double& o) { o = std::tanh(x); return true; }));
  r.addScalar("atan2", doubleFn<2>("atan2", [](double y, double x, double& o) {
                // Spark adds 0.0 to both to turn -0.0 into 0.0.
                o = std::atan2(y + 0.0, x + 0.0);
                return true;
              }));
  r.addScalar("hypot", doubleFn<2>("hypot", [](double x, double y, double& o) { o = std::hypot(x, y); return true; }));
  r.addScalar("degrees", doubleFn<1>("degrees", [](double x, double& o) { o = x * (180.0 / M_PI); return true; }));
  r.addScalar("radians", doubleFn<1>("radians", [](double x, double& o) { o = x / 180.0 * M_PI; return true; }));
  r.addScalar("e", constantFn("e", M_E));
  r.addScalar("pi", constantFn("pi", M_PI));
  r.addScalar("greatest", [](const ScalarBindInput& in) { return bindGreatestLeast(in, "greatest", true); });
  r.addScalar("least", [](const ScalarBindInput& in) { return bindGreatestLeast(in, "least", false); });
  r.addScalar("pmod", [](const ScalarBindInput& in) { return bindMod(in, "pmod", true); });
  // mod is Spark's `%` (Remainder): reuse the operator when it is registered.
  if (r.findScalar("%")) {
    r.addAlias("mod", "%");
  } else {
    r.addScalar("mod", [](const ScalarBindInput& in) { return bindMod(in, "mod", false); });
  }
  r.addScalar("rand", [](const ScalarBindInput& in) { return bindRandom(in, "rand", false); });
  r.addAlias("random", "rand");
  r.addScalar("randn", [](const ScalarBindInput& in) { return bindRandom(in, "randn", true); });
  r.addScalar("factorial", [](const ScalarBindInput& in) {
    checkArgCount("factorial", in, 1, 1);
    BoundScalarFunction b;
    b.name = "factorial";
    b.arg_types = {expectType("factorial", in, 0, IntegerType())};
    b.return_type = LongType();
    b.introduces_nulls = true;
    b.kernel = [](const std::vector<VectorPtr>& args, int64_t rows, EvalContext&) {
      return computeFixed<int64_t>(args, rows, LongType(), [](const auto& d, int64_t i, int64_t& out) {
        int32_t n = d[0].template valueAt<int32_t>(i);
        if (n < 0 || n > 20) return false;
        out = 1;
        for (int k = 2; k <= n; ++k) out *= k;
        return true;
      });
    };
    return b;
  });
  r.addScalar("conv", [](const ScalarBindInput& in) {
    checkArgCount("conv", in, 3, 3);
    BoundScalarFunction b;
    b.name = "conv";
    b.arg_types = {expectType("conv", in, 0, StringType()), expectType("conv", in, 1, IntegerType()),
                   expectType("conv", in, 2, IntegerType())};
    b.return_type = StringType();
    b.introduces_nulls = true;
    b.kernel = [](const std::vector<VectorPtr>& args, int64_t rows, EvalContext& ctx) {
      return computeString(args, rows, StringType(), [&](const auto& d, int64_t i, std::string& out) {
        auto r = convertBase(d[0].stringAt(i), d[1].template valueAt<int32_t>(i), d[2].template valueAt<int32_t>(i), ctx.ansi);
        if (!r) return false;
        out = std::move(*r);
        return true;
      });
    };
    return b;
  });
  r.addScalar("bin", [](const ScalarBindInput& in) {
    checkArgCount("bin", in, 1, 1);
    BoundScalarFunction b;
    b.name = "bin";
    b.arg_types = {expectType("bin", in, 0, LongType())};
    b.return_type = StringType();
    b.kernel = [](const std::vector<VectorPtr>& args, int64_t rows, EvalContext&) {
      return computeString(args, rows, StringType(), [](const auto& d, int64_t i, std::string& out) {
        uint64_t v = static_cast<uint64_t>(d[0].template valueAt<int64_t>(i));
        if (v == 0) out = "0";
        while (v) {
          out.insert(out.begin(), static_cast<char>('0' + (v & 1)));
          v >>= 1;
        }
        return true;
      });
    };
    return b;
  });
}

}  // namespace loch::scalar

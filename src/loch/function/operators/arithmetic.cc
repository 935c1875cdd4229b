// Arithmetic operators: + - * / % div pmod, unary minus and plus, and the
// date/timestamp/interval forms of + and - (Spark's BinaryArithmetic,
// DateAdd, DateSub, SubtractDates, SubtractTimestamps, TimeAdd,
// DateAddInterval, AddMonths).

#include <cmath>
#include <limits>

#include "loch/function/function_registry.h"
#include "loch/function/operators/decimal_arith.h"
#include "loch/function/operators/kernel_util.h"
#include "loch/function/operators/operator_families.h"
#include "loch/function/operators/operator_util.h"
#include "loch/function/type_coercion.h"
#include "loch/types/datetime.h"
#include "loch/types/decimal.h"

namespace loch {

namespace {

using kernel::binaryFixed;
using kernel::unaryFixed;

enum class ArithOp { Add, Sub, Mul, Div, Mod, Pmod, IntDiv };

const char* tryName(ArithOp op) {
  switch (op) {
    case ArithOp::Add: return "try_add";
    case ArithOp::Sub: return "try_subtract";
    case ArithOp::Mul: return "try_multiply";
    case ArithOp::Div:
    case ArithOp::IntDiv: return "try_divide";
    default: return "try_mod";
  }
}

template <class T>
const char* overflowWord() {
  if constexpr (sizeof(T) == 1) return "tinyint";
  else if constexpr (sizeof(T) == 2) return "smallint";
  else if constexpr (sizeof(T) == 4) return "integer";
  else return "long";
}

template <class T>
ScalarKernel integralKernel(ArithOp op, DataTypePtr t) {
  return [op, t](const std::vector<VectorPtr>& a, int64_t n, EvalContext& ctx) -> VectorPtr {
    const bool ansi = ctx.ansi;
    const Vector& x = *a[0];
    const Vector& y = *a[1];
    auto overflow = [op]() { op::throwArithmeticOverflow(overflowWord<T>(), tryName(op)); };
    switch (op) {
      case ArithOp::Add:
        return binaryFixed<T, T, T>(x, y, n, t, [&](T l, T r, T& o) {
          if (__builtin_add_overflow(l, r, &o) && ansi) overflow();
          return true;
        });
      case ArithOp::Sub:
        return binaryFixed<T, T, T>(x, y, n, t, [&](T l, T r, T& o) {
          if (__builtin_sub_overflow(l, r, &o) && ansi) overflow();
          return true;
        });
      case ArithOp::Mul:
        return binaryFixed<T, T, T>(x, y, n, t, [&](T l, T r, T& o) {
          if (__builtin_mul_overflow(l, r, &o) && ansi) overflow();
          return true;
        });
      case ArithOp::Mod:
      case ArithOp::Pmod: {
        bool pmod = op == ArithOp::Pmod;
        return binaryFixed<T, T, T>(x, y, n, t, [&](T l, T r, T& o) {
          if (r == 0) {
            if (ansi) op::throwDivideByZero();
            return false;
          }
          T m = r == -1 ? T(0) : static_cast<T>(l % r);
          if (pmod && m < 0) m = r == -1 ? T(0) : static_cast<T>((m + r) % r);
          o = m;
          return true;
        });
      }
      case ArithOp::IntDiv:
        return binaryFixed<T, T, int64_t>(x, y, n, t, [&](T l, T r, int64_t& o) {
          if (r == 0) {
            if (ansi) op::throwDivideByZero();
            return false;
          }
          if (l == std::numeric_limits<T>::min() && r == -1) {
            if (ansi) op::throwArithmeticOverflow("long", "try_divide");
            o = static_cast<int64_t>(l);
            return true;
          }
          o = static_cast<int64_t>(l / r);
          return true;
        });
      case ArithOp::Div:
        break;
    }
    throw InternalException("integral division kernel");
  };
}

template <class T>
ScalarKernel floatingKernel(ArithOp op, DataTypePtr t) {
  return [op, t](const std::vector<VectorPtr>& a, int64_t n, EvalContext& ctx) -> VectorPtr {
    const bool ansi = ctx.ansi;
    const Vector& x = *a[0];
    const Vector& y = *a[1];
    switch (op) {
      case ArithOp::Add:
        return binaryFixed<T, T, T>(x, y, n, t, [](T l, T r, T& o) { return o = l + r, true; });
      case ArithOp::Sub:
        return binaryFixed<T, T, T>(x, y, n, t, [](T l, T r, T& o) { return o = l - r, true; });
      case ArithOp::Mul:
        return binaryFixed<T, T, T>(x, y, n, t, [](T l, T r, T& o) { return o = l * r, true; });
      case ArithOp::Div:
        // Spark's Divide returns NULL (or raises) for a zero divisor even on
        // doubles; it never yields Infinity from x / 0.
        return binaryFixed<T, T, T>(x, y, n, t, [ansi](T l, T r, T& o) {
          if (r == 0) {
            if (ansi) op::throwDivideByZero();
            return false;
          }
          o = l / r;
          return true;
        });
      case ArithOp::Mod:
      case ArithOp::Pmod: {
        bool pmod = op == ArithOp::Pmod;
        return binaryFixed<T, T, T>(x, y, n, t, [ansi, pmod](T l, T r, T& o) {
          if (r == 0) {
            if (ansi) op::throwDivideByZero();
            return false;
          }
          T m = std::fmod(l, r);
          if (pmod && m < 0) m = std::fmod(m + r, r);
          o = m;
          return true;
        });
      }
      case ArithOp::IntDiv:
        break;
    }
    throw InternalException("floating kernel");
  };
}

std::string decimalOverflowText(int128_t a, int s1, int128_t b, int s2, ArithOp op) {
  double x = decimalToDouble(a, s1), y = decimalToDouble(b, s2);
  double r = op == ArithOp::Add ? x + y : op == ArithOp::Sub ? x - y : op == ArithOp::Mul ? x * y : x / y;
  return javaDoubleString(r);
}

ScalarKernel decimalKernel(ArithOp op, DataTypePtr lt, DataTypePtr rt, DataTypePtr out) {
  int s1 = lt->scale(), s2 = rt->scale();
  int p = out->id() == TypeId::Decimal ? out->precision() : 0;
  int s = out->id() == TypeId::Decimal ? out->scale() : 0;
  int p1 = lt->precision(), p2 = rt->precision();
  int max_scale = std::max(s1, s2);
  bool fast_add = out->id() == TypeId::Decimal && max_scale == s && p1 - s1 + max_scale <= 37 &&
                  p2 - s2 + max_scale <= 37;
  bool fast_mul = out->id() == TypeId::Decimal && s1 + s2 == s && p1 + p2 <= 38;
  return [=](const std::vector<VectorPtr>& a, int64_t n, EvalContext& ctx) -> VectorPtr {
    const bool ansi = ctx.ansi;
    auto fail = [&](int128_t x, int128_t y) {
      if (ansi) {
        throw ArithmeticException("NUMERIC_VALUE_OUT_OF_RANGE.WITH_SUGGESTION",
                                  decimalOverflowText(x, s1, y, s2, op) + " cannot be represented as Decimal(" +
                                      std::to_string(p) + ", " + std::to_string(s) + "). " + op::ansiBypass());
      }
      return false;
    };
    const Vector& x = *a[0];
    const Vector& y = *a[1];
    if (fast_add && (op == ArithOp::Add || op == ArithOp::Sub)) {
      // Both operands rescaled stay below 10^37: no int128 overflow possible.
      const int128_t m1 = pow10i128(max_scale - s1), m2 = pow10i128(max_scale - s2), bound = pow10i128(p);
      const int128_t sign = op == ArithOp::Add ? 1 : -1;
      return binaryFixed<int128_t, int128_t, int128_t>(x, y, n, out, [&](int128_t l, int128_t r, int128_t& o) {
        o = l * m1 + sign * (r * m2);
        return (o < bound && o > -bound) || fail(l, r);
      });
    }
    if (fast_mul && op == ArithOp::Mul) {
      const int128_t bound = pow10i128(p);
      return binaryFixed<int128_t, int128_t, int128_t>(x, y, n, out, [&](int128_t l, int128_t r, int128_t& o) {
        o = l * r;
        return (o < bound && o > -bound) || fail(l, r);
      });
    }
    switch (op) {
      case ArithOp::Add:
        return binaryFixed<int128_t, int128_t, int128_t>(x, y, n, out, [&](int128_t l, int128_t r, int128_t& o) {
          return decimal_arith::add(l, s1, r, s2, p, s, o) || fail(l, r);
        });
      case ArithOp::Sub:
        return binaryFixed<int128_t, int128_t, int128_t>(x, y, n, out, [&](int128_t l, int128_t r, int128_t& o) {
          return decimal_arith::add(l, s1, -r, s2, p, s, o) || fail(l, r);
        });
      case ArithOp::Mul:
        return binaryFixed<int128_t, int128_t, int128_t>(x, y, n, out, [&](int128_t l, int128_t r, int128_t& o) {
          return decimal_arith::multiply(l, s1, r, s2, p, s, o) || fail(l, r);
        });
      case ArithOp::Div:
        return binaryFixed<int128_t, int128_t, int128_t>(x, y, n, out, [&](int128_t l, int128_t r, int128_t& o) {
          if (r == 0) {
            if (ansi) op::throwDivideByZero();
            return false;
          }
          return decimal_arith::divide(l, s1, r, s2, p, s, o) || fail(l, r);
        });
      case ArithOp::Mod:
      case ArithOp::Pmod: {
        bool pmod = op == ArithOp::Pmod;
        return binaryFixed<int128_t, int128_t, int128_t>(x, y, n, out, [&](int128_t l, int128_t r, int128_t& o) {
          if (r == 0) {
            if (ansi) op::throwDivideByZero();
            return false;
          }
          if (!decimal_arith::remainder(l, s1, r, s2, p, s, o)) return fail(l, r);
          if (pmod && o < 0) {
            // (m + r) % r with r at scale s1 or s2 brought to scale s.
            int128_t m = o;
            if (!decimal_arith::add(m, s, r, s2, 38, s, m)) return fail(l, r);
            if (!decimal_arith::remainder(m, s, r, s2, p, s, o)) return fail(l, r);
          }
          return true;
        });
      }
      case ArithOp::IntDiv:
        return binaryFixed<int128_t, int128_t, int64_t>(x, y, n, out, [&](int128_t l, int128_t r, int64_t& o) {
          if (r == 0) {
            if (ansi) op::throwDivideByZero();
            return false;
          }
          if (decimal_arith::integralDivide(l, s1, r, s2, o)) return true;
          if (ansi) op::throwArithmeticOverflow("long", "try_divide");
          return false;
        });
    }
    throw InternalException("decimal kernel");
  };
}

// ---- dates, timestamps, intervals ----------------------------------------

int32_t addMonthsToDays(int32_t days, int64_t months) {
  CivilDate c = civilFromDays(days);
  int64_t total = c.year * 12 + (c.month - 1) + months;
  int64_t y = floorDiv(total, 12);
  int m = static_cast<int>(floorMod(total, 12)) + 1;
  int d = std::min(c.day, daysInMonth(y, m));
  return daysFromCivil(y, m, d);
}

int64_t addMonthsToLocalMicros(int64_t local, int64_t months) {
  int64_t day = floorDiv(local, kMicrosPerDay);
  int64_t rem = local - day * kMicrosPerDay;
  return static_cast<int64_t>(addMonthsToDays(static_cast<int32_t>(day), months)) * kMicrosPerDay + rem;
}

const cctz::time_zone& zoneOf(const EvalContext& ctx) {
  return ctx.time_zone ? *ctx.time_zone : lookupTimeZone(ctx.time_zone_name.empty() ? "UTC" : ctx.time_zone_name);
}

/// date ± days: arguments (date, int) or (int, date) when `swapped`.
ScalarKernel dateAddDays(bool subtract, bool swapped) {
  return [=](const std::vector<VectorPtr>& a, int64_t n, EvalContext& ctx) -> VectorPtr {
    const Vector& d = swapped ? *a[1] : *a[0];
    const Vector& k = swapped ? *a[0] : *a[1];
    return binaryFixed<int32_t, int32_t, int32_t>(d, k, n, DateType(), [&](int32_t day, int32_t delta, int32_t& o) {
      int64_t r = static_cast<int64_t>(day) + (subtract ? -static_cast<int64_t>(delta) : delta);
      if (r < std::numeric_limits<int32_t>::min() || r > std::numeric_limits<int32_t>::max()) {
        if (ctx.ansi) op::throwArithmeticOverflow("integer", subtract ? "try_subtract" : "try_add");
      }
      o = static_cast<int32_t>(r);
      return true;
    });
  };
}

/// date - date → INTERVAL DAY (µs).
ScalarKernel subtractDates() {
  return [](const std::vector<VectorPtr>& a, int64_t n, EvalContext&) -> VectorPtr {
    return binaryFixed<int32_t, int32_t, int64_t>(*a[0], *a[1], n, DayTimeIntervalType(),
                                                  [](int32_t l, int32_t r, int64_t& o) {
                                                    o = (static_cast<int64_t>(l) - r) * kMicrosPerDay;
                                                    return true;
                                                  });
  };
}

/// ts - ts (same type) → INTERVAL DAY TO SECOND (µs); also interval ± interval
/// of day-time type and ts ± day-time interval: all plain µs arithmetic.
ScalarKernel micros(bool subtract, DataTypePtr out, bool swapped = false) {
  return [=](const std::vector<VectorPtr>& a, int64_t n, EvalContext& ctx) -> VectorPtr {
    const Vector& l = swapped ? *a[1] : *a[0];
    const Vector& r = swapped ? *a[0] : *a[1];
    return binaryFixed<int64_t, int64_t, int64_t>(l, r, n, out, [&](int64_t x, int64_t y, int64_t& o) {
      bool ovf = subtract ? __builtin_sub_overflow(x, y, &o) : __builtin_add_overflow(x, y, &o);
      if (ovf && ctx.ansi) op::throwArithmeticOverflow("long", subtract ? "try_subtract" : "try_add");
      return true;
    });
  };
}

/// year-month interval ± year-month interval (months, int32).
ScalarKernel months(bool subtract) {
  return [=](const std::vector<VectorPtr>& a, int64_t n, EvalContext& ctx) -> VectorPtr {
    return binaryFixed<int32_t, int32_t, int32_t>(*a[0], *a[1], n, YearMonthIntervalType(),
                                                  [&](int32_t x, int32_t y, int32_t& o) {
                                                    bool ovf = subtract ? __builtin_sub_overflow(x, y, &o)
                                                                        : __builtin_add_overflow(x, y, &o);
                                                    if (ovf && ctx.ansi) op::throwArithmeticOverflow("integer", "try_add");
                                                    return true;
                                                  });
  };
}

/// date/timestamp/timestamp_ntz ± year-month interval (AddMonths semantics:
/// the day is clamped to the month's last day).
ScalarKernel addYearMonth(TypeId base, bool subtract, bool swapped) {
  return [=](const std::vector<VectorPtr>& a, int64_t n, EvalContext& ctx) -> VectorPtr {
    const Vector& d = swapped ? *a[1] : *a[0];
    const Vector& m = swapped ? *a[0] : *a[1];
    int64_t sign = subtract ? -1 : 1;
    if (base == TypeId::Date) {
      return binaryFixed<int32_t, int32_t, int32_t>(d, m, n, DateType(), [&](int32_t day, int32_t mon, int32_t& o) {
        o = addMonthsToDays(day, sign * mon);
        return true;
      });
    }
    const cctz::time_zone& tz = zoneOf(ctx);
    DataTypePtr t = base == TypeId::Timestamp ? TimestampType() : TimestampNTZType();
    return binaryFixed<int64_t, int32_t, int64_t>(d, m, n, t, [&](int64_t ts, int32_t mon, int64_t& o) {
      if (base == TypeId::Timestamp) {
        o = localToUtcMicros(addMonthsToLocalMicros(utcToLocalMicros(ts, tz), sign * mon), tz);
      } else {
        o = addMonthsToLocalMicros(ts, sign * mon);
      }
      return true;
    });
  };
}

ScalarKernel negateKernel(DataTypePtr t) {
  return [t](const std::vector<VectorPtr>& a, int64_t n, EvalContext& ctx) -> VectorPtr {
    const bool ansi = ctx.ansi;
    return kernel::dispatchFixed(t->id(), [&](auto tag) -> VectorPtr {
      using T = decltype(tag);
      return unaryFixed<T, T>(*a[0], n, t, [&](T x, T& o) {
        if constexpr (std::is_integral_v<T> || std::is_same_v<T, int128_t>) {
          if constexpr (!std::is_same_v<T, int128_t>) {
            if (x == std::numeric_limits<T>::min()) {
              if (ansi) op::throwArithmeticOverflow(overflowWord<T>(), "try_subtract");
              o = x;
              return true;
            }
          }
          o = static_cast<T>(-x);
        } else {
          o = -x;
        }
        return true;
      });
    });
  };
}

[[noreturn]] void throwWrongType(const std::string& name, const std::vector<ExprPtr>& args, const DataType& t) {
  throw AnalysisException("DATATYPE_MISMATCH.BINARY_OP_WRONG_TYPE",
                          "Cannot resolve \"" + callSql(name, args) +
                              "\" due to data type mismatch: the binary operator requires the input type "
                              "(\"NUMERIC\" or \"INTERVAL DAY TO SECOND\" or \"INTERVAL YEAR TO MONTH\" or "
                              "\"INTERVAL\"), not \"" +
                              t.sql() + "\".");
}

bool isSmallIntegral(const DataType& t) {
  return t.id() == TypeId::Byte || t.id() == TypeId::Short || t.id() == TypeId::Integer;
}

/// The datetime forms of + and -, or nullopt when the operands are not
/// datetime/interval.
std::optional<BoundScalarFunction> bindDatetimeArithmetic(ArithOp op, const std::string& name,
                                                          const ScalarBindInput& in, DataTypePtr l, DataTypePtr r) {
  if (op != ArithOp::Add && op != ArithOp::Sub) return std::nullopt;
  bool sub = op == ArithOp::Sub;
  TypeId a = l->id(), b = r->id();
  auto isTs = [](TypeId t) { return t == TypeId::Timestamp || t == TypeId::TimestampNTZ; };
  bool introduces = false;
  if (a == TypeId::Date && isSmallIntegral(*r))
    return op::bound(name, {DateType(), IntegerType()}, DateType(), dateAddDays(sub, false), introduces);
  if (!sub && isSmallIntegral(*l) && b == TypeId::Date)
    return op::bound(name, {IntegerType(), DateType()}, DateType(), dateAddDays(false, true), introduces);
  if (sub && a == TypeId::Date && b == TypeId::Date)
    return op::bound(name, {DateType(), DateType()}, DayTimeIntervalType(), subtractDates());
  if (sub && (isTs(a) || isTs(b)) && (isTs(a) || a == TypeId::Date) && (isTs(b) || b == TypeId::Date)) {
    auto common = findTightestCommonType(l, r);
    if (!common) return std::nullopt;
    return op::bound(name, {*common, *common}, DayTimeIntervalType(), micros(true, DayTimeIntervalType()));
  }
  if ((a == TypeId::DayTimeInterval || b == TypeId::DayTimeInterval) && a != b) {
    bool swapped = b != TypeId::DayTimeInterval;
    TypeId base = swapped ? b : a;
    if (swapped && sub) return std::nullopt;
    if (base != TypeId::Date && !isTs(base)) return std::nullopt;
    DataTypePtr t = base == TypeId::Date ? TimestampType() : (swapped ? r : l);
    std::vector<DataTypePtr> types = swapped ? std::vector<DataTypePtr>{DayTimeIntervalType(), t}
                                             : std::vector<DataTypePtr>{t, DayTimeIntervalType()};
    return op::bound(name, types, t, micros(sub, t, swapped));
  }
  if (a == TypeId::DayTimeInterval && b == TypeId::DayTimeInterval)
    return op::bound(name, {l, r}, DayTimeIntervalType(), micros(sub, DayTimeIntervalType()));
  if (a == TypeId::YearMonthInterval && b == TypeId::YearMonthInterval)
    return op::bound(name, {l, r}, YearMonthIntervalType(), months(sub));
  if ((a == TypeId::YearMonthInterval || b == TypeId::YearMonthInterval) && a != b) {
    bool swapped = b != TypeId::YearMonthInterval;
    TypeId base = swapped ? b : a;
    if (swapped && sub) return std::nullopt;
    if (base != TypeId::Date && !isTs(base)) return std::nullopt;
    DataTypePtr t = swapped ? r : l;
    std::vector<DataTypePtr> types = swapped ? std::vector<DataTypePtr>{YearMonthIntervalType(), t}
                                             : std::vector<DataTypePtr>{t, YearMonthIntervalType()};
    return op::bound(name, types, t, addYearMonth(base, sub, swapped));
  }
  (void)in;
  return std::nullopt;
}

BoundScalarFunction bindArithmetic(ArithOp op, const std::string& name, const ScalarBindInput& in) {
  checkArgCount(name, in.args, 2, 2);
  DataTypePtr l = in.args[0]->type(), r = in.args[1]->type();
  if (l->id() == TypeId::Null && r->id() == TypeId::Null) {
    l = r = op == ArithOp::Div ? DoubleType() : (op == ArithOp::IntDiv ? LongType() : IntegerType());
  } else if (l->id() == TypeId::Null) {
    l = r;
  } else if (r->id() == TypeId::Null) {
    r = l;
  }
  if (auto dt = bindDatetimeArithmetic(op, name, in, l, r)) return *dt;
  // Strings are implicitly numbers: double in legacy mode (PromoteStrings),
  // bigint next to an integral and double otherwise under ANSI.
  auto stringTarget = [&](const DataTypePtr& other) -> DataTypePtr {
    if (in.ansi && other->isIntegral()) return LongType();
    return DoubleType();
  };
  bool ls = l->id() == TypeId::String, rs = r->id() == TypeId::String;
  if (ls) l = stringTarget(rs ? DoubleType() : r);
  if (rs) r = stringTarget(ls ? DoubleType() : in.args[0]->type());
  if (!l->isNumeric() || !r->isNumeric()) {
    if (!l->equals(*r) && (l->isNumeric() || r->isNumeric())) throwBinaryOpDiffTypes(name, in.args);
    throwWrongType(name, in.args, l->isNumeric() ? *r : *l);
  }
  bool nullable_ops = op == ArithOp::Div || op == ArithOp::Mod || op == ArithOp::Pmod || op == ArithOp::IntDiv;
  bool introduces = !in.ansi && nullable_ops;
  bool ld = l->id() == TypeId::Decimal, rd = r->id() == TypeId::Decimal;
  if ((ld || rd) && !l->isFloating() && !r->isFloating()) {
    DataTypePtr dl = ld ? l : (ls ? *decimalForType(*l) : *decimalOperandType(in.args[0]));
    DataTypePtr dr = rd ? r : (rs ? *decimalForType(*r) : *decimalOperandType(in.args[1]));
    if (op == ArithOp::IntDiv) return op::bound(name, {dl, dr}, LongType(), decimalKernel(op, dl, dr, LongType()), introduces);
    DecimalOp dop = op == ArithOp::Add   ? DecimalOp::Add
                    : op == ArithOp::Sub ? DecimalOp::Subtract
                    : op == ArithOp::Mul ? DecimalOp::Multiply
                    : op == ArithOp::Div ? DecimalOp::Divide
                                         : DecimalOp::Remainder;
    DataTypePtr out = decimalResultType(dop, *dl, *dr);
    // Decimal overflow gives NULL in legacy mode.
    return op::bound(name, {dl, dr}, out, decimalKernel(op, dl, dr, out), !in.ansi);
  }
  DataTypePtr t;
  if (op == ArithOp::Div) t = DoubleType();
  else if (op == ArithOp::IntDiv) t = LongType();
  else t = (ld || rd) ? DoubleType() : *findTightestCommonType(l, r);
  DataTypePtr ret = op == ArithOp::IntDiv ? LongType() : t;
  ScalarKernel k = kernel::dispatchFixed(t->id(), [&](auto tag) -> ScalarKernel {
    using T = decltype(tag);
    if constexpr (std::is_floating_point_v<T>) return floatingKernel<T>(op, t);
    else if constexpr (std::is_integral_v<T> && !std::is_same_v<T, uint8_t>) return integralKernel<T>(op, t);
    else throw InternalException("arithmetic on " + t->sql());
  });
  if (op == ArithOp::IntDiv) {
    // The kernel's result vector must carry the BIGINT type.
    k = [k](const std::vector<VectorPtr>& a, int64_t n, EvalContext& ctx) { return k(a, n, ctx); };
  }
  return op::bound(name, {t, t}, ret, std::move(k), introduces);
}

BoundScalarFunction bindNegate(const std::string& name, const ScalarBindInput& in) {
  checkArgCount(name, in.args, 1, 1);
  DataTypePtr t = in.args[0]->type();
  if (t->id() == TypeId::Null) t = DoubleType();
  if (t->id() == TypeId::String) t = DoubleType();
  if (!t->isNumeric() && t->id() != TypeId::DayTimeInterval && t->id() != TypeId::YearMonthInterval) {
    throwUnexpectedInputType(name, in.args, 0, "(\"NUMERIC\" or \"INTERVAL DAY TO SECOND\" or \"INTERVAL YEAR TO MONTH\")");
  }
  return op::bound(name, {t}, t, negateKernel(t));
}

BoundScalarFunction bindPositive(const std::string& name, const ScalarBindInput& in) {
  checkArgCount(name, in.args, 1, 1);
  DataTypePtr t = in.args[0]->type();
  if (t->id() == TypeId::Null || t->id() == TypeId::String) t = DoubleType();
  if (!t->isNumeric() && t->id() != TypeId::DayTimeInterval && t->id() != TypeId::YearMonthInterval) {
    throwUnexpectedInputType(name, in.args, 0, "(\"NUMERIC\" or \"INTERVAL DAY TO SECOND\" or \"INTERVAL YEAR TO MONTH\")");
  }
  return op::bound(name, {t}, t, [](const std::vector<VectorPtr>& a, int64_t, EvalContext&) { return a[0]; });
}

void addBinary(FunctionRegistry& reg, const std::string& name, ArithOp op, const std::string& usage) {
  reg.addScalar(name, [name, op](const ScalarBindInput& in) { return bindArithmetic(op, name, in); },
                {usage, ""});
}

}  // namespace

void registerArithmeticOperators(FunctionRegistry& reg) {
  reg.addScalar("+", [](const ScalarBindInput& in) { return in.args.size() == 1 ? bindPositive("+", in) : bindArithmetic(ArithOp::Add, "+", in); },
                {"expr1 + expr2 - Returns `expr1`+`expr2`.", "SELECT 1 + 2; 3"});
  reg.addScalar("-", [](const ScalarBindInput& in) { return in.args.size() == 1 ? bindNegate("-", in) : bindArithmetic(ArithOp::Sub, "-", in); },
                {"expr1 - expr2 - Returns `expr1`-`expr2`.", "SELECT 2 - 1; 1"});
  addBinary(reg, "*", ArithOp::Mul, "expr1 * expr2 - Returns `expr1`*`expr2`.");
  addBinary(reg, "/", ArithOp::Div, "expr1 / expr2 - Returns `expr1`/`expr2`. It always performs floating point division.");
  addBinary(reg, "%", ArithOp::Mod, "expr1 % expr2 - Returns the remainder after `expr1`/`expr2`.");
  addBinary(reg, "div", ArithOp::IntDiv, "expr1 div expr2 - Divide `expr1` by `expr2`. It returns NULL if an operand is NULL or `expr2` is 0. The result is casted to long.");
  // mod and pmod are registered with the math functions (function/scalar/).
  reg.addScalar("negative", [](const ScalarBindInput& in) { return bindNegate("negative", in); },
                {"negative(expr) - Returns the negated value of `expr`.", "SELECT negative(1); -1"});
  reg.addScalar("positive", [](const ScalarBindInput& in) { return bindPositive("positive", in); },
                {"positive(expr) - Returns the value of `expr`.", "SELECT positive(1); 1"});
}

}  // namespace loch

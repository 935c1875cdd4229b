// Date and time functions (Spark's datetimeExpressions.scala and
// DateTimeUtils). Dates are int32 days, timestamps int64 µs UTC shown in the
// session time zone (EvalContext::time_zone).

#include <cctz/time_zone.h>

#include <cmath>
#include <mutex>

#include "loch/common/format.h"
#include "loch/function/scalar/datetime_pattern.h"
#include "loch/function/scalar/scalar_util.h"
#include "loch/types/datetime.h"
#include "loch/types/decimal.h"

namespace loch::scalar {

namespace {

constexpr const char* kDefaultFormat = "yyyy-MM-dd HH:mm:ss";
const char* const kMonthNames[] = {"JANUARY", "FEBRUARY", "MARCH",     "APRIL",   "MAY",      "JUNE",
                                   "JULY",    "AUGUST",   "SEPTEMBER", "OCTOBER", "NOVEMBER", "DECEMBER"};

// Years whose days since the epoch fit the int32 DATE representation.
constexpr int64_t kMinDateYear = -5877000;
constexpr int64_t kMaxDateYear = 5881000;

int32_t dayOfWeekMonday0(int64_t days) { return static_cast<int32_t>(floorMod(days + 3, 7)); }

/// Local day number of an instant in `tz`.
int64_t localDays(int64_t micros, const cctz::time_zone& tz) {
  return floorDiv(utcToLocalMicros(micros, tz), kMicrosPerDay);
}

/// ISO-8601 week number (weeks start Monday; week 1 holds the first Thursday).
int32_t isoWeek(int64_t days) {
  int64_t thursday = days - dayOfWeekMonday0(days) + 3;
  CivilDate c = civilFromDays(static_cast<int32_t>(thursday));
  return static_cast<int32_t>((thursday - daysFromCivil(c.year, 1, 1)) / 7 + 1);
}

/// Spark's DateTimeUtils.dateAddMonths (LocalDate.plusMonths: clamps the day).
int32_t addMonths(int32_t days, int64_t months) {
  CivilDate c = civilFromDays(days);
  int64_t total = c.year * 12 + (c.month - 1) + months;
  int64_t y = floorDiv(total, 12);
  int m = static_cast<int>(floorMod(total, 12)) + 1;
  if (y < kMinDateYear || y > kMaxDateYear) {
    throw ArithmeticException("ARITHMETIC_OVERFLOW", "integer overflow in add_months.");
  }
  return daysFromCivil(y, m, std::min(c.day, daysInMonth(y, m)));
}

/// Binder of f(date) -> int.
template <class F>
ScalarBinder dateField(std::string name, F f) {
  return [name, f](const ScalarBindInput& in) {
    checkArgCount(name, in, 1, 1);
    BoundScalarFunction b;
    b.name = name;
    b.arg_types = {expectType(name, in, 0, DateType())};
    b.return_type = IntegerType();
    b.kernel = [f](const std::vector<VectorPtr>& args, int64_t rows, EvalContext&) {
      return computeFixed<int32_t>(args, rows, IntegerType(), [&](const auto& d, int64_t i, int32_t& out) {
        out = f(d[0].template valueAt<int32_t>(i));
        return true;
      });
    };
    return b;
  };
}

/// Binder of f(local µs of day) -> int for timestamps (hour, minute, second).
template <class F>
ScalarBinder timeField(std::string name, F f) {
  return [name, f](const ScalarBindInput& in) {
    checkArgCount(name, in, 1, 1);
    BoundScalarFunction b;
    b.name = name;
    bool ntz = in.args[0]->type()->id() == TypeId::TimestampNTZ;
    b.arg_types = {ntz ? TimestampNTZType() : expectType(name, in, 0, TimestampType())};
    b.return_type = IntegerType();
    b.kernel = [f, ntz](const std::vector<VectorPtr>& args, int64_t rows, EvalContext& ctx) {
      const cctz::time_zone& tz = sessionZone(ctx);
      return computeFixed<int32_t>(args, rows, IntegerType(), [&](const auto& d, int64_t i, int32_t& out) {
        int64_t v = d[0].template valueAt<int64_t>(i);
        int64_t local = ntz ? v : utcToLocalMicros(v, tz);
        out = f(floorMod(local, kMicrosPerDay));
        return true;
      });
    };
    return b;
  };
}

[[noreturn]] void throwParseError(std::string_view text, bool with_format) {
  throw CastException("CANNOT_PARSE_TIMESTAMP",
                      "Text '" + std::string(text) + "' could not be parsed" + (with_format ? " with the given pattern" : "") +
                          ". Use `try_to_timestamp` to tolerate invalid input string and return NULL instead. If "
                          "necessary set \"spark.sql.ansi.enabled\" to \"false\" to bypass this error.");
}

[[noreturn]] void throwCastInvalid(std::string_view text, const std::string& to) {
  throw CastException("CAST_INVALID_INPUT",
                      "The value '" + std::string(text) + "' of the type \"STRING\" cannot be cast to \"" + to +
                          "\" because it is malformed. Correct the value as per the syntax, or change its target type. "
                          "Use `try_cast` to tolerate malformed input and return NULL instead. If necessary set "
                          "\"spark.sql.ansi.enabled\" to \"false\" to bypass this error.");
}

/// A pattern compiled once when the format argument is a literal, else
/// recompiled when the row's pattern changes.
class PatternCache {
 public:
  explicit PatternCache(const Value* literal) {
    if (literal && !literal->isNull() && literal->type()->id() == TypeId::String) {
      fixed_ = DateTimePattern::compile(literal->getString());
    }
  }
  explicit PatternCache(std::string_view fixed) : fixed_(DateTimePattern::compile(fixed)) {}
  /// Per-kernel-call cursor (kernels may run concurrently).
  struct Cursor {
    const PatternCache* cache;
    std::shared_ptr<const DateTimePattern> last;
    const DateTimePattern& get(std::string_view text) {
      if (cache->fixed_ && cache->fixed_->text() == text) return *cache->fixed_;
      if (!last || last->text() != text) last = DateTimePattern::compile(text);
      return *last;
    }
  };
  Cursor cursor() const { return Cursor{this, fixed_}; }

 private:
  std::shared_ptr<const DateTimePattern> fixed_;
};

enum class ParseTarget { Date, Timestamp, UnixSeconds };

/// to_date / to_timestamp / unix_timestamp over strings, with or without a format.
BoundScalarFunction bindParse(const ScalarBindInput& in, const std::string& name, ParseTarget target) {
  checkArgCount(name, in, target == ParseTarget::UnixSeconds ? 0 : 1, 2);
  BoundScalarFunction b;
  b.name = name;
  b.return_type = target == ParseTarget::Date        ? DateType()
                  : target == ParseTarget::Timestamp ? TimestampType()
                                                     : LongType();
  b.introduces_nulls = true;
  DataTypePtr ret = b.return_type;
  if (in.args.empty()) {
    b.kernel = [](const std::vector<VectorPtr>&, int64_t rows, EvalContext& ctx) {
      return Vector::makeConstant(Value::longValue(floorDiv(ctx.current_timestamp_micros, kMicrosPerSecond)), rows);
    };
    return b;
  }
  TypeId src = in.args[0]->type()->id();
  // Dates and timestamps need no parsing; the analyzer casts them.
  if (src == TypeId::Date || src == TypeId::Timestamp || src == TypeId::TimestampNTZ) {
    b.arg_types = {target == ParseTarget::Date ? DateType() : TimestampType()};
    if (in.args.size() == 2) b.arg_types.push_back(expectType(name, in, 1, StringType()));
    b.kernel = [target](const std::vector<VectorPtr>& args, int64_t rows, EvalContext&) -> VectorPtr {
      if (target != ParseTarget::UnixSeconds) return args[0];
      std::vector<VectorPtr> a{args[0]};
      return computeFixed<int64_t>(a, rows, LongType(), [](const auto& d, int64_t i, int64_t& out) {
        out = floorDiv(d[0].template valueAt<int64_t>(i), kMicrosPerSecond);
        return true;
      });
    };
    return b;
  }
  b.arg_types = {expectType(name, in, 0, StringType())};
  bool has_fmt = in.args.size() == 2 || target == ParseTarget::UnixSeconds;
  if (in.args.size() == 2) b.arg_types.push_back(expectType(name, in, 1, StringType()));
  std::shared_ptr<PatternCache> cache;
  if (in.args.size() == 2) cache = std::make_shared<PatternCache>(literalArg(in, 1));
  else if (has_fmt) cache = std::make_shared<PatternCache>(kDefaultFormat);
  bool fmt_arg = in.args.size() == 2;
  b.kernel = [cache, target, ret, has_fmt, fmt_arg](const std::vector<VectorPtr>& args, int64_t rows,
                                                     EvalContext& ctx) -> VectorPtr {
    const cctz::time_zone& tz = sessionZone(ctx);
    auto cursor = cache ? cache->cursor() : PatternCache::Cursor{nullptr, nullptr};
    auto parseOne = [&](const std::vector<DecodedVector>& d, int64_t i) -> std::optional<int64_t> {
      std::string_view s = d[0].stringAt(i);
      if (!has_fmt) {
        if (target == ParseTarget::Date) {
          auto v = parseDate(s);
          if (!v && ctx.ansi) throwCastInvalid(s, "DATE");
          return v;
        }
        auto v = parseTimestamp(s, tz);
        if (!v && ctx.ansi) throwCastInvalid(s, "TIMESTAMP");
        return v;
      }
      const DateTimePattern& p = fmt_arg ? cursor.get(d[1].stringAt(i)) : *cursor.last;
      auto v = p.parse(s, tz);
      if (!v) {
        if (ctx.ansi) throwParseError(s, true);
        return std::nullopt;
      }
      if (target == ParseTarget::Date) return floorDiv(utcToLocalMicros(*v, tz), kMicrosPerDay);
      if (target == ParseTarget::UnixSeconds) return floorDiv(*v, kMicrosPerSecond);
      return v;
    };
    if (target == ParseTarget::Date) {
      return computeFixed<int32_t>(args, rows, ret, [&](const auto& d, int64_t i, int32_t& out) {
        auto v = parseOne(d, i);
        if (v) out = static_cast<int32_t>(*v);
        return v.has_value();
      });
    }
    return computeFixed<int64_t>(args, rows, ret, [&](const auto& d, int64_t i, int64_t& out) {
      auto v = parseOne(d, i);
      if (v) out = *v;
      return v.has_value();
    });
  };
  return b;
}

/// date_format(ts, fmt) and from_unixtime(secs[, fmt]).
BoundScalarFunction bindFormat(const ScalarBindInput& in, const std::string& name, bool from_seconds) {
  checkArgCount(name, in, from_seconds ? 1 : 2, 2);
  BoundScalarFunction b;
  b.name = name;
  b.arg_types = {from_seconds ? expectType(name, in, 0, LongType()) : expectType(name, in, 0, TimestampType())};
  std::shared_ptr<PatternCache> cache;
  if (in.args.size() == 2) {
    b.arg_types.push_back(expectType(name, in, 1, StringType()));
    cache = std::make_shared<PatternCache>(literalArg(in, 1));
  } else {
    cache = std::make_shared<PatternCache>(kDefaultFormat);
  }
  b.return_type = StringType();
  bool fmt_arg = in.args.size() == 2;
  b.kernel = [cache, from_seconds, fmt_arg](const std::vector<VectorPtr>& args, int64_t rows, EvalContext& ctx) {
    const cctz::time_zone& tz = sessionZone(ctx);
    auto cursor = cache->cursor();
    return computeString(args, rows, StringType(), [&](const auto& d, int64_t i, std::string& out) {
      int64_t v = d[0].template valueAt<int64_t>(i);
      int64_t micros = from_seconds ? v * kMicrosPerSecond : v;
      const DateTimePattern& p = fmt_arg ? cursor.get(d[1].stringAt(i)) : *cursor.last;
      p.format(micros, tz, out);
      return true;
    });
  };
  return b;
}

/// Spark's DateTimeUtils.monthsBetween.
double monthsBetween(int64_t t1, int64_t t2, bool round_off, const cctz::time_zone& tz) {
  int64_t l1 = utcToLocalMicros(t1, tz), l2 = utcToLocalMicros(t2, tz);
  int64_t d1 = floorDiv(l1, kMicrosPerDay), d2 = floorDiv(l2, kMicrosPerDay);
  CivilDate c1 = civilFromDays(static_cast<int32_t>(d1)), c2 = civilFromDays(static_cast<int32_t>(d2));
  double month_diff = static_cast<double>((c1.year * 12 + c1.month) - (c2.year * 12 + c2.month));
  bool last1 = c1.day == daysInMonth(c1.year, c1.month);
  bool last2 = c2.day == daysInMonth(c2.year, c2.month);
  if (c1.day == c2.day || (last1 && last2)) return month_diff;
  int64_t sec1 = (l1 - d1 * kMicrosPerDay) / kMicrosPerSecond;
  int64_t sec2 = (l2 - d2 * kMicrosPerDay) / kMicrosPerSecond;
  int64_t seconds_diff = static_cast<int64_t>(c1.day - c2.day) * 86400 + sec1 - sec2;
  double diff = month_diff + static_cast<double>(seconds_diff) / (31.0 * 86400);
  // Java's Math.round(x * 1e8) / 1e8: round half up.
  return round_off ? std::floor(diff * 1e8 + 0.5) / 1e8 : diff;
}

/// Truncation level of date_trunc / trunc; -1 for unknown units.
enum TruncLevel { kMicro, kMilli, kSecond, kMinute, kHour, kDay, kWeek, kMonth, kQuarter, kYear, kInvalid };

TruncLevel truncLevel(std::string_view unit) {
  std::string u = toUpper(unit);
  if (u == "YEAR" || u == "YYYY" || u == "YY") return kYear;
  if (u == "QUARTER") return kQuarter;
  if (u == "MONTH" || u == "MM" || u == "MON") return kMonth;
  if (u == "WEEK") return kWeek;
  if (u == "DAY" || u == "DD") return kDay;
  if (u == "HOUR") return kHour;
  if (u == "MINUTE") return kMinute;
  if (u == "SECOND") return kSecond;
  if (u == "MILLISECOND") return kMilli;
  if (u == "MICROSECOND") return kMicro;
  return kInvalid;
}

int32_t truncDays(int32_t days, TruncLevel level) {
  CivilDate c = civilFromDays(days);
  switch (level) {
    case kWeek: return days - dayOfWeekMonday0(days);
    case kMonth: return daysFromCivil(c.year, c.month, 1);
    case kQuarter: return daysFromCivil(c.year, (c.month - 1) / 3 * 3 + 1, 1);
    case kYear: return daysFromCivil(c.year, 1, 1);
    default: return days;
  }
}

int64_t truncTimestamp(int64_t micros, TruncLevel level, const cctz::time_zone& tz) {
  switch (level) {
    case kMicro: return micros;
    case kMilli: return micros - floorMod(micros, 1000);
    case kSecond: return micros - floorMod(micros, kMicrosPerSecond);
    default: break;
  }
  int64_t local = utcToLocalMicros(micros, tz);
  int64_t truncated;
  if (level == kMinute) truncated = local - floorMod(local, kMicrosPerMinute);
  else if (level == kHour) truncated = local - floorMod(local, kMicrosPerHour);
  else truncated = static_cast<int64_t>(truncDays(static_cast<int32_t>(floorDiv(local, kMicrosPerDay)), level)) * kMicrosPerDay;
  return localToUtcMicros(truncated, tz);
}

std::optional<int> parseDayOfWeek(std::string_view s) {
  std::string u = toUpper(s);
  static const char* names[][3] = {{"MO", "MON", "MONDAY"},   {"TU", "TUE", "TUESDAY"}, {"WE", "WED", "WEDNESDAY"},
                                   {"TH", "THU", "THURSDAY"}, {"FR", "FRI", "FRIDAY"},  {"SA", "SAT", "SATURDAY"},
                                   {"SU", "SUN", "SUNDAY"}};
  for (int d = 0; d < 7; ++d) {
    for (const char* n : names[d]) {
      if (u == n) return d;
    }
  }
  return std::nullopt;
}

BoundScalarFunction bindDateArith(const ScalarBindInput& in, const std::string& name, int sign) {
  checkArgCount(name, in, 2, 2);
  BoundScalarFunction b;
  b.name = name;
  const auto& t = in.args[1]->type();
  if (!(t->id() == TypeId::Integer || t->id() == TypeId::Short || t->id() == TypeId::Byte || t->id() == TypeId::Null ||
        t->id() == TypeId::String)) {
    throwTypeMismatch(name, in, 1, "(\"INT\" or \"SMALLINT\" or \"TINYINT\")");
  }
  b.arg_types = {expectType(name, in, 0, DateType()), IntegerType()};
  b.return_type = DateType();
  b.kernel = [sign](const std::vector<VectorPtr>& args, int64_t rows, EvalContext&) {
    return computeFixed<int32_t>(args, rows, DateType(), [&](const auto& d, int64_t i, int32_t& out) {
      out = static_cast<int32_t>(d[0].template valueAt<int32_t>(i) + sign * static_cast<int64_t>(d[1].template valueAt<int32_t>(i)));
      return true;
    });
  };
  return b;
}

BoundScalarFunction bindMakeDate(const ScalarBindInput& in) {
  checkArgCount("make_date", in, 3, 3);
  BoundScalarFunction b;
  b.name = "make_date";
  for (size_t i = 0; i < 3; ++i) b.arg_types.push_back(expectType("make_date", in, i, IntegerType()));
  b.return_type = DateType();
  b.introduces_nulls = true;
  b.kernel = [](const std::vector<VectorPtr>& args, int64_t rows, EvalContext& ctx) {
    return computeFixed<int32_t>(args, rows, DateType(), [&](const auto& d, int64_t i, int32_t& out) {
      int64_t y = d[0].template valueAt<int32_t>(i);
      int m = d[1].template valueAt<int32_t>(i);
      int day = d[2].template valueAt<int32_t>(i);
      std::string err;
      if (y < kMinDateYear || y > kMaxDateYear) err = "Invalid value for Year: " + std::to_string(y);
      else if (m < 1 || m > 12) err = "Invalid value for MonthOfYear (valid values 1 - 12): " + std::to_string(m);
      else if (day < 1 || day > 31) err = "Invalid value for DayOfMonth (valid values 1 - 28/31): " + std::to_string(day);
      else if (day > daysInMonth(y, m)) err = "Invalid date '" + std::string(kMonthNames[m - 1]) + " " + std::to_string(day) + "'";
      if (!err.empty()) {
        if (!ctx.ansi) return false;
        throw InvalidArgumentException("DATETIME_FIELD_OUT_OF_BOUNDS",
                                       err + ". If necessary set \"spark.sql.ansi.enabled\" to \"false\" to bypass this error.");
      }
      out = daysFromCivil(y, m, day);
      return true;
    });
  };
  return b;
}

/// Binder of f(timestamp µs) -> long (unix_seconds/millis/micros).
ScalarBinder unixOf(std::string name, int64_t divisor) {
  return [name, divisor](const ScalarBindInput& in) {
    checkArgCount(name, in, 1, 1);
    BoundScalarFunction b;
    b.name = name;
    b.arg_types = {expectType(name, in, 0, TimestampType())};
    b.return_type = LongType();
    b.kernel = [divisor](const std::vector<VectorPtr>& args, int64_t rows, EvalContext&) {
      return computeFixed<int64_t>(args, rows, LongType(), [&](const auto& d, int64_t i, int64_t& out) {
        out = floorDiv(d[0].template valueAt<int64_t>(i), divisor);
        return true;
      });
    };
    return b;
  };
}

[[noreturn]] void throwTimestampOverflow(const std::string& name) {
  throw ArithmeticException("ARITHMETIC_OVERFLOW", "long overflow in " + name +
                                                       ". If necessary set \"spark.sql.ansi.enabled\" to \"false\" to bypass this error.");
}

/// timestamp_millis / timestamp_micros (bigint) and timestamp_seconds (numeric).
ScalarBinder timestampFrom(std::string name, int64_t multiplier) {
  return [name, multiplier](const ScalarBindInput& in) {
    checkArgCount(name, in, 1, 1);
    BoundScalarFunction b;
    b.name = name;
    b.return_type = TimestampType();
    const auto& t = in.args[0]->type();
    if (multiplier == kMicrosPerSecond && (t->isFloating() || t->id() == TypeId::Decimal)) {
      b.arg_types = {t};
      b.introduces_nulls = true;  // NaN and infinity give NULL
      bool is_decimal = t->id() == TypeId::Decimal;
      int scale = t->scale();
      bool is_float = t->id() == TypeId::Float;
      b.kernel = [name, is_decimal, is_float, scale](const std::vector<VectorPtr>& args, int64_t rows, EvalContext&) {
        return computeFixed<int64_t>(args, rows, TimestampType(), [&](const auto& d, int64_t i, int64_t& out) {
          if (is_decimal) {
            auto v = rescaleDecimal(d[0].template valueAt<int128_t>(i), scale, 6);
            if (!v || *v > INT64_MAX || *v < INT64_MIN) throwTimestampOverflow(name);
            out = static_cast<int64_t>(*v);
            return true;
          }
          double v = is_float ? d[0].template valueAt<float>(i) : d[0].template valueAt<double>(i);
          if (std::isnan(v) || std::isinf(v)) return false;
          double m = v * kMicrosPerSecond;
          if (m >= 9.2233720368547758e18 || m < -9.2233720368547758e18) throwTimestampOverflow(name);
          out = static_cast<int64_t>(m);
          return true;
        });
      };
      return b;
    }
    if (!(t->isIntegral() || t->id() == TypeId::Null)) throwTypeMismatch(name, in, 0, "\"INTEGRAL\"");
    b.arg_types = {LongType()};
    b.kernel = [name, multiplier](const std::vector<VectorPtr>& args, int64_t rows, EvalContext&) {
      return computeFixed<int64_t>(args, rows, TimestampType(), [&](const auto& d, int64_t i, int64_t& out) {
        if (__builtin_mul_overflow(d[0].template valueAt<int64_t>(i), multiplier, &out)) throwTimestampOverflow(name);
        return true;
      });
    };
    return b;
  };
}

BoundScalarFunction bindUtcConvert(const ScalarBindInput& in, const std::string& name, bool from_utc) {
  checkArgCount(name, in, 2, 2);
  BoundScalarFunction b;
  b.name = name;
  b.arg_types = {expectType(name, in, 0, TimestampType()), expectType(name, in, 1, StringType())};
  b.return_type = TimestampType();
  b.introduces_nulls = true;
  b.kernel = [from_utc](const std::vector<VectorPtr>& args, int64_t rows, EvalContext&) {
    std::string last_name;
    const cctz::time_zone* zone = nullptr;
    return computeFixed<int64_t>(args, rows, TimestampType(), [&](const auto& d, int64_t i, int64_t& out) {
      std::string_view z = d[1].stringAt(i);
      if (!zone || z != last_name) {
        last_name.assign(z);
        zone = &lookupTimeZone(last_name);
      }
      int64_t v = d[0].template valueAt<int64_t>(i);
      out = from_utc ? utcToLocalMicros(v, *zone) : localToUtcMicros(v, *zone);
      return true;
    });
  };
  return b;
}


BoundScalarFunction bindMakeTimestamp(const ScalarBindInput& in) {
  checkArgCount("make_timestamp", in, 6, 7);
  BoundScalarFunction b;
  b.name = "make_timestamp";
  for (size_t i = 0; i < 5; ++i) b.arg_types.push_back(expectType("make_timestamp", in, i, IntegerType()));
  b.arg_types.push_back(expectType("make_timestamp", in, 5, DecimalType(16, 6)));
  if (in.args.size() == 7) b.arg_types.push_back(expectType("make_timestamp", in, 6, StringType()));
  b.return_type = TimestampType();
  b.introduces_nulls = true;
  b.kernel = [](const std::vector<VectorPtr>& args, int64_t rows, EvalContext& ctx) {
    bool has_zone = args.size() == 7;
    return computeFixed<int64_t>(args, rows, TimestampType(), [&](const auto& d, int64_t i, int64_t& out) {
      int64_t y = d[0].template valueAt<int32_t>(i);
      int m = d[1].template valueAt<int32_t>(i), day = d[2].template valueAt<int32_t>(i);
      int h = d[3].template valueAt<int32_t>(i), mi = d[4].template valueAt<int32_t>(i);
      int128_t sec_micros = d[5].template valueAt<int128_t>(i);
      std::string err;
      if (y < kMinDateYear || y > kMaxDateYear) err = "Invalid value for Year: " + std::to_string(y);
      else if (m < 1 || m > 12) err = "Invalid value for MonthOfYear (valid values 1 - 12): " + std::to_string(m);
      else if (day < 1 || day > daysInMonth(y, m)) err = "Invalid value for DayOfMonth: " + std::to_string(day);
      else if (h < 0 || h > 23) err = "Invalid value for HourOfDay (valid values 0 - 23): " + std::to_string(h);
      else if (mi < 0 || mi > 59) err = "Invalid value for MinuteOfHour (valid values 0 - 59): " + std::to_string(mi);
      // 60 seconds is allowed only without a fraction: it means the next minute.
      else if (sec_micros < 0 || sec_micros > 60 * kMicrosPerSecond)
        err = "Invalid value for SecondOfMinute (valid values 0 - 59): " + int128ToString(sec_micros / kMicrosPerSecond);
      if (!err.empty()) {
        if (!ctx.ansi) return false;
        throw InvalidArgumentException("DATETIME_FIELD_OUT_OF_BOUNDS",
                                       err + ". If necessary set \"spark.sql.ansi.enabled\" to \"false\" to bypass this error.");
      }
      int64_t local = static_cast<int64_t>(daysFromCivil(y, m, day)) * kMicrosPerDay + h * kMicrosPerHour +
                      mi * kMicrosPerMinute + static_cast<int64_t>(sec_micros);
      const cctz::time_zone& tz = has_zone ? lookupTimeZone(std::string(d[6].stringAt(i))) : sessionZone(ctx);
      out = localToUtcMicros(local, tz);
      return true;
    });
  };
  return b;
}


/// Fields of date_part / extract (Spark's DatePart / Extract).
enum class PartField { Year, Quarter, Month, Week, Day, DayOfWeek, DayOfWeekIso, DayOfYear, Hour, Minute, Second };

std::optional<PartField> partField(std::string_view text) {
  std::string f = toUpper(text);
  auto any = [&](std::initializer_list<const char*> names) {
    for (const char* n : names) {
      if (f == n) return true;
    }
    return false;
  };
  if (any({"YEAR", "Y", "YEARS", "YR", "YRS"})) return PartField::Year;
  if (any({"QUARTER", "QTR"})) return PartField::Quarter;
  if (any({"MONTH", "MON", "MONS", "MONTHS"})) return PartField::Month;
  if (any({"WEEK", "W", "WEEKS"})) return PartField::Week;
  if (any({"DAY", "D", "DAYS"})) return PartField::Day;
  if (any({"DAYOFWEEK", "DOW"})) return PartField::DayOfWeek;
  if (any({"DAYOFWEEK_ISO", "DOW_ISO"})) return PartField::DayOfWeekIso;
  if (any({"DOY"})) return PartField::DayOfYear;
  if (any({"HOUR", "H", "HOURS", "HR", "HRS"})) return PartField::Hour;
  if (any({"MINUTE", "M", "MIN", "MINS", "MINUTES"})) return PartField::Minute;
  if (any({"SECOND", "S", "SEC", "SECONDS", "SECS"})) return PartField::Second;
  return std::nullopt;
}

BoundScalarFunction bindDatePart(const ScalarBindInput& in, const std::string& name) {
  checkArgCount(name, in, 2, 2);
  const Value* lit = literalArg(in, 0);
  if (!lit || lit->isNull() || lit->type()->id() != TypeId::String) {
    throw AnalysisException("NON_FOLDABLE_ARGUMENT",
                            "The function `" + name + "` requires the parameter `field` to be a foldable expression of "
                            "the type \"STRING\", but the actual argument is a non-foldable.");
  }
  auto field = partField(lit->getString());
  if (!field) {
    throw AnalysisException("INVALID_EXTRACT_FIELD",
                            "Cannot extract " + lit->getString() + " from " + in.args[1]->toString() + ".");
  }
  bool is_date = in.args[1]->type()->id() == TypeId::Date;
  bool time_field = *field == PartField::Hour || *field == PartField::Minute || *field == PartField::Second;
  BoundScalarFunction b;
  b.name = name;
  b.arg_types = {StringType(), is_date && !time_field ? DateType() : expectType(name, in, 1, TimestampType())};
  b.return_type = *field == PartField::Second ? DecimalType(8, 6) : IntegerType();
  PartField f = *field;
  auto ret = b.return_type;
  b.kernel = [f, is_date, time_field, ret](const std::vector<VectorPtr>& args, int64_t rows, EvalContext& ctx) -> VectorPtr {
    const cctz::time_zone& tz = sessionZone(ctx);
    std::vector<VectorPtr> a{args[1]};
    bool from_date = is_date && !time_field;
    auto localOf = [&](const auto& d, int64_t i) -> int64_t {
      if (from_date) return static_cast<int64_t>(d[0].template valueAt<int32_t>(i)) * kMicrosPerDay;
      return utcToLocalMicros(d[0].template valueAt<int64_t>(i), tz);
    };
    if (f == PartField::Second) {
      return computeFixed<int128_t>(a, rows, ret, [&](const auto& d, int64_t i, int128_t& out) {
        out = floorMod(localOf(d, i), kMicrosPerMinute);  // seconds with 6 fractional digits
        return true;
      });
    }
    return computeFixed<int32_t>(a, rows, ret, [&](const auto& d, int64_t i, int32_t& out) {
      int64_t local = localOf(d, i);
      int64_t days = floorDiv(local, kMicrosPerDay);
      int64_t tod = local - days * kMicrosPerDay;
      CivilDate c = civilFromDays(static_cast<int32_t>(days));
      switch (f) {
        case PartField::Year: out = static_cast<int32_t>(c.year); break;
        case PartField::Quarter: out = (c.month - 1) / 3 + 1; break;
        case PartField::Month: out = c.month; break;
        case PartField::Week: out = isoWeek(days); break;
        case PartField::Day: out = c.day; break;
        case PartField::DayOfWeek: out = (dayOfWeekMonday0(days) + 1) % 7 + 1; break;
        case PartField::DayOfWeekIso: out = dayOfWeekMonday0(days) + 1; break;
        case PartField::DayOfYear: out = static_cast<int32_t>(days - daysFromCivil(c.year, 1, 1) + 1); break;
        case PartField::Hour: out = static_cast<int32_t>(tod / kMicrosPerHour); break;
        case PartField::Minute: out = static_cast<int32_t>(tod / kMicrosPerMinute % 60); break;
        case PartField::Second: break;
      }
      return true;
    });
  };
  return b;
}

}  // namespace

void registerDatetimeFunctions(FunctionRegistry& r) {
  r.addScalar("to_date", [](const ScalarBindInput& in) { return bindParse(in, "to_date", ParseTarget::Date); });
  r.addScalar("date", [](const ScalarBindInput& in) {
    checkArgCount("date", in, 1, 1);
    return bindParse(in, "date", ParseTarget::Date);
  });
  r.addScalar("to_timestamp", [](const ScalarBindInput& in) { return bindParse(in, "to_timestamp", ParseTarget::Timestamp); });
  r.addScalar("unix_timestamp", [](const ScalarBindInput& in) { return bindParse(in, "unix_timestamp", ParseTarget::UnixSeconds); });
  r.addScalar("to_unix_timestamp", [](const ScalarBindInput& in) {
    checkArgCount("to_unix_timestamp", in, 1, 2);
    return bindParse(in, "to_unix_timestamp", ParseTarget::UnixSeconds);
  });
  r.addScalar("date_format", [](const ScalarBindInput& in) { return bindFormat(in, "date_format", false); });
  r.addScalar("from_unixtime", [](const ScalarBindInput& in) { return bindFormat(in, "from_unixtime", true); });

  r.addScalar("year", dateField("year", [](int32_t d) { return static_cast<int32_t>(civilFromDays(d).year); }));
  r.addScalar("quarter", dateField("quarter", [](int32_t d) { return (civilFromDays(d).month - 1) / 3 + 1; }));
  r.addScalar("month", dateField("month", [](int32_t d) { return civilFromDays(d).month; }));
  r.addScalar("day", dateField("day", [](int32_t d) { return civilFromDays(d).day; }));
  r.addScalar("dayofmonth", dateField("dayofmonth", [](int32_t d) { return civilFromDays(d).day; }));
  r.addScalar("dayofweek", dateField("dayofweek", [](int32_t d) { return (dayOfWeekMonday0(d) + 1) % 7 + 1; }));
  r.addScalar("weekday", dateField("weekday", [](int32_t d) { return dayOfWeekMonday0(d); }));
  r.addScalar("dayofyear", dateField("dayofyear", [](int32_t d) {
                return static_cast<int32_t>(d - daysFromCivil(civilFromDays(d).year, 1, 1) + 1);
              }));
  r.addScalar("weekofyear", dateField("weekofyear", [](int32_t d) { return isoWeek(d); }));
  r.addScalar("unix_date", dateField("unix_date", [](int32_t d) { return d; }));
  r.addScalar("hour", timeField("hour", [](int64_t tod) { return static_cast<int32_t>(tod / kMicrosPerHour); }));
  r.addScalar("minute", timeField("minute", [](int64_t tod) { return static_cast<int32_t>(tod / kMicrosPerMinute % 60); }));
  r.addScalar("second", timeField("second", [](int64_t tod) { return static_cast<int32_t>(tod / kMicrosPerSecond % 60); }));

  r.addScalar("date_add", [](const ScalarBindInput& in) { return bindDateArith(in, "date_add", 1); });
  r.addAlias("dateadd", "date_add");
  r.addScalar("date_sub", [](const ScalarBindInput& in) { return bindDateArith(in, "date_sub", -1); });
  r.addScalar("datediff", [](const ScalarBindInput& in) {
    checkArgCount("datediff", in, 2, 2);
    BoundScalarFunction b;
    b.name = "datediff";
    b.arg_types = {expectType("datediff", in, 0, DateType()), expectType("datediff", in, 1, DateType())};
    b.return_type = IntegerType();
    b.kernel = [](const std::vector<VectorPtr>& args, int64_t rows, EvalContext&) {
      return computeFixed<int32_t>(args, rows, IntegerType(), [](const auto& d, int64_t i, int32_t& out) {
        out = d[0].template valueAt<int32_t>(i) - d[1].template valueAt<int32_t>(i);
        return true;
      });
    };
    return b;
  });
  r.addAlias("date_diff", "datediff");
  r.addScalar("add_months", [](const ScalarBindInput& in) {
    checkArgCount("add_months", in, 2, 2);
    BoundScalarFunction b;
    b.name = "add_months";
    b.arg_types = {expectType("add_months", in, 0, DateType()), expectType("add_months", in, 1, IntegerType())};
    b.return_type = DateType();
    b.kernel = [](const std::vector<VectorPtr>& args, int64_t rows, EvalContext&) {
      return computeFixed<int32_t>(args, rows, DateType(), [](const auto& d, int64_t i, int32_t& out) {
        out = addMonths(d[0].template valueAt<int32_t>(i), d[1].template valueAt<int32_t>(i));
        return true;
      });
    };
    return b;
  });
  r.addScalar("months_between", [](const ScalarBindInput& in) {
    checkArgCount("months_between", in, 2, 3);
    BoundScalarFunction b;
    b.name = "months_between";
    b.arg_types = {expectType("months_between", in, 0, TimestampType()), expectType("months_between", in, 1, TimestampType())};
    if (in.args.size() == 3) b.arg_types.push_back(expectType("months_between", in, 2, BooleanType()));
    b.return_type = DoubleType();
    b.kernel = [](const std::vector<VectorPtr>& args, int64_t rows, EvalContext& ctx) {
      const cctz::time_zone& tz = sessionZone(ctx);
      bool has_round = args.size() == 3;
      return computeFixed<double>(args, rows, DoubleType(), [&](const auto& d, int64_t i, double& out) {
        bool round_off = has_round ? d[2].template valueAt<uint8_t>(i) != 0 : true;
        out = monthsBetween(d[0].template valueAt<int64_t>(i), d[1].template valueAt<int64_t>(i), round_off, tz);
        return true;
      });
    };
    return b;
  });
  r.addScalar("last_day", [](const ScalarBindInput& in) {
    checkArgCount("last_day", in, 1, 1);
    BoundScalarFunction b;
    b.name = "last_day";
    b.arg_types = {expectType("last_day", in, 0, DateType())};
    b.return_type = DateType();
    b.kernel = [](const std::vector<VectorPtr>& args, int64_t rows, EvalContext&) {
      return computeFixed<int32_t>(args, rows, DateType(), [](const auto& d, int64_t i, int32_t& out) {
        CivilDate c = civilFromDays(d[0].template valueAt<int32_t>(i));
        out = daysFromCivil(c.year, c.month, daysInMonth(c.year, c.month));
        return true;
      });
    };
    return b;
  });
  r.addScalar("next_day", [](const ScalarBindInput& in) {
    checkArgCount("next_day", in, 2, 2);
    BoundScalarFunction b;
    b.name = "next_day";
    b.arg_types = {expectType("next_day", in, 0, DateType()), expectType("next_day", in, 1, StringType())};
    b.return_type = DateType();
    b.introduces_nulls = true;
    b.kernel = [](const std::vector<VectorPtr>& args, int64_t rows, EvalContext& ctx) {
      return computeFixed<int32_t>(args, rows, DateType(), [&](const auto& d, int64_t i, int32_t& out) {
        auto dow = parseDayOfWeek(d[1].stringAt(i));
        if (!dow) {
          if (!ctx.ansi) return false;
          throw InvalidArgumentException("ILLEGAL_DAY_OF_WEEK",
                                         "Illegal input for day of week: " + std::string(d[1].stringAt(i)) + ".");
        }
        int32_t day = d[0].template valueAt<int32_t>(i);
        int delta = (*dow - dayOfWeekMonday0(day) + 7) % 7;
        out = day + (delta == 0 ? 7 : delta);
        return true;
      });
    };
    return b;
  });
  r.addScalar("trunc", [](const ScalarBindInput& in) {
    checkArgCount("trunc", in, 2, 2);
    BoundScalarFunction b;
    b.name = "trunc";
    b.arg_types = {expectType("trunc", in, 0, DateType()), expectType("trunc", in, 1, StringType())};
    b.return_type = DateType();
    b.introduces_nulls = true;
    b.kernel = [](const std::vector<VectorPtr>& args, int64_t rows, EvalContext&) {
      return computeFixed<int32_t>(args, rows, DateType(), [](const auto& d, int64_t i, int32_t& out) {
        TruncLevel level = truncLevel(d[1].stringAt(i));
        if (level < kWeek || level == kInvalid) return false;  // trunc supports week and coarser only
        out = truncDays(d[0].template valueAt<int32_t>(i), level);
        return true;
      });
    };
    return b;
  });
  r.addScalar("date_trunc", [](const ScalarBindInput& in) {
    checkArgCount("date_trunc", in, 2, 2);
    BoundScalarFunction b;
    b.name = "date_trunc";
    b.arg_types = {expectType("date_trunc", in, 0, StringType()), expectType("date_trunc", in, 1, TimestampType())};
    b.return_type = TimestampType();
    b.introduces_nulls = true;
    b.kernel = [](const std::vector<VectorPtr>& args, int64_t rows, EvalContext& ctx) {
      const cctz::time_zone& tz = sessionZone(ctx);
      return computeFixed<int64_t>(args, rows, TimestampType(), [&](const auto& d, int64_t i, int64_t& out) {
        TruncLevel level = truncLevel(d[0].stringAt(i));
        if (level == kInvalid) return false;
        out = truncTimestamp(d[1].template valueAt<int64_t>(i), level, tz);
        return true;
      });
    };
    return b;
  });
  r.addScalar("make_date", bindMakeDate);
  r.addScalar("make_timestamp", bindMakeTimestamp);
  r.addScalar("date_part", [](const ScalarBindInput& in) { return bindDatePart(in, "date_part"); });
  r.addScalar("datepart", [](const ScalarBindInput& in) { return bindDatePart(in, "datepart"); });
  r.addScalar("extract", [](const ScalarBindInput& in) { return bindDatePart(in, "extract"); });
  r.addScalar("current_date", [](const ScalarBindInput& in) {
    checkArgCount("current_date", in, 0, 0);
    BoundScalarFunction b;
    b.name = "current_date";
    b.return_type = DateType();
    b.kernel = [](const std::vector<VectorPtr>&, int64_t rows, EvalContext& ctx) {
      int64_t days = localDays(ctx.current_timestamp_micros, sessionZone(ctx));
      return Vector::makeConstant(Value::date(static_cast<int32_t>(days)), rows);
    };
    return b;
  });
  r.addAlias("curdate", "current_date");
  r.addScalar("current_timestamp", [](const ScalarBindInput& in) {
    checkArgCount("current_timestamp", in, 0, 0);
    BoundScalarFunction b;
    b.name = "current_timestamp";
    b.return_type = TimestampType();
    b.kernel = [](const std::vector<VectorPtr>&, int64_t rows, EvalContext& ctx) {
      return Vector::makeConstant(Value::timestamp(ctx.current_timestamp_micros), rows);
    };
    return b;
  });
  r.addAlias("now", "current_timestamp");
  r.addScalar("current_timezone", [](const ScalarBindInput& in) {
    checkArgCount("current_timezone", in, 0, 0);
    BoundScalarFunction b;
    b.name = "current_timezone";
    b.return_type = StringType();
    b.kernel = [](const std::vector<VectorPtr>&, int64_t rows, EvalContext& ctx) {
      return Vector::makeConstant(Value::string(ctx.time_zone_name), rows);
    };
    return b;
  });
  r.addScalar("timestamp_seconds", timestampFrom("timestamp_seconds", kMicrosPerSecond));
  r.addScalar("timestamp_millis", timestampFrom("timestamp_millis", 1000));
  r.addScalar("timestamp_micros", timestampFrom("timestamp_micros", 1));
  r.addScalar("unix_seconds", unixOf("unix_seconds", kMicrosPerSecond));
  r.addScalar("unix_millis", unixOf("unix_millis", 1000));
  r.addScalar("unix_micros", unixOf("unix_micros", 1));
  r.addScalar("date_from_unix_date", [](const ScalarBindInput& in) {
    checkArgCount("date_from_unix_date", in, 1, 1);
    BoundScalarFunction b;
    b.name = "date_from_unix_date";
    b.arg_types = {expectType("date_from_unix_date", in, 0, IntegerType())};
    b.return_type = DateType();
    b.kernel = [](const std::vector<VectorPtr>& args, int64_t rows, EvalContext&) {
      return computeFixed<int32_t>(args, rows, DateType(), [](const auto& d, int64_t i, int32_t& out) {
        out = d[0].template valueAt<int32_t>(i);
        return true;
      });
    };
    return b;
  });
  r.addScalar("from_utc_timestamp", [](const ScalarBindInput& in) { return bindUtcConvert(in, "from_utc_timestamp", true); });
  r.addScalar("to_utc_timestamp", [](const ScalarBindInput& in) { return bindUtcConvert(in, "to_utc_timestamp", false); });
}

}  // namespace loch::scalar

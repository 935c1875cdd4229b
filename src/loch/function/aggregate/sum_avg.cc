// sum(expr) and avg(expr) / mean(expr).
// Result types (Spark's Sum / Average):
//   sum: integral -> BIGINT; DECIMAL(p,s) -> DECIMAL(min(38,p+10), s);
//        float/double/string -> DOUBLE; intervals -> the same interval type.
//   avg: DECIMAL(p,s) -> DECIMAL(min(38,p+4), min(38,s+4)); other numerics -> DOUBLE.
// Overflow: integral sums raise ARITHMETIC_OVERFLOW under ANSI and wrap
// around (two's complement, as Java's long addition) otherwise; decimal sums
// that exceed the result precision raise ARITHMETIC_OVERFLOW under ANSI and
// give NULL otherwise; interval sums always raise. Sum/avg of no non-NULL
// rows is NULL.

#include "loch/function/aggregate/aggregate_util.h"
#include "loch/types/decimal.h"

namespace loch {

namespace {

using agg::stateAs;

[[noreturn]] void throwLongOverflow(const std::string& what) {
  throw ArithmeticException("ARITHMETIC_OVERFLOW",
                            what + " overflow. Use 'try_sum' to tolerate overflow and return NULL instead. If "
                                   "necessary set \"spark.sql.ansi.enabled\" to \"false\" to bypass this error.");
}

[[noreturn]] void throwDecimalSumOverflow(const std::string& fn) {
  throw ArithmeticException("ARITHMETIC_OVERFLOW",
                            "Overflow in sum of decimals. Use 'try_" + fn +
                                "' to tolerate overflow and return NULL instead. If necessary set "
                                "\"spark.sql.ansi.enabled\" to \"false\" to bypass this error.");
}

/// Which numeric family an argument belongs to after implicit casts.
enum class SumKind { Integral, Floating, Decimal, YearMonth, DayTime };

SumKind sumKindOf(const AggregateCall& call, bool allow_intervals) {
  agg::checkArgCount(call, 1, 1);
  const DataType& t = *call.arg_types[0];
  if (t.isIntegral()) return SumKind::Integral;
  if (t.id() == TypeId::Decimal) return SumKind::Decimal;
  if (t.isFloating() || t.id() == TypeId::Null || t.id() == TypeId::String) return SumKind::Floating;
  if (allow_intervals && t.id() == TypeId::YearMonthInterval) return SumKind::YearMonth;
  if (allow_intervals && t.id() == TypeId::DayTimeInterval) return SumKind::DayTime;
  agg::throwBadInputType(call.name, 1, t, allow_intervals ? "(\"NUMERIC\" or \"ANSI INTERVAL\")" : "\"NUMERIC\"");
}

struct IntSum {
  int64_t sum = 0;
  bool has = false;
};
struct DoubleSum {
  double sum = 0;
  bool has = false;
};
struct DecimalSum {
  int128_t sum = 0;
  bool has = false;
  bool overflow = false;
};

template <class T>
void updateIntSum(const Vector& v, int64_t n, uint8_t* const* states, bool ansi, const char* what) {
  if (ansi) {
    agg::forEachValid<T>(v, n, [&](int64_t i, T x) {
      auto& s = stateAs<IntSum>(states[i]);
      if (__builtin_add_overflow(s.sum, static_cast<int64_t>(x), &s.sum)) throwLongOverflow(what);
      s.has = true;
    });
  } else {
    agg::forEachValid<T>(v, n, [&](int64_t i, T x) {
      auto& s = stateAs<IntSum>(states[i]);
      s.sum = static_cast<int64_t>(static_cast<uint64_t>(s.sum) + static_cast<uint64_t>(static_cast<int64_t>(x)));
      s.has = true;
    });
  }
}

// One state: the running sum stays in a register.
template <class T>
void updateIntSumSingle(const Vector& v, int64_t n, uint8_t* state, bool ansi, const char* what) {
  auto& s = stateAs<IntSum>(state);
  int64_t sum = s.sum;
  bool has = s.has;
  if (ansi) {
    agg::forEachValid<T>(v, n, [&](int64_t, T x) {
      if (__builtin_add_overflow(sum, static_cast<int64_t>(x), &sum)) throwLongOverflow(what);
      has = true;
    });
  } else {
    agg::forEachValid<T>(v, n, [&](int64_t, T x) {
      sum = static_cast<int64_t>(static_cast<uint64_t>(sum) + static_cast<uint64_t>(static_cast<int64_t>(x)));
      has = true;
    });
  }
  s.sum = sum;
  s.has = has;
}

BoundAggregateFunction bindIntegralSum(const AggregateCall& call, SumKind kind) {
  BoundAggregateFunction f;
  f.name = "sum";
  f.arg_types = call.arg_types;
  DataTypePtr arg = call.arg_types[0];
  f.return_type = kind == SumKind::Integral ? LongType() : arg;
  agg::setStateOps<IntSum>(f);
  bool ansi = call.ansi || kind != SumKind::Integral;  // interval sums always check
  TypeId id = arg->id();
  f.update = [ansi, id](const std::vector<VectorPtr>& args, int64_t n, uint8_t* const* states, EvalContext&) {
    agg::dispatchFixed(id, [&]<class T>() {
      if constexpr (std::is_integral_v<T> && !std::is_same_v<T, uint8_t>) {
        updateIntSum<T>(*args[0], n, states, ansi, "long");
      } else {
        throw InternalException("sum: unexpected argument type");
      }
    });
  };
  f.update_single = [ansi, id](const std::vector<VectorPtr>& args, int64_t n, uint8_t* state, EvalContext&) {
    agg::dispatchFixed(id, [&]<class T>() {
      if constexpr (std::is_integral_v<T> && !std::is_same_v<T, uint8_t>) {
        updateIntSumSingle<T>(*args[0], n, state, ansi, "long");
      } else {
        throw InternalException("sum: unexpected argument type");
      }
    });
  };
  f.combine = [ansi](uint8_t* target, const uint8_t* source, EvalContext&) {
    auto& t = stateAs<IntSum>(target);
    const auto& s = stateAs<IntSum>(source);
    if (!s.has) return;
    if (ansi) {
      if (__builtin_add_overflow(t.sum, s.sum, &t.sum)) throwLongOverflow("long");
    } else {
      t.sum = static_cast<int64_t>(static_cast<uint64_t>(t.sum) + static_cast<uint64_t>(s.sum));
    }
    t.has = true;
  };
  DataTypePtr rt = f.return_type;
  bool year_month = kind == SumKind::YearMonth;
  f.finalize = [rt, year_month](uint8_t* const* states, int64_t n, EvalContext&) {
    VectorPtr out = Vector::makeFlat(rt, n);
    for (int64_t i = 0; i < n; ++i) {
      const auto& s = stateAs<IntSum>(states[i]);
      if (!s.has) {
        out->setNull(i);
      } else if (year_month) {
        if (s.sum > INT32_MAX || s.sum < INT32_MIN) throwLongOverflow("integer");
        out->mutableValues<int32_t>()[i] = static_cast<int32_t>(s.sum);
      } else {
        out->mutableValues<int64_t>()[i] = s.sum;
      }
    }
    return out;
  };
  return f;
}

BoundAggregateFunction bindDoubleSum(const AggregateCall& call) {
  BoundAggregateFunction f;
  f.name = "sum";
  // Strings are cast to double by the analyzer (Spark's implicit cast);
  // other numeric arguments are read as double directly.
  f.arg_types = call.arg_types[0]->isNumeric() ? call.arg_types : std::vector<DataTypePtr>{DoubleType()};
  f.return_type = DoubleType();
  agg::setStateOps<DoubleSum>(f);
  f.update = [](const std::vector<VectorPtr>& args, int64_t n, uint8_t* const* states, EvalContext&) {
    agg::forEachValidAsDouble(*args[0], n, [&](int64_t i, double x) {
      auto& s = stateAs<DoubleSum>(states[i]);
      s.sum += x;
      s.has = true;
    });
  };
  // Same additions in the same order as update, so the same rounding.
  f.update_single = [](const std::vector<VectorPtr>& args, int64_t n, uint8_t* state, EvalContext&) {
    auto& s = stateAs<DoubleSum>(state);
    double sum = s.sum;
    bool has = s.has;
    agg::forEachValidAsDouble(*args[0], n, [&](int64_t, double x) {
      sum += x;
      has = true;
    });
    s.sum = sum;
    s.has = has;
  };
  f.combine = [](uint8_t* target, const uint8_t* source, EvalContext&) {
    auto& t = stateAs<DoubleSum>(target);
    const auto& s = stateAs<DoubleSum>(source);
    if (!s.has) return;
    t.sum += s.sum;
    t.has = true;
  };
  f.finalize = [](uint8_t* const* states, int64_t n, EvalContext&) {
    VectorPtr out = Vector::makeFlat(DoubleType(), n);
    double* v = out->mutableValues<double>();
    for (int64_t i = 0; i < n; ++i) {
      const auto& s = stateAs<DoubleSum>(states[i]);
      if (s.has) {
        v[i] = s.sum;
      } else {
        out->setNull(i);
      }
    }
    return out;
  };
  return f;
}

void updateDecimalSum(const Vector& v, int64_t n, uint8_t* const* states) {
  agg::forEachValid<int128_t>(v, n, [&](int64_t i, int128_t x) {
    auto& s = stateAs<DecimalSum>(states[i]);
    s.overflow |= __builtin_add_overflow(s.sum, x, &s.sum);
    s.has = true;
  });
}

void combineDecimalSum(uint8_t* target, const uint8_t* source) {
  auto& t = stateAs<DecimalSum>(target);
  const auto& s = stateAs<DecimalSum>(source);
  if (!s.has) return;
  t.overflow |= s.overflow || __builtin_add_overflow(t.sum, s.sum, &t.sum);
  t.has = true;
}

BoundAggregateFunction bindDecimalSum(const AggregateCall& call) {
  const DataType& t = *call.arg_types[0];
  BoundAggregateFunction f;
  f.name = "sum";
  f.arg_types = call.arg_types;
  int precision = std::min(DataType::kMaxDecimalPrecision, t.precision() + 10);
  f.return_type = DecimalType(precision, t.scale());
  agg::setStateOps<DecimalSum>(f);
  f.update = [](const std::vector<VectorPtr>& args, int64_t n, uint8_t* const* states, EvalContext&) {
    updateDecimalSum(*args[0], n, states);
  };
  f.combine = [](uint8_t* target, const uint8_t* source, EvalContext&) { combineDecimalSum(target, source); };
  DataTypePtr rt = f.return_type;
  bool ansi = call.ansi;
  f.finalize = [rt, precision, ansi](uint8_t* const* states, int64_t n, EvalContext&) {
    VectorPtr out = Vector::makeFlat(rt, n);
    int128_t* v = out->mutableValues<int128_t>();
    for (int64_t i = 0; i < n; ++i) {
      const auto& s = stateAs<DecimalSum>(states[i]);
      bool overflow = s.has && (s.overflow || !decimalFits(s.sum, precision));
      if (overflow && ansi) throwDecimalSumOverflow("sum");
      if (!s.has || overflow) {
        out->setNull(i);
      } else {
        v[i] = s.sum;
      }
    }
    return out;
  };
  return f;
}

// ---- avg ------------------------------------------------------------------

struct DoubleAvg {
  double sum = 0;
  int64_t count = 0;
};
struct DecimalAvg {
  DecimalSum sum;
  int64_t count = 0;
};

/// num / den with `extra_scale` more fractional digits, rounded HALF_UP;
/// sets `overflow` when the quotient leaves the int128 range.
int128_t divideHalfUp(int128_t num, int64_t den, int extra_scale, bool& overflow) {
  bool negative = num < 0;
  // |num| fits: num is below 10^38 in magnitude here.
  int128_t a = negative ? -num : num;
  int128_t q = a / den;
  int128_t r = a % den;
  for (int k = 0; k < extra_scale; ++k) {
    int128_t digit = (r * 10) / den;
    r = (r * 10) % den;
    if (__builtin_mul_overflow(q, static_cast<int128_t>(10), &q) || __builtin_add_overflow(q, digit, &q)) {
      overflow = true;
      return 0;
    }
  }
  if (2 * r >= den) ++q;
  return negative ? -q : q;
}

BoundAggregateFunction bindDoubleAvg(const AggregateCall& call) {
  BoundAggregateFunction f;
  f.name = "avg";
  f.arg_types = call.arg_types[0]->isNumeric() ? call.arg_types : std::vector<DataTypePtr>{DoubleType()};
  f.return_type = DoubleType();
  agg::setStateOps<DoubleAvg>(f);
  f.update = [](const std::vector<VectorPtr>& args, int64_t n, uint8_t* const* states, EvalContext&) {
    agg::forEachValidAsDouble(*args[0], n, [&](int64_t i, double x) {
      auto& s = stateAs<DoubleAvg>(states[i]);
      s.sum += x;
      ++s.count;
    });
  };
  f.combine = [](uint8_t* target, const uint8_t* source, EvalContext&) {
    auto& t = stateAs<DoubleAvg>(target);
    const auto& s = stateAs<DoubleAvg>(source);
    t.sum += s.sum;
    t.count += s.count;
  };
  f.finalize = [](uint8_t* const* states, int64_t n, EvalContext&) {
    VectorPtr out = Vector::makeFlat(DoubleType(), n);
    double* v = out->mutableValues<double>();
    for (int64_t i = 0; i < n; ++i) {
      const auto& s = stateAs<DoubleAvg>(states[i]);
      if (s.count == 0) {
        out->setNull(i);
      } else {
        v[i] = s.sum / static_cast<double>(s.count);
      }
    }
    return out;
  };
  return f;
}

BoundAggregateFunction bindDecimalAvg(const AggregateCall& call) {
  const DataType& t = *call.arg_types[0];
  BoundAggregateFunction f;
  f.name = "avg";
  f.arg_types = call.arg_types;
  int sum_precision = std::min(DataType::kMaxDecimalPrecision, t.precision() + 10);
  int precision = std::min(DataType::kMaxDecimalPrecision, t.precision() + 4);
  int scale = std::min(DataType::kMaxDecimalPrecision, t.scale() + 4);
  f.return_type = DecimalType(precision, scale);
  agg::setStateOps<DecimalAvg>(f);
  f.update = [](const std::vector<VectorPtr>& args, int64_t n, uint8_t* const* states, EvalContext&) {
    agg::forEachValid<int128_t>(*args[0], n, [&](int64_t i, int128_t x) {
      auto& s = stateAs<DecimalAvg>(states[i]);
      s.sum.overflow |= __builtin_add_overflow(s.sum.sum, x, &s.sum.sum);
      s.sum.has = true;
      ++s.count;
    });
  };
  f.combine = [](uint8_t* target, const uint8_t* source, EvalContext&) {
    auto& tg = stateAs<DecimalAvg>(target);
    const auto& s = stateAs<DecimalAvg>(source);
    combineDecimalSum(reinterpret_cast<uint8_t*>(&tg.sum), reinterpret_cast<const uint8_t*>(&s.sum));
    tg.count += s.count;
  };
  DataTypePtr rt = f.return_type;
  bool ansi = call.ansi;
  int extra = scale - t.scale();
  f.finalize = [rt, ansi, sum_precision, precision, extra](uint8_t* const* states, int64_t n, EvalContext&) {
    VectorPtr out = Vector::makeFlat(rt, n);
    int128_t* v = out->mutableValues<int128_t>();
    for (int64_t i = 0; i < n; ++i) {
      const auto& s = stateAs<DecimalAvg>(states[i]);
      if (s.count == 0) {
        out->setNull(i);
        continue;
      }
      bool overflow = s.sum.overflow || !decimalFits(s.sum.sum, sum_precision);
      int128_t q = overflow ? 0 : divideHalfUp(s.sum.sum, s.count, extra, overflow);
      overflow = overflow || !decimalFits(q, precision);
      if (overflow && ansi) throwDecimalSumOverflow("avg");
      if (overflow) {
        out->setNull(i);
      } else {
        v[i] = q;
      }
    }
    return out;
  };
  return f;
}

}  // namespace

BoundAggregateFunction bindSum(const AggregateCall& call) {
  switch (sumKindOf(call, true)) {
    case SumKind::Integral: return bindIntegralSum(call, SumKind::Integral);
    case SumKind::YearMonth: return bindIntegralSum(call, SumKind::YearMonth);
    case SumKind::DayTime: return bindIntegralSum(call, SumKind::DayTime);
    case SumKind::Decimal: return bindDecimalSum(call);
    case SumKind::Floating: return bindDoubleSum(call);
  }
  throw InternalException("sum: unknown kind");
}

BoundAggregateFunction bindAvg(const AggregateCall& call) {
  if (sumKindOf(call, false) == SumKind::Decimal) return bindDecimalAvg(call);
  return bindDoubleAvg(call);
}

void registerSumAvgAggregates(FunctionRegistry& registry) {
  agg::addAggregateByName(registry, "sum", "sum(expr) - Returns the sum calculated from values of a group.");
  agg::addAggregateByName(registry, "avg", "avg(expr) - Returns the mean calculated from values of a group.");
  agg::addAggregateByName(registry, "mean", "mean(expr) - Returns the mean calculated from values of a group.");
}

}  // namespace loch

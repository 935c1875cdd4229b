// percentile_approx(col, percentage[, accuracy]) / approx_percentile.
// Spark answers from a Greenwald-Khanna summary with error 1 / accuracy;
// its answer is always an actual input value: the smallest value v of the
// group's non-NULL values such that v's rank is >= ceil(p * n) (rank 1 for
// p = 0). Loch keeps every value and answers that rank exactly, which is
// within any accuracy Spark guarantees (the accuracy argument is validated
// and otherwise unused). Result: the input's type, or ARRAY of it when
// `percentage` is an array literal; NULL for a group without non-NULL
// values. Inputs: numeric, DATE, TIMESTAMP, TIMESTAMP_NTZ and ANSI
// intervals; NaN sorts largest.

#include <algorithm>
#include <cmath>
#include <vector>

#include "loch/function/aggregate/aggregate_util.h"

namespace loch {

namespace {

using agg::stateAs;

template <class T>
struct SampleState {
  std::vector<T> values;
};

[[noreturn]] void throwPercentage(const AggregateCall& call, const std::string& detail) {
  throw AnalysisException("DATATYPE_MISMATCH.VALUE_OUT_OF_RANGE",
                          "Cannot resolve \"" + call.name + "\" due to data type mismatch: " + detail);
}

double numericLiteral(const AggregateCall& call, const Value& v, size_t arg) {
  const DataType& t = *v.type();
  if (t.isFloating()) return v.getDouble();
  if (t.id() == TypeId::Decimal) return decimalToDouble(v.getDecimal(), t.scale());
  if (t.isIntegral()) return static_cast<double>(v.getLong());
  agg::throwBadInputType(call.name, arg, t, arg == 2 ? "(\"DOUBLE\" or \"ARRAY<DOUBLE>\")" : "\"INT\"");
}

/// Percentages of argument 2 (literal, each in [0, 1]).
std::vector<double> approxPercentages(const AggregateCall& call, bool& is_array) {
  const Value* lit = call.literal(1);
  if (!lit || lit->isNull()) {
    throw AnalysisException("DATATYPE_MISMATCH.NON_FOLDABLE_INPUT",
                            "Cannot resolve \"" + call.name +
                                "\" due to data type mismatch: the input percentage should be a non-NULL foldable "
                                "\"DOUBLE\" or \"ARRAY<DOUBLE>\" expression.");
  }
  std::vector<double> ps;
  is_array = lit->type()->id() == TypeId::Array;
  if (is_array) {
    for (const Value& e : lit->children()) {
      if (e.isNull()) throwPercentage(call, "The percentage must not be null.");
      ps.push_back(numericLiteral(call, e, 2));
    }
  } else {
    ps.push_back(numericLiteral(call, *lit, 2));
  }
  for (double p : ps)
    if (!(p >= 0.0 && p <= 1.0))
      throwPercentage(call, "The percentage must be between [0.0, 1.0] (current value = " + javaDoubleString(p) + ").");
  return ps;
}

void checkAccuracy(const AggregateCall& call) {
  if (call.arg_types.size() < 3) return;
  const Value* lit = call.literal(2);
  if (!lit || lit->isNull() || !lit->type()->isIntegral()) {
    agg::throwBadInputType(call.name, 3, *call.arg_types[2], "foldable \"INT\"");
  }
  int64_t a = lit->getLong();
  if (a <= 0 || a > INT32_MAX) {
    throwPercentage(call, "The accuracy must be between [1, 2147483647] (current value = " + std::to_string(a) + ").");
  }
}

/// Spark's answer: the value of rank max(1, ceil(p * n)) in sorted order
/// (0-based position returned).
size_t rankIndex(size_t count, double p) {
  auto rank = static_cast<size_t>(std::max(1.0, std::ceil(p * static_cast<double>(count))));
  return std::min(rank, count) - 1;
}

/// The values at the ranks of `ps` (same order as `ps`), by selection
/// rather than a full sort: nth_element on the ranks in ascending order,
/// each on the part above the previous one (O(n) per percentage).
/// Reorders `vals`; requires it non-empty.
template <class T>
std::vector<T> valuesAtRanks(std::vector<T>& vals, const std::vector<double>& ps) {
  std::vector<size_t> order(ps.size());
  for (size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::sort(order.begin(), order.end(), [&](size_t a, size_t b) { return ps[a] < ps[b]; });
  std::vector<T> out(ps.size());
  size_t from = 0;
  for (size_t i : order) {
    size_t k = rankIndex(vals.size(), ps[i]);
    if (k >= from) {
      std::nth_element(vals.begin() + static_cast<std::ptrdiff_t>(from), vals.begin() + static_cast<std::ptrdiff_t>(k),
                       vals.end(), agg::orderLess<T>);
      from = k;
    }
    out[i] = vals[k];
  }
  return out;
}

template <class T>
Value toValue(const DataTypePtr& type, T v) {
  if constexpr (std::is_same_v<T, double>) {
    return Value::doubleValue(v);
  } else if constexpr (std::is_same_v<T, float>) {
    return Value::floatValue(v);
  } else if constexpr (std::is_same_v<T, int128_t>) {
    return Value::decimal(v, type->precision(), type->scale());
  } else {
    return Value::fromInt(type, static_cast<int64_t>(v));
  }
}

template <class T>
BoundAggregateFunction makeApproxPercentile(const AggregateCall& call, std::vector<double> ps, bool is_array) {
  BoundAggregateFunction f;
  f.name = call.name;
  f.arg_types = call.arg_types;
  DataTypePtr type = call.arg_types[0];
  f.return_type = is_array ? ArrayType(type, false) : type;
  agg::setStateOps<SampleState<T>>(f);
  f.update = [](const std::vector<VectorPtr>& args, int64_t n, uint8_t* const* states, EvalContext&) {
    agg::forEachValid<T>(*args[0], n, [&](int64_t i, T x) { stateAs<SampleState<T>>(states[i]).values.push_back(x); });
  };
  f.combine = [](uint8_t* target, const uint8_t* source, EvalContext&) {
    auto& a = stateAs<SampleState<T>>(target).values;
    const auto& b = stateAs<SampleState<T>>(source).values;
    a.insert(a.end(), b.begin(), b.end());
  };
  DataTypePtr ret = f.return_type;
  f.finalize = [ps = std::move(ps), is_array, type, ret](uint8_t* const* states, int64_t n, EvalContext&) {
    std::vector<agg::ValueSlot> slots(is_array ? 0 : static_cast<size_t>(n));
    std::vector<const agg::ValueSlot*> ptrs(slots.size());
    std::vector<Value> rows;
    for (int64_t i = 0; i < n; ++i) {
      auto& vals = stateAs<SampleState<T>>(states[i]).values;
      if (is_array) {
        if (vals.empty()) {
          rows.push_back(Value::null(ret));
          continue;
        }
        std::vector<Value> elems;
        for (const T& v : valuesAtRanks(vals, ps)) elems.push_back(toValue<T>(type, v));
        rows.push_back(Value::array(ret, std::move(elems)));
        continue;
      }
      auto& slot = slots[static_cast<size_t>(i)];
      ptrs[static_cast<size_t>(i)] = &slot;
      if (vals.empty()) continue;
      slot.is_null = false;
      T v = valuesAtRanks(vals, ps)[0];
      std::memcpy(slot.fixed, &v, sizeof(T));
    }
    if (is_array) return Vector::fromValues(ret, rows);
    return agg::slotsToVector(ret, ptrs.data(), n);
  };
  return f;
}

bool approxPercentileInput(const DataType& t) {
  switch (t.id()) {
    case TypeId::Date:
    case TypeId::Timestamp:
    case TypeId::TimestampNTZ:
    case TypeId::YearMonthInterval:
    case TypeId::DayTimeInterval: return true;
    default: return t.isNumeric();
  }
}

}  // namespace

BoundAggregateFunction bindApproxPercentile(const AggregateCall& call) {
  agg::checkArgCount(call, 2, 3);
  const DataType& t = *call.arg_types[0];
  if (!approxPercentileInput(t))
    agg::throwBadInputType(call.name, 1, t, "(\"NUMERIC\" or \"DATE\" or \"TIMESTAMP\" or \"ANSI INTERVAL\")");
  bool is_array = false;
  std::vector<double> ps = approxPercentages(call, is_array);
  checkAccuracy(call);
  return agg::dispatchFixed(
      t.id(), [&]<class T>() { return makeApproxPercentile<T>(call, std::move(ps), is_array); });
}

void registerApproxPercentileAggregates(FunctionRegistry& registry) {
  const std::string usage =
      "percentile_approx(col, percentage [, accuracy]) - Returns the smallest value of `col` such that no more "
      "than `percentage` of `col` values is less than the value or equal to that value (exact in Loch).";
  agg::addAggregateByName(registry, "percentile_approx", usage);
  agg::addAggregateByName(registry, "approx_percentile", usage);
}

}  // namespace loch

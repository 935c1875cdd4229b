// mode(col[, deterministic]): the most frequent non-NULL value of a group,
// of the input's type; NULL for a group without non-NULL values (Spark's
// Mode). Ties: Spark 4 returns an arbitrary one of the most frequent values
// unless `deterministic` is true, when it returns the lowest; Loch always
// returns the lowest (Spark's ordering: NaN largest, strings as unsigned
// bytes), which is a valid answer in both cases and independent of how rows
// were split between threads. Values are equal when their bits are (NaN
// equals NaN; -0.0 and 0.0 differ, as Java's equals on Spark's boxed keys).
// Supported inputs: fixed-width types and STRING/BINARY.

#include <unordered_map>

#include "loch/function/aggregate/aggregate_util.h"

namespace loch {

namespace {

using agg::stateAs;

template <class T>
struct KeyHash {
  size_t operator()(const T& v) const {
    if constexpr (std::is_same_v<T, std::string>) {
      return std::hash<std::string>()(v);
    } else {
      char raw[sizeof(T)];
      std::memcpy(raw, &v, sizeof(T));
      return std::hash<std::string_view>()(std::string_view(raw, sizeof(T)));
    }
  }
};
template <class T>
struct KeyEqual {
  bool operator()(const T& a, const T& b) const {
    if constexpr (std::is_same_v<T, std::string>) {
      return a == b;
    } else {
      return std::memcmp(&a, &b, sizeof(T)) == 0;
    }
  }
};

template <class T>
struct ModeState {
  std::unordered_map<T, int64_t, KeyHash<T>, KeyEqual<T>> counts;
};

/// Most frequent key, lowest on ties; nullptr when empty.
template <class T>
const T* bestKey(const ModeState<T>& s) {
  const T* best = nullptr;
  int64_t best_count = 0;
  for (const auto& [k, c] : s.counts) {
    if (c > best_count || (c == best_count && agg::orderLess(k, *best))) {
      best = &k;
      best_count = c;
    }
  }
  return best;
}

template <class T>
BoundAggregateFunction makeMode(const AggregateCall& call) {
  using Read = std::conditional_t<std::is_same_v<T, std::string>, std::string_view, T>;
  BoundAggregateFunction f;
  f.name = call.name;
  f.arg_types = call.arg_types;
  f.return_type = call.arg_types[0];
  agg::setStateOps<ModeState<T>>(f);
  f.update = [](const std::vector<VectorPtr>& args, int64_t n, uint8_t* const* states, EvalContext&) {
    agg::forEachValid<Read>(*args[0], n, [&](int64_t i, Read x) { ++stateAs<ModeState<T>>(states[i]).counts[T(x)]; });
  };
  f.combine = [](uint8_t* target, const uint8_t* source, EvalContext&) {
    auto& a = stateAs<ModeState<T>>(target).counts;
    for (const auto& [k, c] : stateAs<ModeState<T>>(source).counts) a[k] += c;
  };
  DataTypePtr type = f.return_type;
  f.finalize = [type](uint8_t* const* states, int64_t n, EvalContext&) {
    std::vector<agg::ValueSlot> slots(static_cast<size_t>(n));
    std::vector<const agg::ValueSlot*> ptrs(static_cast<size_t>(n));
    for (int64_t i = 0; i < n; ++i) {
      auto& slot = slots[static_cast<size_t>(i)];
      ptrs[static_cast<size_t>(i)] = &slot;
      const T* best = bestKey(stateAs<ModeState<T>>(states[i]));
      if (!best) continue;
      slot.is_null = false;
      if constexpr (std::is_same_v<T, std::string>) {
        slot.bytes = *best;
      } else {
        std::memcpy(slot.fixed, best, sizeof(T));
      }
    }
    return agg::slotsToVector(type, ptrs.data(), n);
  };
  return f;
}

}  // namespace

BoundAggregateFunction bindMode(const AggregateCall& call) {
  agg::checkArgCount(call, 1, 2);
  if (call.arg_types.size() == 2) {
    const Value* det = call.literal(1);
    if (!det || det->isNull() || det->type()->id() != TypeId::Boolean)
      agg::throwBadInputType(call.name, 2, *call.arg_types[1], "\"BOOLEAN\" literal");
  }
  const DataType& t = *call.arg_types[0];
  if (t.isStringLike()) return makeMode<std::string>(call);
  if (t.id() == TypeId::Null) return makeMode<int8_t>(call);  // no valid rows: always NULL
  if (t.fixedWidth() <= 0) agg::throwBadInputType(call.name, 1, t, "orderable atomic");
  return agg::dispatchFixed(t.id(), [&]<class T>() { return makeMode<T>(call); });
}

void registerModeAggregates(FunctionRegistry& registry) {
  agg::addAggregateByName(registry, "mode",
                          "mode(col[, deterministic]) - Returns the most frequent value for the values within `col`; "
                          "NULL values are ignored. Ties give the lowest value.");
}

}  // namespace loch

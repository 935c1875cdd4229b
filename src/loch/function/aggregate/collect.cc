// collect_list(expr) / array_agg(expr) and collect_set(expr).
// Spark: NULLs are skipped; the result is ARRAY<type> without NULL
// elements; an empty group gives an empty array (never NULL).
// Order: collect_list keeps the order in which one worker saw the rows;
// partial lists from several workers are concatenated in worker order, so
// the order across morsels depends on scheduling (Spark documents the order
// as non-deterministic too). collect_set keeps first-seen order; elements
// are equal when their bits are (NaN equals NaN; -0.0 and 0.0 differ, as
// Java's Double.equals used by Spark's set).

#include <unordered_set>

#include "loch/function/aggregate/aggregate_util.h"

namespace loch {

namespace {

using agg::stateAs;

template <class T>
struct BitsHash {
  size_t operator()(const T& v) const {
    if constexpr (std::is_same_v<T, std::string>) {
      return std::hash<std::string>()(v);
    } else {
      unsigned char raw[sizeof(T)];
      std::memcpy(raw, &v, sizeof(T));
      return std::hash<std::string_view>()(std::string_view(reinterpret_cast<const char*>(raw), sizeof(T)));
    }
  }
};
template <class T>
struct BitsEqual {
  bool operator()(const T& a, const T& b) const {
    if constexpr (std::is_same_v<T, std::string>) {
      return a == b;
    } else {
      return std::memcmp(&a, &b, sizeof(T)) == 0;
    }
  }
};

template <class T>
struct ListState {
  std::vector<T> items;
  std::unique_ptr<std::unordered_set<T, BitsHash<T>, BitsEqual<T>>> seen;  // collect_set only

  void add(const T& v, bool is_set) {
    if (is_set) {
      if (!seen) seen = std::make_unique<std::unordered_set<T, BitsHash<T>, BitsEqual<T>>>();
      if (!seen->insert(v).second) return;
    }
    items.push_back(v);
  }
};

template <class T>
T canonical(T v) {
  if constexpr (std::is_floating_point_v<T>) {
    if (std::isnan(v)) return std::numeric_limits<T>::quiet_NaN();
  }
  return v;
}

template <class T>
void bindCollectOf(BoundAggregateFunction& f, bool is_set) {
  using S = ListState<T>;
  agg::setStateOps<S>(f);
  DataTypePtr elem = f.arg_types[0];
  TypeId id = elem->id();
  f.update = [is_set](const std::vector<VectorPtr>& args, int64_t n, uint8_t* const* states, EvalContext&) {
    if constexpr (std::is_same_v<T, std::string>) {
      agg::forEachValid<std::string_view>(*args[0], n, [&](int64_t i, std::string_view v) {
        stateAs<S>(states[i]).add(std::string(v), is_set);
      });
    } else {
      agg::forEachValid<T>(*args[0], n, [&](int64_t i, T v) { stateAs<S>(states[i]).add(canonical(v), is_set); });
    }
  };
  f.combine = [is_set](uint8_t* target, const uint8_t* source, EvalContext&) {
    auto& t = stateAs<S>(target);
    for (const T& v : stateAs<S>(source).items) t.add(v, is_set);
  };
  DataTypePtr rt = f.return_type;
  f.finalize = [rt, id](uint8_t* const* states, int64_t n, EvalContext&) {
    VectorBuilder b(rt, n);
    VectorBuilder& e = b.elements();
    for (int64_t i = 0; i < n; ++i) {
      for (const T& v : stateAs<S>(states[i]).items) {
        if constexpr (std::is_same_v<T, std::string>) {
          e.appendString(v);
        } else {
          agg::appendFixedBits(e, id, &v);
        }
      }
      b.finishList();
    }
    return b.finish();
  };
}

// Nested element types: kept as Values (slow path).
struct ValueListState {
  std::vector<Value> items;
};

void bindCollectNested(BoundAggregateFunction& f, bool is_set) {
  using S = ValueListState;
  agg::setStateOps<S>(f);
  auto add = [is_set](S& s, const Value& v) {
    if (is_set)
      for (const Value& x : s.items)
        if (x == v) return;
    s.items.push_back(v);
  };
  f.update = [add](const std::vector<VectorPtr>& args, int64_t n, uint8_t* const* states, EvalContext&) {
    const Vector& v = *args[0];
    for (int64_t i = 0; i < n; ++i)
      if (!v.isNull(i)) add(stateAs<S>(states[i]), v.getValue(i));
  };
  f.combine = [add](uint8_t* target, const uint8_t* source, EvalContext&) {
    for (const Value& v : stateAs<S>(source).items) add(stateAs<S>(target), v);
  };
  DataTypePtr rt = f.return_type;
  f.finalize = [rt](uint8_t* const* states, int64_t n, EvalContext&) {
    VectorBuilder b(rt, n);
    for (int64_t i = 0; i < n; ++i) {
      for (const Value& v : stateAs<S>(states[i]).items) b.elements().appendValue(v);
      b.finishList();
    }
    return b.finish();
  };
}

}  // namespace

BoundAggregateFunction bindCollect(const AggregateCall& call, bool is_set) {
  agg::checkArgCount(call, 1, 1);
  BoundAggregateFunction f;
  f.name = call.name;
  f.arg_types = call.arg_types;
  const DataTypePtr& elem = call.arg_types[0];
  if (is_set && elem->id() == TypeId::Map)
    throw AnalysisException("DATATYPE_MISMATCH.INVALID_MAP_KEY_TYPE",
                            "Cannot resolve \"collect_set\" due to data type mismatch: collect_set() cannot have map "
                            "type data.");
  f.return_type = ArrayType(elem, false);
  f.nullable = false;
  switch (agg::slotKindOf(*elem)) {
    case agg::SlotKind::Fixed:
      agg::dispatchFixed(elem->id(), [&]<class T>() { bindCollectOf<T>(f, is_set); });
      break;
    case agg::SlotKind::String: bindCollectOf<std::string>(f, is_set); break;
    case agg::SlotKind::Null:
    case agg::SlotKind::Nested: bindCollectNested(f, is_set); break;
  }
  return f;
}

void registerCollectAggregates(FunctionRegistry& registry) {
  agg::addAggregateByName(registry, "collect_list",
                          "collect_list(expr) - Collects and returns a list of non-unique elements.");
  agg::addAggregateByName(registry, "array_agg", "array_agg(expr) - Collects and returns a list of non-unique elements.");
  agg::addAggregateByName(registry, "collect_set",
                          "collect_set(expr) - Collects and returns a set of unique elements.");
}

}  // namespace loch

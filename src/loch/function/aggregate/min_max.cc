// min(expr), max(expr), min_by(x, ord), max_by(x, ord).
// Spark orders values of one type: numbers numerically (NaN above every
// other double, -0.0 == 0.0), strings and binary by unsigned bytes,
// booleans false < true, dates/timestamps chronologically. NULLs are
// skipped; a group with no non-NULL value gives NULL. On ties the value
// seen first is kept (max_by/min_by return the x of the first row with the
// extreme ordering value, as Spark's strict comparison does within a task).

#include "loch/function/aggregate/aggregate_util.h"

namespace loch {

namespace {

using agg::stateAs;

template <class T>
struct FixedExtreme {
  T value{};
  bool has = false;
};
struct StringExtreme {
  std::string value;
  bool has = false;
};

template <bool kMax, class T>
inline bool better(const T& candidate, const T& current) {
  if constexpr (kMax) {
    return agg::orderLess(current, candidate);
  } else {
    return agg::orderLess(candidate, current);
  }
}

bool orderable(const DataType& t) {
  if (t.id() == TypeId::Map) return false;
  if (t.id() == TypeId::Array) return orderable(*t.elementType());
  if (t.id() == TypeId::Struct) {
    for (const auto& f : t.fields())
      if (!orderable(*f.type)) return false;
  }
  return true;
}

/// Spark's ordering of arrays and structs (element-/field-wise, NULL before
/// any value, then the shorter array first), on Values: nested min/max is
/// a slow path.
int compareValues(const Value& a, const Value& b, const DataType& t) {
  if (a.isNull() || b.isNull()) return a.isNull() == b.isNull() ? 0 : (a.isNull() ? -1 : 1);
  switch (t.id()) {
    case TypeId::Array:
    case TypeId::Struct: {
      const auto& x = a.children();
      const auto& y = b.children();
      size_t n = std::min(x.size(), y.size());
      for (size_t i = 0; i < n; ++i) {
        const DataType& et = t.id() == TypeId::Array ? *t.elementType() : *t.fields()[i].type;
        int c = compareValues(x[i], y[i], et);
        if (c != 0) return c;
      }
      return x.size() == y.size() ? 0 : (x.size() < y.size() ? -1 : 1);
    }
    case TypeId::Boolean: return static_cast<int>(a.getBool()) - static_cast<int>(b.getBool());
    case TypeId::Float:
    case TypeId::Double: {
      double x = a.getDouble(), y = b.getDouble();
      return agg::orderLess(x, y) ? -1 : (agg::orderLess(y, x) ? 1 : 0);
    }
    case TypeId::Decimal: return a.getDecimal() < b.getDecimal() ? -1 : (b.getDecimal() < a.getDecimal() ? 1 : 0);
    case TypeId::String:
    case TypeId::Binary: {
      int c = std::string_view(a.getString()).compare(std::string_view(b.getString()));
      return c < 0 ? -1 : (c > 0 ? 1 : 0);
    }
    default: return a.getLong() < b.getLong() ? -1 : (b.getLong() < a.getLong() ? 1 : 0);
  }
}

struct NestedExtreme {
  std::unique_ptr<Value> value;
};

template <bool kMax>
void bindNestedExtreme(BoundAggregateFunction& f) {
  using S = NestedExtreme;
  agg::setStateOps<S>(f);
  DataTypePtr type = f.return_type;
  auto better_value = [type](const Value& candidate, const Value& current) {
    int c = compareValues(candidate, current, *type);
    return kMax ? c > 0 : c < 0;
  };
  f.update = [better_value](const std::vector<VectorPtr>& args, int64_t n, uint8_t* const* states, EvalContext&) {
    const Vector& v = *args[0];
    for (int64_t i = 0; i < n; ++i) {
      if (v.isNull(i)) continue;
      auto& s = stateAs<S>(states[i]);
      Value x = v.getValue(i);
      if (!s.value || better_value(x, *s.value)) s.value = std::make_unique<Value>(std::move(x));
    }
  };
  f.combine = [better_value](uint8_t* target, const uint8_t* source, EvalContext&) {
    auto& t = stateAs<S>(target);
    const auto& s = stateAs<S>(source);
    if (s.value && (!t.value || better_value(*s.value, *t.value))) t.value = std::make_unique<Value>(*s.value);
  };
  f.finalize = [type](uint8_t* const* states, int64_t n, EvalContext&) {
    VectorBuilder b(type, n);
    for (int64_t i = 0; i < n; ++i) {
      const auto& s = stateAs<S>(states[i]);
      if (s.value) {
        b.appendValue(*s.value);
      } else {
        b.appendNull();
      }
    }
    return b.finish();
  };
}

void checkOrderable(const AggregateCall& call, size_t arg) {
  const DataType& t = *call.arg_types[arg];
  if (!orderable(t))
    throw AnalysisException("DATATYPE_MISMATCH.INVALID_ORDERING_TYPE",
                            "Cannot resolve \"" + call.name + "\" due to data type mismatch: The `" + call.name +
                                "` does not support ordering on type \"" + t.sql() + "\".");
}

template <bool kMax, class T>
void bindFixedExtreme(BoundAggregateFunction& f) {
  using S = FixedExtreme<T>;
  agg::setStateOps<S>(f);
  f.update = [](const std::vector<VectorPtr>& args, int64_t n, uint8_t* const* states, EvalContext&) {
    agg::forEachValid<T>(*args[0], n, [&](int64_t i, T x) {
      auto& s = stateAs<S>(states[i]);
      if (!s.has || better<kMax>(x, s.value)) {
        s.value = x;
        s.has = true;
      }
    });
  };
  f.update_single = [](const std::vector<VectorPtr>& args, int64_t n, uint8_t* state, EvalContext&) {
    auto& s = stateAs<S>(state);
    S local = s;
    agg::forEachValid<T>(*args[0], n, [&](int64_t, T x) {
      if (!local.has || better<kMax>(x, local.value)) {
        local.value = x;
        local.has = true;
      }
    });
    s = local;
  };
  f.combine = [](uint8_t* target, const uint8_t* source, EvalContext&) {
    auto& t = stateAs<S>(target);
    const auto& s = stateAs<S>(source);
    if (s.has && (!t.has || better<kMax>(s.value, t.value))) t = s;
  };
  DataTypePtr rt = f.return_type;
  f.finalize = [rt](uint8_t* const* states, int64_t n, EvalContext&) {
    VectorPtr out = Vector::makeFlat(rt, n);
    T* v = out->mutableValues<T>();
    for (int64_t i = 0; i < n; ++i) {
      const auto& s = stateAs<S>(states[i]);
      if (s.has) {
        v[i] = s.value;
      } else {
        out->setNull(i);
      }
    }
    return out;
  };
}

template <bool kMax>
void bindStringExtreme(BoundAggregateFunction& f) {
  using S = StringExtreme;
  agg::setStateOps<S>(f);
  f.update = [](const std::vector<VectorPtr>& args, int64_t n, uint8_t* const* states, EvalContext&) {
    agg::forEachValid<std::string_view>(*args[0], n, [&](int64_t i, std::string_view x) {
      auto& s = stateAs<S>(states[i]);
      if (!s.has || better<kMax>(x, std::string_view(s.value))) {
        s.value.assign(x.data(), x.size());
        s.has = true;
      }
    });
  };
  f.combine = [](uint8_t* target, const uint8_t* source, EvalContext&) {
    auto& t = stateAs<S>(target);
    const auto& s = stateAs<S>(source);
    if (s.has && (!t.has || better<kMax>(std::string_view(s.value), std::string_view(t.value)))) t = s;
  };
  DataTypePtr rt = f.return_type;
  f.finalize = [rt](uint8_t* const* states, int64_t n, EvalContext&) {
    VectorBuilder b(rt, n);
    for (int64_t i = 0; i < n; ++i) {
      const auto& s = stateAs<S>(states[i]);
      if (s.has) {
        b.appendString(s.value);
      } else {
        b.appendNull();
      }
    }
    return b.finish();
  };
}

template <bool kMax>
BoundAggregateFunction bindExtreme(const AggregateCall& call) {
  agg::checkArgCount(call, 1, 1);
  checkOrderable(call, 0);
  BoundAggregateFunction f;
  f.name = kMax ? "max" : "min";
  f.arg_types = call.arg_types;
  f.return_type = call.arg_types[0];
  TypeId id = f.return_type->id();
  if (id == TypeId::Null) {
    agg::setStateOps<bool>(f);
    f.update = [](const std::vector<VectorPtr>&, int64_t, uint8_t* const*, EvalContext&) {};
    f.combine = [](uint8_t*, const uint8_t*, EvalContext&) {};
    f.finalize = [](uint8_t* const*, int64_t n, EvalContext&) { return Vector::makeNull(NullType(), n); };
  } else if (f.return_type->isStringLike()) {
    bindStringExtreme<kMax>(f);
  } else if (f.return_type->isNested()) {
    bindNestedExtreme<kMax>(f);
  } else {
    agg::dispatchFixed(id, [&]<class T>() { bindFixedExtreme<kMax, T>(f); });
  }
  return f;
}

// ---- max_by / min_by ---------------------------------------------------------

template <class Ord>
struct ByState {
  Ord ord{};
  bool has = false;
  agg::ValueSlot value;
};

template <bool kMax, class Ord>
void bindBy(BoundAggregateFunction& f) {
  using S = ByState<Ord>;
  agg::setStateOps<S>(f);
  agg::SlotKind kind = agg::slotKindOf(*f.arg_types[0]);
  int width = f.arg_types[0]->fixedWidth();
  f.update = [kind, width](const std::vector<VectorPtr>& args, int64_t n, uint8_t* const* states, EvalContext&) {
    DecodedVector x(*args[0]);
    using View = std::conditional_t<std::is_same_v<Ord, std::string>, std::string_view, Ord>;
    agg::forEachValid<View>(*args[1], n, [&](int64_t i, View y) {
      auto& s = stateAs<S>(states[i]);
      if (!s.has || better<kMax>(y, View(s.ord))) {
        s.ord = Ord(y);
        s.has = true;
        s.value.assign(x, i, kind, width);
      }
    });
  };
  f.combine = [kind, width](uint8_t* target, const uint8_t* source, EvalContext&) {
    auto& t = stateAs<S>(target);
    const auto& s = stateAs<S>(source);
    if (s.has && (!t.has || better<kMax>(s.ord, t.ord))) {
      t.ord = s.ord;
      t.has = true;
      t.value.assign(s.value, kind, width);
    }
  };
  DataTypePtr rt = f.return_type;
  f.finalize = [rt](uint8_t* const* states, int64_t n, EvalContext&) {
    std::vector<const agg::ValueSlot*> slots(static_cast<size_t>(n));
    for (int64_t i = 0; i < n; ++i) {
      const auto& s = stateAs<S>(states[i]);
      slots[static_cast<size_t>(i)] = s.has ? &s.value : nullptr;
    }
    return agg::slotsToVector(rt, slots.data(), n);
  };
}

template <bool kMax>
BoundAggregateFunction bindExtremeBy(const AggregateCall& call) {
  agg::checkArgCount(call, 2, 2);
  checkOrderable(call, 1);
  BoundAggregateFunction f;
  f.name = kMax ? "max_by" : "min_by";
  f.arg_types = call.arg_types;
  f.return_type = call.arg_types[0];
  TypeId ord = call.arg_types[1]->id();
  if (ord == TypeId::Null) {
    agg::setStateOps<bool>(f);
    f.update = [](const std::vector<VectorPtr>&, int64_t, uint8_t* const*, EvalContext&) {};
    f.combine = [](uint8_t*, const uint8_t*, EvalContext&) {};
    DataTypePtr rt = f.return_type;
    f.finalize = [rt](uint8_t* const*, int64_t n, EvalContext&) { return Vector::makeNull(rt, n); };
  } else if (call.arg_types[1]->isStringLike()) {
    bindBy<kMax, std::string>(f);
  } else if (call.arg_types[1]->isNested()) {
    throw UnsupportedException("`" + call.name + "` with an ordering of type " + call.arg_types[1]->sql() +
                               " is not supported yet.");
  } else {
    agg::dispatchFixed(ord, [&]<class T>() { bindBy<kMax, T>(f); });
  }
  return f;
}

}  // namespace

BoundAggregateFunction bindMinMax(const AggregateCall& call, bool is_max) {
  return is_max ? bindExtreme<true>(call) : bindExtreme<false>(call);
}

BoundAggregateFunction bindMinMaxBy(const AggregateCall& call, bool is_max) {
  return is_max ? bindExtremeBy<true>(call) : bindExtremeBy<false>(call);
}

void registerMinMaxAggregates(FunctionRegistry& registry) {
  agg::addAggregateByName(registry, "min", "min(expr) - Returns the minimum value of `expr`.");
  agg::addAggregateByName(registry, "max", "max(expr) - Returns the maximum value of `expr`.");
  agg::addAggregateByName(registry, "min_by", "min_by(x, y) - Returns the value of `x` associated with the minimum value of `y`.");
  agg::addAggregateByName(registry, "max_by", "max_by(x, y) - Returns the value of `x` associated with the maximum value of `y`.");
}

}  // namespace loch

// bool_and(expr) / every(expr) and bool_or(expr) / some(expr) / any(expr).
// Spark: the argument must be BOOLEAN; NULLs are skipped; a group with no
// non-NULL value gives NULL.

#include "loch/function/aggregate/aggregate_util.h"

namespace loch {

namespace {

using agg::stateAs;

struct BoolState {
  uint8_t value = 0;
  bool has = false;
};

}  // namespace

BoundAggregateFunction bindBoolAgg(const AggregateCall& call, bool is_and) {
  agg::checkArgCount(call, 1, 1);
  TypeId t = call.arg_types[0]->id();
  if (t != TypeId::Boolean && t != TypeId::Null) agg::throwBadInputType(call.name, 1, *call.arg_types[0], "\"BOOLEAN\"");
  BoundAggregateFunction f;
  f.name = call.name;
  f.arg_types = {BooleanType()};
  f.return_type = BooleanType();
  agg::setStateOps<BoolState>(f);
  if (is_and) {
    f.init = [](uint8_t* s) { ::new (static_cast<void*>(s)) BoolState{1, false}; };
  }
  f.update = [is_and](const std::vector<VectorPtr>& args, int64_t n, uint8_t* const* states, EvalContext&) {
    if (is_and) {
      agg::forEachValid<uint8_t>(*args[0], n, [&](int64_t i, uint8_t v) {
        auto& s = stateAs<BoolState>(states[i]);
        s.value &= static_cast<uint8_t>(v != 0);
        s.has = true;
      });
    } else {
      agg::forEachValid<uint8_t>(*args[0], n, [&](int64_t i, uint8_t v) {
        auto& s = stateAs<BoolState>(states[i]);
        s.value |= static_cast<uint8_t>(v != 0);
        s.has = true;
      });
    }
  };
  f.combine = [is_and](uint8_t* target, const uint8_t* source, EvalContext&) {
    auto& t = stateAs<BoolState>(target);
    const auto& s = stateAs<BoolState>(source);
    if (!s.has) return;
    t.value = is_and ? (t.value & s.value) : (t.value | s.value);
    t.has = true;
  };
  f.finalize = [](uint8_t* const* states, int64_t n, EvalContext&) {
    VectorPtr out = Vector::makeFlat(BooleanType(), n);
    uint8_t* v = out->mutableValues<uint8_t>();
    for (int64_t i = 0; i < n; ++i) {
      const auto& s = stateAs<BoolState>(states[i]);
      if (s.has) {
        v[i] = s.value;
      } else {
        out->setNull(i);
      }
    }
    return out;
  };
  return f;
}

void registerBoolAggregates(FunctionRegistry& registry) {
  const char* and_usage = "bool_and(expr) - Returns true if all values of `expr` are true.";
  const char* or_usage = "bool_or(expr) - Returns true if at least one value of `expr` is true.";
  agg::addAggregateByName(registry, "bool_and", and_usage);
  agg::addAggregateByName(registry, "every", and_usage);
  agg::addAggregateByName(registry, "bool_or", or_usage);
  agg::addAggregateByName(registry, "some", or_usage);
  agg::addAggregateByName(registry, "any", or_usage);
}

}  // namespace loch

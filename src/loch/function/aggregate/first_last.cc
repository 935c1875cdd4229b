// first(expr[, isIgnoreNull]), last(expr[, isIgnoreNull]), any_value(expr[, isIgnoreNull])
// and the first_value/last_value spellings. Spark documents these as
// non-deterministic: the result depends on row order. Loch keeps the first
// (last) row a worker saw; across workers, partial states are combined in
// worker order, so with several threads the chosen row may differ between
// runs unless the group's rows all reach one worker.

#include "loch/function/aggregate/aggregate_util.h"

namespace loch {

namespace {

using agg::stateAs;

struct FirstLastState {
  bool has = false;
  agg::ValueSlot value;
};

bool ignoreNullsOf(const AggregateCall& call) {
  if (call.arg_types.size() < 2) return call.ignore_nulls;
  const Value* flag = call.literal(1);
  if (call.arg_types[1]->id() != TypeId::Boolean || !flag || flag->isNull())
    throw AnalysisException("DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE",
                            "Cannot resolve \"" + call.name +
                                "\" due to data type mismatch: The second argument of `" + call.name +
                                "` must be a boolean literal (isIgnoreNull).");
  return call.ignore_nulls || flag->getBool();
}

template <bool kLast>
void updateFirstLast(const Vector& v, int64_t n, uint8_t* const* states, bool ignore_nulls, agg::SlotKind kind,
                     int width) {
  DecodedVector d(v);
  bool nulls = kind == agg::SlotKind::Null || d.mayHaveNulls();
  for (int64_t i = 0; i < n; ++i) {
    auto& s = stateAs<FirstLastState>(states[i]);
    if (!kLast && s.has) continue;
    if (ignore_nulls && nulls && (kind == agg::SlotKind::Null || d.isNull(i))) continue;
    s.value.assign(d, i, kind, width);
    s.has = true;
  }
}

}  // namespace

BoundAggregateFunction bindFirstLast(const AggregateCall& call, bool is_last) {
  agg::checkArgCount(call, 1, 2);
  bool ignore_nulls = ignoreNullsOf(call);
  BoundAggregateFunction f;
  f.name = call.name;
  f.arg_types = call.arg_types;
  f.return_type = call.arg_types[0];
  agg::setStateOps<FirstLastState>(f);
  agg::SlotKind kind = agg::slotKindOf(*f.return_type);
  int width = f.return_type->fixedWidth();
  if (is_last) {
    f.update = [=](const std::vector<VectorPtr>& args, int64_t n, uint8_t* const* states, EvalContext&) {
      updateFirstLast<true>(*args[0], n, states, ignore_nulls, kind, width);
    };
  } else {
    f.update = [=](const std::vector<VectorPtr>& args, int64_t n, uint8_t* const* states, EvalContext&) {
      updateFirstLast<false>(*args[0], n, states, ignore_nulls, kind, width);
    };
  }
  f.combine = [=](uint8_t* target, const uint8_t* source, EvalContext&) {
    auto& t = stateAs<FirstLastState>(target);
    const auto& s = stateAs<FirstLastState>(source);
    if (s.has && (is_last || !t.has)) {
      t.value.assign(s.value, kind, width);
      t.has = true;
    }
  };
  DataTypePtr rt = f.return_type;
  f.finalize = [rt](uint8_t* const* states, int64_t n, EvalContext&) {
    std::vector<const agg::ValueSlot*> slots(static_cast<size_t>(n));
    for (int64_t i = 0; i < n; ++i) {
      const auto& s = stateAs<FirstLastState>(states[i]);
      slots[static_cast<size_t>(i)] = s.has ? &s.value : nullptr;
    }
    return agg::slotsToVector(rt, slots.data(), n);
  };
  return f;
}

void registerFirstLastAggregates(FunctionRegistry& registry) {
  const char* first_usage =
      "first(expr[, isIgnoreNull]) - Returns the first value of `expr` for a group of rows. If `isIgnoreNull` is "
      "true, returns only non-null values.";
  const char* last_usage =
      "last(expr[, isIgnoreNull]) - Returns the last value of `expr` for a group of rows. If `isIgnoreNull` is "
      "true, returns only non-null values.";
  agg::addAggregateByName(registry, "first", first_usage);
  agg::addAggregateByName(registry, "first_value", first_usage);
  agg::addAggregateByName(registry, "last", last_usage);
  agg::addAggregateByName(registry, "last_value", last_usage);
  agg::addAggregateByName(registry, "any_value",
                          "any_value(expr[, isIgnoreNull]) - Returns some value of `expr` for a group of rows.");
}

}  // namespace loch

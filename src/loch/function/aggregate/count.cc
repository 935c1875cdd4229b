// count(*), count(expr, ...), count_if(cond).
// Spark: count(*) counts all rows; count(e1, e2, ...) counts rows where all
// arguments are non-NULL; the result is BIGINT and never NULL (0 for no rows).

#include "loch/function/aggregate/aggregate_util.h"

namespace loch {

namespace {

using agg::stateAs;

// True when argument `a` is a non-NULL literal: count(1) / count(*) counts
// every row without looking at the vector.
bool isNonNullLiteral(const AggregateCall& call, size_t a) {
  const Value* v = call.literal(a);
  return v && !v->isNull();
}

}  // namespace

BoundAggregateFunction bindCount(const AggregateCall& call) {
  BoundAggregateFunction f;
  f.name = "count";
  f.arg_types = call.arg_types;
  f.return_type = LongType();
  f.nullable = false;
  agg::setStateOps<int64_t>(f);
  std::vector<size_t> checked;
  for (size_t a = 0; a < call.arg_types.size(); ++a)
    if (!isNonNullLiteral(call, a)) checked.push_back(a);
  f.update = [checked](const std::vector<VectorPtr>& args, int64_t n, uint8_t* const* states, EvalContext&) {
    bool any_nulls = false;
    for (size_t a : checked) any_nulls |= args[a]->mayHaveNulls() || args[a]->typeId() == TypeId::Null;
    if (!any_nulls) {
      for (int64_t i = 0; i < n; ++i) ++stateAs<int64_t>(states[i]);
      return;
    }
    std::vector<DecodedVector> decoded;
    decoded.reserve(checked.size());
    for (size_t a : checked) decoded.emplace_back(*args[a]);
    bool has_null_type = false;
    for (size_t a : checked) has_null_type |= args[a]->typeId() == TypeId::Null;
    if (has_null_type) return;  // count(NULL) is 0
    for (int64_t i = 0; i < n; ++i) {
      bool valid = true;
      for (const auto& d : decoded) valid &= !d.isNull(i);
      stateAs<int64_t>(states[i]) += valid;
    }
  };
  f.update_single = [checked](const std::vector<VectorPtr>& args, int64_t n, uint8_t* state, EvalContext&) {
    int64_t valid_rows = n;
    for (size_t a : checked) {
      if (args[a]->typeId() == TypeId::Null) return;  // count(NULL) is 0
    }
    bool any_nulls = false;
    for (size_t a : checked) any_nulls |= args[a]->mayHaveNulls();
    if (any_nulls) {
      std::vector<DecodedVector> decoded;
      for (size_t a : checked) decoded.emplace_back(*args[a]);
      valid_rows = 0;
      for (int64_t i = 0; i < n; ++i) {
        bool valid = true;
        for (const auto& d : decoded) valid &= !d.isNull(i);
        valid_rows += valid;
      }
    }
    stateAs<int64_t>(state) += valid_rows;
  };
  f.combine = [](uint8_t* target, const uint8_t* source, EvalContext&) {
    stateAs<int64_t>(target) += stateAs<int64_t>(source);
  };
  f.finalize = [](uint8_t* const* states, int64_t n, EvalContext&) {
    VectorPtr out = Vector::makeFlat(LongType(), n);
    int64_t* v = out->mutableValues<int64_t>();
    for (int64_t i = 0; i < n; ++i) v[i] = stateAs<int64_t>(states[i]);
    return out;
  };
  return f;
}

BoundAggregateFunction bindCountIf(const AggregateCall& call) {
  agg::checkArgCount(call, 1, 1);
  TypeId t = call.arg_types[0]->id();
  if (t != TypeId::Boolean && t != TypeId::Null) agg::throwBadInputType(call.name, 1, *call.arg_types[0], "\"BOOLEAN\"");
  BoundAggregateFunction f = bindCount({"count", {BooleanType()}, {}, false, false, call.ansi});
  f.name = "count_if";
  f.arg_types = call.arg_types;
  // Only TRUE rows count; NULL and FALSE do not.
  f.update = [](const std::vector<VectorPtr>& args, int64_t n, uint8_t* const* states, EvalContext&) {
    agg::forEachValid<uint8_t>(*args[0], n, [&](int64_t i, uint8_t v) { stateAs<int64_t>(states[i]) += v != 0; });
  };
  f.update_single = [](const std::vector<VectorPtr>& args, int64_t n, uint8_t* state, EvalContext&) {
    int64_t count = 0;
    agg::forEachValid<uint8_t>(*args[0], n, [&](int64_t, uint8_t v) { count += v != 0; });
    stateAs<int64_t>(state) += count;
  };
  return f;
}

void registerCountAggregates(FunctionRegistry& registry) {
  agg::addAggregateByName(registry, "count",
                          "count(*) - Returns the total number of retrieved rows, including rows containing null. "
                          "count(expr[, expr...]) - Returns the number of rows for which the supplied expression(s) "
                          "are all non-null.");
  agg::addAggregateByName(registry, "count_if", "count_if(expr) - Returns the number of `TRUE` values for the expression.");
}

}  // namespace loch

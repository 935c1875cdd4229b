#pragma once
// Drives a BoundAggregateFunction without the operator: one state per
// group, rows split into two partial state sets that are then combined, so
// update, combine and finalize are all exercised.

#include <gtest/gtest.h>

#include <memory>
#include <vector>

#include "loch/common/exception.h"
#include "loch/function/aggregate/aggregate_functions.h"
#include "loch/vector/vector_ops.h"

namespace loch::testing {

inline BoundAggregateFunction bindAgg(const std::string& name, std::vector<DataTypePtr> types, bool distinct = false,
                                      bool ansi = true, std::vector<std::optional<Value>> literals = {},
                                      bool ignore_nulls = false) {
  AggregateCall call;
  call.name = name;
  call.arg_types = std::move(types);
  call.literals = std::move(literals);
  call.distinct = distinct;
  call.ansi = ansi;
  call.ignore_nulls = ignore_nulls;
  return bindAggregateFunction(call);
}

/// States of `groups` groups, destroyed with the object.
class StateSet {
 public:
  StateSet(const BoundAggregateFunction& f, int groups) : f_(f) {
    for (int g = 0; g < groups; ++g) {
      memory_.push_back(std::make_unique<uint8_t[]>(f.state_size + 16));
      uint8_t* p = memory_.back().get();
      uintptr_t a = f.state_align;
      p = reinterpret_cast<uint8_t*>((reinterpret_cast<uintptr_t>(p) + a - 1) / a * a);
      f.init(p);
      states_.push_back(p);
    }
  }
  ~StateSet() {
    if (f_.destroy)
      for (auto* s : states_) f_.destroy(s);
  }
  uint8_t* operator[](size_t g) const { return states_[g]; }
  uint8_t* const* data() const { return states_.data(); }
  size_t size() const { return states_.size(); }

 private:
  const BoundAggregateFunction& f_;
  std::vector<std::unique_ptr<uint8_t[]>> memory_;
  std::vector<uint8_t*> states_;
};

/// Aggregates rows of `args` into groups (`group_of[i]` is row i's group,
/// default all in group 0). Rows [0, split) go to one partial state set
/// and the rest to another; the partials are combined before finalize.
inline VectorPtr runAggregate(const BoundAggregateFunction& f, const std::vector<VectorPtr>& args, int64_t n,
                              std::vector<int> group_of = {}, int groups = 1, int64_t split = -1, bool ansi = true) {
  EvalContext ctx;
  ctx.ansi = ansi;
  if (group_of.empty()) group_of.assign(static_cast<size_t>(n), 0);
  if (split < 0) split = n / 2;
  StateSet a(f, groups), b(f, groups);
  auto feed = [&](StateSet& set, int64_t offset, int64_t len) {
    if (len <= 0) return;
    std::vector<VectorPtr> part;
    for (const auto& v : args) part.push_back(slice(*v, offset, len));
    std::vector<uint8_t*> ptrs;
    for (int64_t i = 0; i < len; ++i) ptrs.push_back(set[static_cast<size_t>(group_of[offset + i])]);
    f.update(part, len, ptrs.data(), ctx);
  };
  feed(a, 0, split);
  feed(b, split, n - split);
  for (int g = 0; g < groups; ++g) f.combine(a[g], b[g], ctx);
  VectorPtr result = f.finalize(a.data(), groups, ctx);
  if (f.update_single && groups == 1) {
    // The one-state path (no GROUP BY) must give exactly the same result.
    StateSet sa(f, 1), sb(f, 1);
    auto feedSingle = [&](StateSet& set, int64_t offset, int64_t len) {
      if (len <= 0) return;
      std::vector<VectorPtr> part;
      for (const auto& v : args) part.push_back(slice(*v, offset, len));
      f.update_single(part, len, set[0], ctx);
    };
    feedSingle(sa, 0, split);
    feedSingle(sb, split, n - split);
    f.combine(sa[0], sb[0], ctx);
    VectorPtr single = f.finalize(sa.data(), 1, ctx);
    EXPECT_TRUE(single->getValue(0) == result->getValue(0))
        << f.name << ": update_single gives " << single->getValue(0).toString() << ", update gives "
        << result->getValue(0).toString();
  }
  return result;
}

inline std::vector<Value> values(const VectorPtr& v) {
  std::vector<Value> out;
  for (int64_t i = 0; i < v->size(); ++i) out.push_back(v->getValue(i));
  return out;
}

inline VectorPtr longs(const std::vector<std::optional<int64_t>>& xs) {
  std::vector<Value> vs;
  for (const auto& x : xs) vs.push_back(x ? Value::longValue(*x) : Value::null(LongType()));
  return Vector::fromValues(LongType(), vs);
}
inline VectorPtr ints(const std::vector<std::optional<int32_t>>& xs) {
  std::vector<Value> vs;
  for (const auto& x : xs) vs.push_back(x ? Value::integer(*x) : Value::null(IntegerType()));
  return Vector::fromValues(IntegerType(), vs);
}
inline VectorPtr doubles(const std::vector<std::optional<double>>& xs) {
  std::vector<Value> vs;
  for (const auto& x : xs) vs.push_back(x ? Value::doubleValue(*x) : Value::null(DoubleType()));
  return Vector::fromValues(DoubleType(), vs);
}
inline VectorPtr strings(const std::vector<std::optional<std::string>>& xs) {
  std::vector<Value> vs;
  for (const auto& x : xs) vs.push_back(x ? Value::string(*x) : Value::null(StringType()));
  return Vector::fromValues(StringType(), vs);
}
inline VectorPtr bools(const std::vector<std::optional<bool>>& xs) {
  std::vector<Value> vs;
  for (const auto& x : xs) vs.push_back(x ? Value::boolean(*x) : Value::null(BooleanType()));
  return Vector::fromValues(BooleanType(), vs);
}
inline VectorPtr decimals(const std::vector<std::optional<int128_t>>& xs, int p, int s) {
  std::vector<Value> vs;
  for (const auto& x : xs) vs.push_back(x ? Value::decimal(*x, p, s) : Value::null(DecimalType(p, s)));
  return Vector::fromValues(DecimalType(p, s), vs);
}

/// Runs `fn` and checks it throws a LochException of `error_class` whose
/// message contains `fragment`.
template <class Fn>
void expectError(Fn&& fn, const std::string& error_class, const std::string& fragment) {
  try {
    fn();
    ADD_FAILURE() << "expected " << error_class;
  } catch (const LochException& e) {
    EXPECT_EQ(e.errorClass(), error_class) << e.what();
    EXPECT_NE(e.message().find(fragment), std::string::npos) << e.what();
  }
}

}  // namespace loch::testing

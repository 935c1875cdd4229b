#pragma once
// Aggregate functions, vectorised over per-group states (the design of
// DuckDB's aggregate functions): the hash aggregate operator keeps one
// fixed-size state per group in an arena and calls `update` with a state
// pointer per input row; partial states from different threads are merged
// with `combine`; `finalize` turns states into a result vector.

#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "loch/expr/expression.h"
#include "loch/function/eval_context.h"
#include "loch/vector/vector.h"

namespace loch {

struct BoundAggregateFunction {
  std::string name;
  /// Types the arguments are cast to before update runs.
  std::vector<DataTypePtr> arg_types;
  DataTypePtr return_type;
  /// Whether the result may be NULL (sum of no rows is NULL; count is not).
  bool nullable = true;

  /// Bytes and alignment of one state.
  size_t state_size = 0;
  size_t state_align = 8;
  /// Constructs an empty state in raw memory.
  std::function<void(uint8_t* state)> init;
  /// Folds rows [0, n) into states[i] (one state pointer per row; several
  /// rows may share one). Arguments are vectors of n rows, any encoding.
  std::function<void(const std::vector<VectorPtr>& args, int64_t n, uint8_t* const* states, EvalContext& ctx)>
      update;
  /// Optional: folds rows [0, n) into the one `state` (an aggregate without
  /// GROUP BY). Same result as update with every row pointing at `state`;
  /// lets hot functions accumulate in registers. Empty when not provided;
  /// a binder that copies another function and replaces `update` must
  /// replace or clear this too.
  std::function<void(const std::vector<VectorPtr>& args, int64_t n, uint8_t* state, EvalContext& ctx)>
      update_single;
  /// Merges `source` into `target` (partial aggregation across threads).
  /// `source` stays valid for destroy.
  std::function<void(uint8_t* target, const uint8_t* source, EvalContext& ctx)> combine;
  /// Result vector with one row per state.
  std::function<VectorPtr(uint8_t* const* states, int64_t n, EvalContext& ctx)> finalize;
  /// Releases what a state owns (nullptr when states own nothing).
  std::function<void(uint8_t* state)> destroy;
};

struct AggregateBindInput {
  std::vector<ExprPtr> args;  // resolved
  bool distinct = false;
  bool ignore_nulls = false;
  bool ansi = true;
  std::vector<DataTypePtr> argTypes() const {
    std::vector<DataTypePtr> t;
    for (const auto& a : args) t.push_back(a->type());
    return t;
  }
};

/// @throws AnalysisException when the arguments do not fit.
using AggregateBinder = std::function<BoundAggregateFunction(const AggregateBindInput& input)>;

}  // namespace loch

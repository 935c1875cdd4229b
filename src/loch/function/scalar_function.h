#pragma once
// Scalar functions: one output row per input row. A function is registered
// under its Spark name with a binder; the binder looks at the argument types
// (and literal arguments) and returns a BoundScalarFunction: the types the
// arguments must be cast to, the result type, and a kernel specialised for
// those types. The analyzer inserts the casts; the kernel then always sees
// exactly `arg_types`.

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "loch/expr/expression.h"
#include "loch/function/eval_context.h"
#include "loch/vector/vector.h"

namespace loch {

/// Computes a vector of `rows` results from argument vectors (each of
/// `rows` rows, any encoding). Must handle NULL inputs itself; may return
/// any encoding (e.g. a constant when all inputs are constant).
/// Throws ArithmeticException/CastException/InvalidArgumentException on bad
/// values under ANSI mode.
using ScalarKernel =
    std::function<VectorPtr(const std::vector<VectorPtr>& args, int64_t rows, EvalContext& ctx)>;

struct BoundScalarFunction {
  std::string name;
  /// Types the arguments are cast to before the kernel runs.
  std::vector<DataTypePtr> arg_types;
  DataTypePtr return_type;
  /// Result may be NULL even when no argument is (e.g. ANSI off division,
  /// try_*, element_at). Otherwise nullable iff any argument is.
  bool introduces_nulls = false;
  /// False for rand(), uuid(): the optimizer must not fold or dedupe them.
  bool deterministic = true;
  ScalarKernel kernel;
};

/// What a binder sees: the (already resolved) argument expressions.
struct ScalarBindInput {
  std::vector<ExprPtr> args;  // resolved: type() set; literals foldable
  bool ansi = true;
  std::vector<DataTypePtr> argTypes() const {
    std::vector<DataTypePtr> t;
    for (const auto& a : args) t.push_back(a->type());
    return t;
  }
};

/// Chooses the overload for the given arguments.
/// @throws AnalysisException (DATATYPE_MISMATCH.*, WRONG_NUM_ARGS) when the
///         arguments do not fit, naming the function and the bad argument.
using ScalarBinder = std::function<BoundScalarFunction(const ScalarBindInput& input)>;

}  // namespace loch

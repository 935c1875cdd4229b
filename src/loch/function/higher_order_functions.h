#pragma once
// Higher-order array functions with lambdas (Spark's ArrayTransform,
// ArrayFilter, ArrayExists, ArrayForAll, ArrayAggregate), bound as scalar
// functions whose kernel evaluates the compiled lambda body vectorised: once
// over the flattened elements of every array of the batch (aggregate: once
// per element position, over the rows whose arrays are that long).
//
// The SQL binder resolves the lambda (its parameters are fresh attributes)
// and passes the outer columns the body reads ("captured") as extra
// arguments; the kernel repeats them per element.

#include <optional>
#include <string>
#include <vector>

#include "loch/expr/expression.h"
#include "loch/function/scalar_function.h"

namespace loch {

enum class HigherOrderKind { Transform, Filter, Exists, Forall, Aggregate };

/// A resolved lambda: its body and the attribute ids of its parameters.
struct BoundLambda {
  ExprPtr body;
  /// transform / filter: element [, index]; exists / forall: element;
  /// aggregate merge: accumulator, element; aggregate finish: accumulator.
  std::vector<int64_t> param_ids;
};

/// Binds `kind` for kernel arguments [array, captured...] (aggregate:
/// [array, zero, captured...]), `captured_ids` naming the outer attributes
/// the lambdas read, in argument order.
/// Output types: transform array<body type>; filter the array type; exists /
/// forall boolean (Spark's three-valued result: NULL when no element decides
/// and some element is NULL); aggregate the finish type (or the zero type).
/// `name` is the call as written (it keeps calls with different lambdas
/// apart). A NULL array gives NULL.
/// @throws InternalException if the lambda bodies do not compile.
BoundScalarFunction bindHigherOrderFunction(HigherOrderKind kind, const std::string& name,
                                            const DataTypePtr& array_type, const BoundLambda& lambda,
                                            const std::optional<BoundLambda>& finish,
                                            const std::vector<int64_t>& captured_ids);

}  // namespace loch

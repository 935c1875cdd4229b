#pragma once
// Physical expressions: a resolved logical expression compiled against the
// column layout of an operator's input. evaluate() works on a whole batch
// and returns one result vector (Velox/DuckDB style vectorised evaluation).

#include <memory>
#include <string>
#include <vector>

#include "loch/expr/expression.h"
#include "loch/function/eval_context.h"
#include "loch/vector/record_batch.h"

namespace loch {

class PhysicalExpr {
 public:
  explicit PhysicalExpr(DataTypePtr type) : type_(std::move(type)) {}
  virtual ~PhysicalExpr() = default;

  /// The result for every row of `batch` (numRows() rows; any encoding).
  /// @throws ArithmeticException, CastException, ... for bad values under
  ///         ANSI mode (only for rows the expression actually evaluates:
  ///         CASE/IF/AND/OR/COALESCE evaluate lazily, as Spark does).
  virtual VectorPtr evaluate(const RecordBatch& batch, EvalContext& ctx) const = 0;
  virtual std::string toString() const = 0;

  const DataTypePtr& type() const { return type_; }

 private:
  DataTypePtr type_;
};

using PhysicalExprPtr = std::shared_ptr<const PhysicalExpr>;

/// Compiles resolved expression `e` for an input whose column i holds the
/// attribute with id input_attribute_ids[i].
/// @throws InternalException if `e` is unresolved or refers to an attribute
///         the input lacks (a planner bug).
PhysicalExprPtr compileExpr(const ExprPtr& e, const std::vector<int64_t>& input_attribute_ids);

/// Evaluates a constant (attribute-free, deterministic) resolved expression:
/// constant folding and literal arguments. @throws as evaluate().
Value evaluateConstant(const ExprPtr& e, EvalContext& ctx);

}  // namespace loch

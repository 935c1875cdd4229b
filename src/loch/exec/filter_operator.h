#pragma once
// Filter: keeps the rows whose predicate is TRUE (NULL and FALSE drop).

#include "loch/exec/physical_operator.h"
#include "loch/expr/physical_expr.h"

namespace loch {

class FilterOperator : public PhysicalOperator {
 public:
  FilterOperator(PhysicalOperatorPtr child, PhysicalExprPtr predicate)
      : PhysicalOperator(child->schema(), {child}), predicate_(std::move(predicate)) {}

  OperatorRole role() const override { return OperatorRole::Streaming; }
  std::string toString() const override { return "Filter " + predicate_->toString(); }
  void execute(const RecordBatchPtr& input, OperatorState* state, ExecContext& ctx, const Emit& emit) override;

 private:
  PhysicalExprPtr predicate_;
};

/// Rows of `batch` where `mask` (a boolean vector) is TRUE.
RecordBatchPtr applyMask(const RecordBatch& batch, const Vector& mask);

}  // namespace loch

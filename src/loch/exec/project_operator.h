#pragma once
// Project: computes one output column per expression.

#include "loch/exec/physical_operator.h"
#include "loch/expr/physical_expr.h"

namespace loch {

class ProjectOperator : public PhysicalOperator {
 public:
  ProjectOperator(PhysicalOperatorPtr child, std::vector<PhysicalExprPtr> exprs, SchemaPtr schema)
      : PhysicalOperator(std::move(schema), {child}), exprs_(std::move(exprs)) {}

  OperatorRole role() const override { return OperatorRole::Streaming; }
  std::string toString() const override;
  void execute(const RecordBatchPtr& input, OperatorState* state, ExecContext& ctx, const Emit& emit) override;

 private:
  std::vector<PhysicalExprPtr> exprs_;
};

}  // namespace loch

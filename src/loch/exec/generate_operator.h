#pragma once
// Generate: explode / posexplode / inline (Spark's GenerateExec). Streaming:
// each input batch is expanded on its own.

#include "loch/exec/physical_operator.h"
#include "loch/expr/physical_expr.h"
#include "loch/plan/logical_plan.h"

namespace loch {

class GenerateOperator : public PhysicalOperator {
 public:
  /// `input` evaluates to an array or map vector (array<struct> for
  /// Inline). Output: the child columns `kept` (indices into the child
  /// schema), then the generator columns as generatorFields() lists them.
  /// With `outer`, a row whose input is NULL or empty yields one row of
  /// NULL generator columns; otherwise it yields no row (Spark semantics).
  GenerateOperator(PhysicalOperatorPtr child, PhysicalExprPtr input, GeneratorKind kind, bool outer,
                   std::vector<int> kept, SchemaPtr schema)
      : PhysicalOperator(std::move(schema), {child}),
        input_(std::move(input)),
        kind_(kind),
        outer_(outer),
        kept_(std::move(kept)) {}

  OperatorRole role() const override { return OperatorRole::Streaming; }
  std::string toString() const override;
  void execute(const RecordBatchPtr& input, OperatorState* state, ExecContext& ctx, const Emit& emit) override;

 private:
  PhysicalExprPtr input_;
  GeneratorKind kind_;
  bool outer_;
  std::vector<int> kept_;
};

}  // namespace loch

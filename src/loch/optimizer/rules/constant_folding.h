#pragma once
// ConstantFolding (Spark's ConstantFolding + PruneFilters): replaces
// deterministic expressions without column references by their value, and
// drops filters that are always TRUE. An expression that fails to evaluate
// (1/0 under ANSI) is left as it is, so the error surfaces only if a row
// evaluates it, as in Spark.

#include "loch/optimizer/optimizer.h"

namespace loch {

class ConstantFolding : public OptimizerRule {
 public:
  std::string name() const override { return "ConstantFolding"; }
  LogicalPlanPtr apply(const LogicalPlanPtr& plan, const RuntimeConfig& conf) const override;
};

/// `e` with its constant subexpressions folded.
ExprPtr foldConstants(const ExprPtr& e, const RuntimeConfig& conf);

}  // namespace loch

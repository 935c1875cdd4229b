#pragma once
// ColumnPruning (Spark's ColumnPruning): computes, top-down, which columns
// each node's parent needs, drops unused projections, and makes file scans
// read only the columns the query uses.

#include "loch/optimizer/optimizer.h"

namespace loch {

class ColumnPruning : public OptimizerRule {
 public:
  std::string name() const override { return "ColumnPruning"; }
  LogicalPlanPtr apply(const LogicalPlanPtr& plan, const RuntimeConfig& conf) const override;
};

}  // namespace loch

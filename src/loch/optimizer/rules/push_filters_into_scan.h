#pragma once
// PushFiltersIntoScan (Spark's FileSourceStrategy pushed filters): gives a
// file scan the simple conjuncts of the filter directly above it
// (`column op literal`, IS [NOT] NULL, IN (literals)) so it can skip row
// groups and partitions. The filter stays: pushed predicates are a hint.

#include "loch/optimizer/optimizer.h"

namespace loch {

class PushFiltersIntoScan : public OptimizerRule {
 public:
  std::string name() const override { return "PushFiltersIntoScan"; }
  LogicalPlanPtr apply(const LogicalPlanPtr& plan, const RuntimeConfig& conf) const override;
};

}  // namespace loch

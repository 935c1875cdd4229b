#pragma once
// The logical optimizer: an ordered list of rewrite rules (DataFusion's
// OptimizerRule, Spark's Catalyst batches), each in its own file under
// optimizer/rules/ with its own tests. A rule maps a resolved plan to an
// equivalent resolved plan.

#include <memory>
#include <string>
#include <vector>

#include "loch/common/config.h"
#include "loch/plan/logical_plan.h"

namespace loch {

class OptimizerRule {
 public:
  virtual ~OptimizerRule() = default;
  virtual std::string name() const = 0;
  virtual LogicalPlanPtr apply(const LogicalPlanPtr& plan, const RuntimeConfig& conf) const = 0;
};

/// The default rules, in the order they run.
std::vector<std::unique_ptr<OptimizerRule>> defaultRules();

/// Runs the default rules over `plan`.
LogicalPlanPtr optimize(const LogicalPlanPtr& plan, const RuntimeConfig& conf);

}  // namespace loch

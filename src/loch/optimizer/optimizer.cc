#include "loch/optimizer/optimizer.h"

namespace loch {

std::vector<std::unique_ptr<OptimizerRule>> defaultRules() {
  std::vector<std::unique_ptr<OptimizerRule>> rules;
  return rules;
}

LogicalPlanPtr optimize(const LogicalPlanPtr& plan, const RuntimeConfig& conf) {
  LogicalPlanPtr cur = plan;
  for (const auto& rule : defaultRules()) cur = rule->apply(cur, conf);
  return cur;
}

}  // namespace loch

#include "loch/optimizer/optimizer.h"

#include "loch/optimizer/rules/column_pruning.h"
#include "loch/optimizer/rules/constant_folding.h"
#include "loch/optimizer/rules/push_down_predicates.h"
#include "loch/optimizer/rules/push_filters_into_scan.h"
#include "loch/optimizer/rules/rewrite_distinct_aggregates.h"

namespace loch {

std::vector<std::unique_ptr<OptimizerRule>> defaultRules() {
  std::vector<std::unique_ptr<OptimizerRule>> rules;
  rules.push_back(std::make_unique<ConstantFolding>());
  rules.push_back(std::make_unique<PushDownPredicates>());
  rules.push_back(std::make_unique<PushFiltersIntoScan>());
  rules.push_back(std::make_unique<RewriteDistinctAggregates>());
  rules.push_back(std::make_unique<ColumnPruning>());
  return rules;
}

LogicalPlanPtr optimize(const LogicalPlanPtr& plan, const RuntimeConfig& conf) {
  LogicalPlanPtr cur = plan;
  for (const auto& rule : defaultRules()) cur = rule->apply(cur, conf);
  return cur;
}

}  // namespace loch

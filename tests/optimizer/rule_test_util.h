#pragma once
// Builds resolved plans through the DataFrame API and inspects rewritten
// plans by node kind.

#include <functional>

#include "loch/api/functions.h"
#include "loch/api/spark_session.h"

namespace loch::testing {

inline std::shared_ptr<SparkSession> ruleSession() {
  RuntimeConfig conf;
  conf.set("loch.threads", "2");
  return std::make_shared<SparkSession>(conf);
}

/// Kinds of the nodes of `plan`, pre-order.
inline std::vector<PlanKind> kindsOf(const LogicalPlanPtr& plan) {
  std::vector<PlanKind> out;
  std::function<void(const LogicalPlan&)> walk = [&](const LogicalPlan& p) {
    out.push_back(p.kind());
    for (const auto& c : p.children()) walk(*c);
  };
  walk(*plan);
  return out;
}

/// The first node of `kind` in pre-order, or nullptr.
inline const LogicalPlan* findNode(const LogicalPlanPtr& plan, PlanKind kind) {
  const LogicalPlan* found = nullptr;
  std::function<void(const LogicalPlan&)> walk = [&](const LogicalPlan& p) {
    if (found) return;
    if (p.kind() == kind) {
      found = &p;
      return;
    }
    for (const auto& c : p.children()) walk(*c);
  };
  walk(*plan);
  return found;
}

}  // namespace loch::testing

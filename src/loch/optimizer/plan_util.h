#pragma once
// Helpers shared by optimizer rules: attribute sets, conjunct splitting,
// bottom-up plan rewriting.

#include <functional>
#include <set>
#include <vector>

#include "loch/plan/logical_plan.h"

namespace loch {

/// Ids of the attributes `e` reads.
std::set<int64_t> referencedIds(const ExprPtr& e);
/// Ids of a plan's output attributes.
std::set<int64_t> outputIds(const LogicalPlan& plan);
/// True when every attribute `e` reads is in `ids`.
bool referencesOnly(const ExprPtr& e, const std::set<int64_t>& ids);
/// Splits AND trees into their conjuncts.
std::vector<ExprPtr> splitConjunction(const ExprPtr& e);
/// AND of `conjuncts` (resolved), or nullptr when empty.
ExprPtr makeConjunction(const std::vector<ExprPtr>& conjuncts, bool ansi);
/// True when `e` has no non-deterministic call (rand, ...) and no subquery.
bool isDeterministic(const ExprPtr& e);
/// Rewrites `plan` bottom-up: fn sees each node after its children were
/// rewritten and returns a replacement (or the node itself).
LogicalPlanPtr transformUp(const LogicalPlanPtr& plan, const std::function<LogicalPlanPtr(const LogicalPlanPtr&)>& fn);

}  // namespace loch

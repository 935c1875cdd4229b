#pragma once
// GROUPING SETS / ROLLUP / CUBE, bound as UNION ALL of one aggregate per
// grouping set with the columns outside the set NULL (Spark's Expand +
// Aggregate gives the same rows; grouping() / grouping_id() are not bound).

#include <functional>
#include <vector>

#include "loch/plan/logical_plan.h"
#include "loch/sql/ast.h"

namespace loch::binder {

/// The grouping sets of `group_by` (plain expressions are in every set), or
/// an empty vector when it has no ROLLUP / CUBE / GROUPING SETS / WITH
/// ROLLUP / WITH CUBE. Plain grouping expressions are appended to
/// `all_groupings`, and so is every expression of a set (once each).
/// @throws AnalysisException UNSUPPORTED_FEATURE for a CUBE over more than
///         12 expressions.
std::vector<std::vector<ExprPtr>> expandGroupingSets(const sql::GroupBy& group_by,
                                                     const std::function<ExprPtr(const sql::Expr&)>& resolve,
                                                     std::vector<ExprPtr>& all_groupings);

/// UNION ALL over the grouping sets of Aggregate(child, set, named) with
/// grouping expressions outside the set replaced by typed NULLs (outside
/// aggregate calls), each filtered by `having` (resolved over the input and
/// the select-list aliases; may be null).
LogicalPlanPtr bindGroupingSets(const LogicalPlanPtr& child, const std::vector<std::vector<ExprPtr>>& sets,
                                const std::vector<ExprPtr>& all_groupings, const std::vector<ExprPtr>& named,
                                const ExprPtr& having, bool ansi);

}  // namespace loch::binder

#pragma once
// GROUPING SETS / ROLLUP / CUBE, bound as UNION ALL of one aggregate per
// grouping set with the columns outside the set NULL (Spark's Expand +
// Aggregate gives the same rows). grouping() / grouping_id() become
// placeholders replaced by each branch's constant.

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

/// A grouping(c) / grouping_id(c, ...) call of the select list or HAVING,
/// stood in for by a placeholder attribute until each grouping set gives
/// its constant value.
struct GroupingCall {
  ExprPtr placeholder;        ///< Attribute: tinyint for grouping, bigint for grouping_id
  std::vector<ExprPtr> args;  ///< unresolved, then resolved arguments
  bool id = false;            ///< grouping_id
};

/// `e` (unresolved) with every grouping() / grouping_id() call replaced by
/// a placeholder appended to `calls`.
/// @throws AnalysisException WRONG_NUM_ARGS when grouping() has not one
///         argument.
ExprPtr extractGroupingCalls(const ExprPtr& e, std::vector<GroupingCall>& calls);

/// Checks the (resolved) arguments of `calls` against the GROUP BY
/// columns: grouping(c) needs a grouping column, grouping_id(...) no
/// arguments or exactly the grouping columns in order (Spark's
/// ResolveGroupingAnalytics).
/// @throws AnalysisException GROUPING_COLUMN_MISMATCH,
///         GROUPING_ID_COLUMN_MISMATCH.
void checkGroupingCalls(const std::vector<GroupingCall>& calls, const std::vector<ExprPtr>& all_groupings);

/// UNION ALL over the grouping sets of Aggregate(child, set, named) with
/// grouping expressions outside the set replaced by typed NULLs (outside
/// aggregate calls), each filtered by `having` (resolved over the input and
/// the select-list aliases; may be null). Placeholders of `calls` become
/// per-set constants: grouping(c) is 1 when c is aggregated away, else 0;
/// grouping_id's first column is its most significant bit (Spark).
LogicalPlanPtr bindGroupingSets(const LogicalPlanPtr& child, const std::vector<std::vector<ExprPtr>>& sets,
                                const std::vector<ExprPtr>& all_groupings, const std::vector<ExprPtr>& named,
                                const ExprPtr& having, bool ansi, const std::vector<GroupingCall>& calls = {});

}  // namespace loch::binder

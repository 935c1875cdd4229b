#pragma once
// PIVOT and UNPIVOT relations (Spark's ResolvePivot / ResolveUnpivot),
// planned with the existing operators: PIVOT is one Aggregate of
// conditional aggregates, UNPIVOT a UNION ALL of one projection per column
// set.

#include <string>
#include <vector>

#include "loch/plan/analyzer.h"
#include "loch/plan/logical_plan.h"
#include "loch/sql/ast.h"

namespace loch::binder {

/// `agg` restricted to the rows where `match` holds, and NULL for a group
/// without such rows (the result of Spark's PivotFirst: a missing
/// combination is NULL even for count). Shared by SQL PIVOT and the
/// DataFrame API's GroupedData.pivot.
/// Inputs: `agg` an aggregate call, or an expression over aggregate calls —
/// unresolved (UnresolvedFunction at the top) or resolved (its
/// AggregateFunction nodes are filtered); `match` a boolean condition of the
/// same resolution state. Output: an expression to resolve over the input.
/// `resolver` (over the aggregate's input) is needed for a resolved `agg`
/// with its own FILTER, to resolve the combined filter.
ExprPtr pivotAggregate(const ExprPtr& agg, const ExprPtr& match, const ExpressionResolver* resolver = nullptr);

/// `child PIVOT (aggs FOR cols IN (values))`: grouped by every column of
/// `child` not used by the aggregates or the FOR columns, one output column
/// per (value, aggregate) named `<value>` for one aggregate and
/// `<value>_<aggregate alias or SQL>` for several (Spark's naming; an
/// unaliased value is its string form, "null" for NULL). Values match with
/// `<=>` after a cast to the FOR column's type.
/// @throws AnalysisException UNRESOLVED_COLUMN.*, NON_LITERAL_PIVOT_VALUES,
///         PIVOT_VALUE_DATA_TYPE_MISMATCH (arity), UNSUPPORTED_FEATURE for
///         an aggregate expression without aggregate function.
LogicalPlanPtr bindPivot(const LogicalPlanPtr& child, const sql::Pivot& pivot, const AnalyzerOptions& opts);

/// `child UNPIVOT [INCLUDE|EXCLUDE NULLS] (values FOR name IN (sets))`: the
/// columns not unpivoted, then `name` (STRING: the set's alias, or its
/// column names joined by '_'), then the value columns (widened types).
/// EXCLUDE NULLS (the default) drops rows whose values are all NULL.
/// Rows come set by set (UNION ALL), not input row by input row.
/// @throws AnalysisException UNPIVOT_VALUE_SIZE_MISMATCH,
///         UNRESOLVED_COLUMN.*, INCOMPATIBLE_COLUMN_TYPE.
LogicalPlanPtr bindUnpivot(const LogicalPlanPtr& child, const sql::Unpivot& unpivot, const AnalyzerOptions& opts);

}  // namespace loch::binder

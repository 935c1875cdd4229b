#pragma once
// Plan and expression helpers shared by the binder's files (internal).

#include <string>
#include <vector>

#include "loch/common/exception.h"
#include "loch/plan/analyzer.h"
#include "loch/plan/logical_plan.h"

namespace loch::binder {

/// Throws AnalysisException UNSUPPORTED_FEATURE naming `what`.
[[noreturn]] void unsupported(const std::string& what);

/// @throws AnalysisException DATATYPE_MISMATCH.FILTER_NOT_BOOLEAN when `e`
/// (a `what`: filter, having, join condition) is not BOOLEAN or NULL.
void requireBoolean(const ExprPtr& e, const char* what);

/// The resolved conjunction of `a` and `b`; either may be null.
ExprPtr andOf(const ExprPtr& a, const ExprPtr& b, const AnalyzerOptions& opts);

/// A relation with one row and no columns (Spark's OneRowRelation), the
/// input of SELECT without FROM.
LogicalPlanPtr oneRowRelation();

/// A projection of `plan` giving every column a new attribute id (same
/// names and qualifiers), as Spark's DeduplicateRelations.
LogicalPlanPtr withFreshIds(const LogicalPlanPtr& plan);

/// True when some attribute in `attrs` has attribute id `id`.
bool hasId(const std::vector<ExprPtr>& attrs, int64_t id);

/// `plan` with its columns renamed to `names` (no-op when empty).
/// @throws AnalysisException ASSIGNMENT_ARITY_MISMATCH on a count mismatch,
///         naming `what`.
LogicalPlanPtr renameColumns(const LogicalPlanPtr& plan, const std::vector<std::string>& names, const std::string& what);

/// The output attribute of each named expression (toAttribute).
std::vector<ExprPtr> attributesOf(const std::vector<ExprPtr>& named);

/// Spark allows window functions only in the select list (and ORDER BY /
/// QUALIFY, which Loch does not bind yet) and aggregates only in SELECT,
/// HAVING and ORDER BY of an aggregate query.
/// @throws AnalysisException UNSUPPORTED_EXPR_FOR_OPERATOR naming `clause`
///         when `e` contains a window, and, unless `allow_aggregate`, an
///         aggregate function.
void rejectMisplaced(const ExprPtr& e, const char* clause, bool allow_aggregate);

/// Rewrites a HAVING / ORDER BY expression over an aggregate's input into
/// one over its output: aggregate calls and grouping expressions map to
/// output columns, added as hidden outputs when not selected (Spark's
/// ResolveAggregateFunctions).
/// @throws AnalysisException MISSING_AGGREGATION for a column that is
///         neither grouped nor aggregated.
ExprPtr rewriteOverAggregate(const ExprPtr& e, const std::vector<ExprPtr>& groupings, std::vector<ExprPtr>& outputs);

/// An Alias's child, or the expression itself.
const ExprPtr& bodyOf(const ExprPtr& named);

/// True for UNRESOLVED_COLUMN.* errors (used to fall back to another scope).
bool isUnresolvedColumn(const LochException& e);

/// `plan`'s columns cast to `types` where they differ (set operations).
LogicalPlanPtr castColumns(const LogicalPlanPtr& plan, const std::vector<DataTypePtr>& types);

/// Widens both sides to common column types and builds the set operation
/// (the DataFrame API's rule: findWiderTypeForTwo per column); a right side
/// sharing attribute ids with the left gets fresh ids.
/// @throws AnalysisException NUM_COLUMNS_MISMATCH / INCOMPATIBLE_COLUMN_TYPE.
LogicalPlanPtr widenedSetOperation(PlanKind kind, LogicalPlanPtr left, LogicalPlanPtr right, bool all, bool ansi);

}  // namespace loch::binder

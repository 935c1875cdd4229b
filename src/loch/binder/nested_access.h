#pragma once
// Nested access in SQL (Spark's ExtractValue): `arr[i]`, `map[key]`,
// `struct.field`, `t.s.field`, `f(x).field`. translate() emits markers for
// subscripts and field access after an expression; bindNestedAccess()
// resolves them against the input's types before the rest of the
// expression is resolved, as it resolves dotted names: `a.b` is column b
// of table a when there is one, else field b of column a (Spark's order).

#include <functional>
#include <string>
#include <vector>

#include "loch/plan/analyzer.h"

namespace loch::binder {

/// Unresolved `base[index]`.
ExprPtr subscriptMarker(ExprPtr base, ExprPtr index);
/// Unresolved `base.field` for a base that is not a plain name.
ExprPtr fieldMarker(ExprPtr base, const std::string& field);

/// True for a node bindNestedAccess binds: a marker, or a dotted column
/// name (two or more parts).
bool isNestedAccess(const ExprPtr& e);

/// Binds nested-access node `e`; `prebind` prepares its children (lambdas,
/// inner nested access) for `r`.
///  - arr[i]: 0-based; ANSI mode: INVALID_ARRAY_INDEX when out of range,
///    legacy: NULL (the index is cast to INT);
///  - map[key]: the key's value, NULL when absent;
///  - struct.field / struct['field']: the field (case-insensitive unless
///    spark.sql.caseSensitive); NULL when the struct is NULL.
/// @throws AnalysisException UNRESOLVED_COLUMN.* (the whole name),
///         FIELD_NOT_FOUND, AMBIGUOUS_REFERENCE_TO_FIELDS,
///         INVALID_EXTRACT_BASE_FIELD_TYPE.
ExprPtr bindNestedAccess(const ExprPtr& e, const ExpressionResolver& r,
                         const std::function<ExprPtr(const ExprPtr&)>& prebind);

/// `e` with markers replaced by functions the DataFrame resolver knows
/// (`get`), for functions::expr.
/// @throws AnalysisException UNSUPPORTED_FEATURE for field access after an
///         expression.
ExprPtr lowerNestedAccess(const ExprPtr& e);

}  // namespace loch::binder

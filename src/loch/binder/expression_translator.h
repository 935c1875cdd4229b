#pragma once
// AST expressions → unresolved loch expressions (internal to the binder).

#include <functional>

#include "loch/expr/expression.h"
#include "loch/sql/ast.h"

namespace loch::binder {

/// Called for a scalar subquery; returns the expression that replaces it
/// (the binder joins the subquery's single value to the current plan).
using ScalarSubqueryHook = std::function<ExprPtr(const sql::Query&)>;

/// Called for an `x IN (subquery)` nested in an expression (not a WHERE
/// conjunct); returns a boolean expression with IN's three-valued result.
using InSubqueryHook = std::function<ExprPtr(const sql::InSubquery&)>;

/// What translation needs from the enclosing SELECT block.
struct TranslateContext {
  TranslateContext() = default;
  TranslateContext(ScalarSubqueryHook hook) : scalar_subquery(std::move(hook)) {}  // NOLINT: implicit
  /// Scalar subqueries go here (an error when empty).
  ScalarSubqueryHook scalar_subquery;
  /// IN subqueries nested in expressions go here (an error when empty).
  InSubqueryHook in_subquery;
  /// The block's WINDOW clause, for `OVER w` / `OVER (w ORDER BY ...)`.
  std::vector<const sql::NamedWindow*> windows;
};

/// Translates `e`.
/// @throws AnalysisException UNSUPPORTED_FEATURE for unsupported forms,
///         MISSING_WINDOW_SPECIFICATION for an unknown window name.
ExprPtr translate(const sql::Expr& e, const TranslateContext& ctx);

/// The literal's Value / expression (typed literals become casts of strings).
ExprPtr translateLiteral(const sql::Literal& lit);

/// `e` as a SortOrder with Spark's defaults (ASC; NULLS FIRST for ASC,
/// NULLS LAST for DESC).
ExprPtr sortOrderFor(const sql::SortItem& item, ExprPtr e);

/// `lit` as an integer when it is a plain integer literal (ordinals, LIMIT).
std::optional<int64_t> integerLiteral(const sql::Expr& e);

}  // namespace loch::binder

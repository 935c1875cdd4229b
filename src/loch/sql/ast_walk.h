#pragma once
// Generic traversal of expression trees, so the binder and other consumers
// need not repeat the per-kind child lists (e.g. to find aggregates or
// column references).

#include <functional>

#include "loch/sql/ast.h"

namespace loch::sql {

/// Calls `fn` on each direct child expression of `expr`, in source order:
/// operands, arguments, FILTER, WITHIN GROUP and OVER expressions, CASE
/// branches, lambda bodies. Subqueries (EXISTS, IN, scalar) are NOT
/// entered: their expressions belong to another query scope. Never throws
/// by itself.
void forEachChild(const Expr& expr, const std::function<void(const Expr&)>& fn);

/// Calls `fn` on `expr` and then, depth first, on every descendant reached
/// through forEachChild. Returning false from `fn` skips that node's
/// children.
void walkExpr(const Expr& expr, const std::function<bool(const Expr&)>& fn);

}  // namespace loch::sql

#include "loch/sql/ast_walk.h"

namespace loch::sql {

namespace {

void visitAll(const std::vector<ExprPtr>& list,
              const std::function<void(const Expr&)>& fn) {
  for (const ExprPtr& e : list) {
    if (e) fn(*e);
  }
}

void visitSortItems(const std::vector<SortItem>& items,
                    const std::function<void(const Expr&)>& fn) {
  for (const SortItem& item : items) fn(*item.expr);
}

void visitWindow(const WindowSpec& spec,
                 const std::function<void(const Expr&)>& fn) {
  visitAll(spec.partition_by, fn);
  visitSortItems(spec.order_by, fn);
  if (spec.frame) {
    if (spec.frame->start.offset) fn(*spec.frame->start.offset);
    if (spec.frame->end.offset) fn(*spec.frame->end.offset);
  }
}

}  // namespace

void forEachChild(const Expr& expr,
                  const std::function<void(const Expr&)>& fn) {
  switch (expr.kind) {
    case ExprKind::kLiteral:
    case ExprKind::kColumnRef:
    case ExprKind::kStar:
    case ExprKind::kExists:
    case ExprKind::kScalarSubquery:
      return;
    case ExprKind::kUnary:
      fn(*expr.as<Unary>().operand);
      return;
    case ExprKind::kBinary:
      fn(*expr.as<Binary>().left);
      fn(*expr.as<Binary>().right);
      return;
    case ExprKind::kIsPredicate:
      fn(*expr.as<IsPredicate>().operand);
      return;
    case ExprKind::kIsDistinctFrom:
      fn(*expr.as<IsDistinctFrom>().left);
      fn(*expr.as<IsDistinctFrom>().right);
      return;
    case ExprKind::kBetween: {
      const auto& b = expr.as<Between>();
      fn(*b.operand);
      fn(*b.low);
      fn(*b.high);
      return;
    }
    case ExprKind::kInList:
      fn(*expr.as<InList>().operand);
      visitAll(expr.as<InList>().values, fn);
      return;
    case ExprKind::kInSubquery:
      fn(*expr.as<InSubquery>().operand);
      return;
    case ExprKind::kLike:
      fn(*expr.as<Like>().operand);
      visitAll(expr.as<Like>().patterns, fn);
      return;
    case ExprKind::kCase: {
      const auto& c = expr.as<Case>();
      if (c.operand) fn(*c.operand);
      for (const WhenClause& w : c.whens) {
        fn(*w.condition);
        fn(*w.result);
      }
      if (c.else_result) fn(*c.else_result);
      return;
    }
    case ExprKind::kCast:
      fn(*expr.as<Cast>().operand);
      return;
    case ExprKind::kExtract:
      fn(*expr.as<Extract>().source);
      return;
    case ExprKind::kTrim: {
      const auto& t = expr.as<Trim>();
      if (t.chars) fn(*t.chars);
      fn(*t.source);
      return;
    }
    case ExprKind::kFunctionCall: {
      const auto& f = expr.as<FunctionCall>();
      visitAll(f.args, fn);
      if (f.filter) fn(*f.filter);
      visitSortItems(f.within_group, fn);
      if (f.over) visitWindow(*f.over, fn);
      return;
    }
    case ExprKind::kLambda:
      fn(*expr.as<Lambda>().body);
      return;
    case ExprKind::kSubscript:
      fn(*expr.as<Subscript>().base);
      fn(*expr.as<Subscript>().index);
      return;
    case ExprKind::kFieldAccess:
      fn(*expr.as<FieldAccess>().base);
      return;
    case ExprKind::kNamedArgument:
      fn(*expr.as<NamedArgument>().value);
      return;
    case ExprKind::kTuple:
      visitAll(expr.as<Tuple>().items, fn);
      return;
    case ExprKind::kAlias:
      fn(*expr.as<Alias>().expr);
      return;
  }
}

void walkExpr(const Expr& expr, const std::function<bool(const Expr&)>& fn) {
  if (!fn(expr)) return;
  forEachChild(expr, [&](const Expr& child) { walkExpr(child, fn); });
}

}  // namespace loch::sql

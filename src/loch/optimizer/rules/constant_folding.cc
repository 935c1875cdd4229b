#include "loch/optimizer/rules/constant_folding.h"

#include "loch/common/exception.h"
#include "loch/expr/physical_expr.h"
#include "loch/optimizer/plan_util.h"
#include "loch/types/datetime.h"

namespace loch {

namespace {

bool foldable(const ExprPtr& e) {
  switch (e->kind()) {
    case ExprKind::ScalarFunction:
    case ExprKind::Cast:
    case ExprKind::CaseWhen:
      break;
    default:
      return false;
  }
  if (!isDeterministic(e)) return false;
  for (const auto& c : e->children()) {
    if (c->kind() != ExprKind::Literal) return false;
  }
  // current_date()/current_timestamp() stay: they are fixed per query, not per plan.
  if (e->kind() == ExprKind::ScalarFunction && e->children().empty()) return false;
  return true;
}

}  // namespace

ExprPtr foldConstants(const ExprPtr& e, const RuntimeConfig& conf) {
  EvalContext ctx = EvalContext::defaults();
  ctx.ansi = conf.ansiEnabled();
  ctx.time_zone_name = conf.sessionTimeZone();
  ctx.time_zone = &lookupTimeZone(ctx.time_zone_name);
  return transformExpr(e, [&](const ExprPtr& x) -> ExprPtr {
    if (!foldable(x)) return nullptr;
    try {
      Value v = evaluateConstant(x, ctx);
      return Expr::literal(v.isNull() ? Value::null(x->type()) : v)->withType(x->type(), v.isNull());
    } catch (const LochException&) {
      return nullptr;
    }
  });
}

namespace {

std::vector<ExprPtr> foldAll(const std::vector<ExprPtr>& exprs, const RuntimeConfig& conf, bool& changed) {
  std::vector<ExprPtr> out;
  for (const auto& e : exprs) {
    auto f = foldConstants(e, conf);
    changed = changed || f != e;
    out.push_back(f);
  }
  return out;
}

bool isTrueLiteral(const ExprPtr& e) {
  return e->kind() == ExprKind::Literal && !e->literal().isNull() && e->literal().type()->id() == TypeId::Boolean &&
         e->literal().getBool();
}

}  // namespace

LogicalPlanPtr ConstantFolding::apply(const LogicalPlanPtr& plan, const RuntimeConfig& conf) const {
  return transformUp(plan, [&](const LogicalPlanPtr& p) -> LogicalPlanPtr {
    bool changed = false;
    switch (p->kind()) {
      case PlanKind::Project: {
        auto exprs = foldAll(p->expressions(), conf, changed);
        return changed ? p->withExpressions(std::move(exprs)) : p;
      }
      case PlanKind::Filter: {
        auto c = foldConstants(p->condition(), conf);
        if (isTrueLiteral(c)) return p->child();
        return c != p->condition() ? p->withCondition(c) : p;
      }
      case PlanKind::Join: {
        if (!p->condition()) return p;
        auto c = foldConstants(p->condition(), conf);
        return c != p->condition() ? p->withCondition(c) : p;
      }
      default:
        return p;
    }
  });
}

}  // namespace loch

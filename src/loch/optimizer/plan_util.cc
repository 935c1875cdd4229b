#include "loch/optimizer/plan_util.h"

#include "loch/function/function_binder.h"
#include "loch/function/scalar_function.h"

namespace loch {

std::set<int64_t> referencedIds(const ExprPtr& e) {
  std::set<int64_t> ids;
  visitExpr(e, [&](const ExprPtr& x) {
    if (x->kind() == ExprKind::Attribute) ids.insert(x->attributeId());
  });
  return ids;
}

std::set<int64_t> outputIds(const LogicalPlan& plan) {
  std::set<int64_t> ids;
  for (const auto& a : plan.output()) ids.insert(a->attributeId());
  return ids;
}

bool referencesOnly(const ExprPtr& e, const std::set<int64_t>& ids) {
  for (int64_t id : referencedIds(e)) {
    if (!ids.count(id)) return false;
  }
  return true;
}

std::vector<ExprPtr> splitConjunction(const ExprPtr& e) {
  std::vector<ExprPtr> out;
  std::function<void(const ExprPtr&)> walk = [&](const ExprPtr& x) {
    if (x->kind() == ExprKind::ScalarFunction && x->scalarFunction()->name == "and" && x->children().size() == 2) {
      walk(x->child(0));
      walk(x->child(1));
    } else {
      out.push_back(x);
    }
  };
  walk(e);
  return out;
}

ExprPtr makeConjunction(const std::vector<ExprPtr>& conjuncts, bool ansi) {
  ExprPtr r;
  FunctionBindOptions opts;
  opts.ansi = ansi;
  for (const auto& c : conjuncts) r = r ? bindFunctionCall("and", {r, c}, false, opts) : c;
  return r;
}

bool isDeterministic(const ExprPtr& e) {
  bool det = true;
  visitExpr(e, [&](const ExprPtr& x) {
    if (x->kind() == ExprKind::ScalarFunction && x->scalarFunction() && !x->scalarFunction()->deterministic) det = false;
    if (x->kind() == ExprKind::ScalarSubquery || x->kind() == ExprKind::Exists || x->kind() == ExprKind::InSubquery) {
      det = false;
    }
  });
  return det;
}

LogicalPlanPtr transformUp(const LogicalPlanPtr& plan, const std::function<LogicalPlanPtr(const LogicalPlanPtr&)>& fn) {
  std::vector<LogicalPlanPtr> children;
  bool changed = false;
  for (const auto& c : plan->children()) {
    auto nc = transformUp(c, fn);
    changed = changed || nc != c;
    children.push_back(nc);
  }
  LogicalPlanPtr cur = changed ? plan->withChildren(std::move(children)) : plan;
  return fn(cur);
}

}  // namespace loch

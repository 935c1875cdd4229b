#include "loch/binder/grouping_sets.h"

#include "loch/binder/binder_util.h"

namespace loch::binder {

namespace {

bool containsExpr(const std::vector<ExprPtr>& list, const ExprPtr& e) {
  for (const auto& x : list) {
    if (exprEquals(x, e)) return true;
  }
  return false;
}

void addUnique(std::vector<ExprPtr>& list, const ExprPtr& e) {
  if (!containsExpr(list, e)) list.push_back(e);
}

/// ROLLUP(a, b) → (a, b), (a), (); CUBE(a, b) → every subset.
std::vector<std::vector<ExprPtr>> rollupSets(const std::vector<std::vector<ExprPtr>>& args) {
  std::vector<std::vector<ExprPtr>> out;
  for (size_t n = args.size() + 1; n-- > 0;) {
    std::vector<ExprPtr> set;
    for (size_t i = 0; i < n; ++i) set.insert(set.end(), args[i].begin(), args[i].end());
    out.push_back(set);
  }
  return out;
}

std::vector<std::vector<ExprPtr>> cubeSets(const std::vector<std::vector<ExprPtr>>& args) {
  if (args.size() > 12) unsupported("CUBE over more than 12 expressions");
  std::vector<std::vector<ExprPtr>> out;
  for (size_t mask = (size_t{1} << args.size()); mask-- > 0;) {
    std::vector<ExprPtr> set;
    for (size_t i = 0; i < args.size(); ++i) {
      if (mask & (size_t{1} << (args.size() - 1 - i))) set.insert(set.end(), args[i].begin(), args[i].end());
    }
    out.push_back(set);
  }
  return out;
}

/// `e` with grouping expressions outside the current set replaced by typed
/// NULLs; aggregate calls keep their inputs.
ExprPtr nullOutside(const ExprPtr& e, const std::vector<ExprPtr>& nulled) {
  if (e->kind() == ExprKind::AggregateFunction) return e;
  for (const auto& g : nulled) {
    if (exprEquals(g, e)) return Expr::literal(Value::null(g->type()));
  }
  if (e->children().empty()) return e;
  std::vector<ExprPtr> children;
  for (const auto& c : e->children()) children.push_back(nullOutside(c, nulled));
  return e->withChildren(std::move(children));
}

}  // namespace

std::vector<std::vector<ExprPtr>> expandGroupingSets(const sql::GroupBy& group_by,
                                                     const std::function<ExprPtr(const sql::Expr&)>& resolve,
                                                     std::vector<ExprPtr>& all_groupings) {
  std::vector<ExprPtr> plain;
  std::vector<std::vector<std::vector<ExprPtr>>> factors;  // one list of sets per item
  for (const auto& item : group_by.items) {
    if (item.kind == sql::GroupingKind::kExpr) {
      auto g = resolve(*item.expr);
      plain.push_back(g);
      addUnique(all_groupings, g);
      continue;
    }
    std::vector<std::vector<ExprPtr>> args;
    for (const auto& set : item.sets) {
      std::vector<ExprPtr> resolved;
      for (const auto& x : set) {
        resolved.push_back(resolve(*x));
        addUnique(all_groupings, resolved.back());
      }
      args.push_back(std::move(resolved));
    }
    switch (item.kind) {
      case sql::GroupingKind::kRollup: factors.push_back(rollupSets(args)); break;
      case sql::GroupingKind::kCube: factors.push_back(cubeSets(args)); break;
      default: factors.push_back(args); break;  // GROUPING SETS: each entry is a set
    }
  }
  if (group_by.modifier != sql::GroupByModifier::kNone) {
    // `GROUP BY a, b WITH ROLLUP` is ROLLUP(a, b).
    std::vector<std::vector<ExprPtr>> args;
    for (const auto& g : plain) args.push_back({g});
    factors.push_back(group_by.modifier == sql::GroupByModifier::kWithRollup ? rollupSets(args) : cubeSets(args));
    plain.clear();
  }
  if (factors.empty()) return {};
  std::vector<std::vector<ExprPtr>> sets{plain};
  for (const auto& f : factors) {
    std::vector<std::vector<ExprPtr>> next;
    for (const auto& base : sets) {
      for (const auto& s : f) {
        auto combined = base;
        for (const auto& x : s) addUnique(combined, x);
        next.push_back(std::move(combined));
      }
    }
    sets = std::move(next);
  }
  return sets;
}

LogicalPlanPtr bindGroupingSets(const LogicalPlanPtr& child, const std::vector<std::vector<ExprPtr>>& sets,
                                const std::vector<ExprPtr>& all_groupings, const std::vector<ExprPtr>& named,
                                const ExprPtr& having, bool ansi) {
  LogicalPlanPtr result;
  for (const auto& set : sets) {
    std::vector<ExprPtr> nulled;
    for (const auto& g : all_groupings) {
      if (!containsExpr(set, g)) nulled.push_back(g);
    }
    std::vector<ExprPtr> outputs;
    for (const auto& n : named) outputs.push_back(Expr::alias(nullOutside(bodyOf(n), nulled), n->name()));
    const size_t keep = outputs.size();
    ExprPtr cond;
    if (having) {
      // Select-list aliases in HAVING refer to `named`; map them to this
      // branch's outputs by position.
      ExprPtr h = transformExpr(having, [&](const ExprPtr& x) -> ExprPtr {
        if (x->kind() != ExprKind::Attribute) return nullptr;
        for (size_t i = 0; i < named.size(); ++i) {
          if (named[i]->kind() == ExprKind::Alias && toAttribute(named[i])->attributeId() == x->attributeId()) {
            return bodyOf(outputs[i]);
          }
        }
        return nullptr;
      });
      cond = rewriteOverAggregate(nullOutside(h, nulled), set, outputs);
      requireBoolean(cond, "having");
    }
    LogicalPlanPtr branch = LogicalPlan::aggregate(child, set, outputs);
    if (cond) branch = LogicalPlan::filter(branch, cond);
    if (branch->output().size() > keep) {
      branch = LogicalPlan::project(branch, std::vector<ExprPtr>(branch->output().begin(), branch->output().begin() + keep));
    }
    result = result ? widenedSetOperation(PlanKind::Union, result, branch, true, ansi) : branch;
  }
  return result;
}

}  // namespace loch::binder

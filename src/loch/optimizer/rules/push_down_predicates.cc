#include "loch/optimizer/rules/push_down_predicates.h"

#include <set>

#include "loch/common/format.h"
#include "loch/function/scalar_function.h"
#include "loch/optimizer/plan_util.h"

namespace loch {

namespace {

/// Functions whose result is NULL when any argument is NULL.
bool propagatesNull(const std::string& name) {
  static const std::set<std::string> names = {
      "+", "-", "*", "/", "%", "div", "=", "==", "<", "<=", ">", ">=", "<>", "!=", "negative", "abs",
      "upper", "lower", "length", "substring", "substr", "like", "rlike", "ilike", "year", "month",
      "day", "dayofmonth", "hour", "minute", "second", "date_format", "to_date", "trim", "concat",
      "startswith", "endswith", "contains", "in"};
  return names.count(toLower(name)) > 0;
}

/// NULL whenever every attribute of `ids` is NULL.
bool nullWhenAllNull(const ExprPtr& e, const std::set<int64_t>& ids) {
  switch (e->kind()) {
    case ExprKind::Attribute: return ids.count(e->attributeId()) > 0;
    case ExprKind::Cast: return nullWhenAllNull(e->child(0), ids);
    case ExprKind::ScalarFunction: {
      if (!propagatesNull(e->scalarFunction()->name)) return false;
      for (const auto& c : e->children()) {
        if (nullWhenAllNull(c, ids)) return true;
      }
      return false;
    }
    default: return false;
  }
}

}  // namespace

bool rejectsNullsOf(const ExprPtr& e, const std::set<int64_t>& ids) {
  if (e->kind() == ExprKind::ScalarFunction) {
    const std::string n = toLower(e->scalarFunction()->name);
    if (n == "isnotnull") return nullWhenAllNull(e->child(0), ids);
    if (n == "and") return rejectsNullsOf(e->child(0), ids) || rejectsNullsOf(e->child(1), ids);
    if (n == "or") return rejectsNullsOf(e->child(0), ids) && rejectsNullsOf(e->child(1), ids);
  }
  return nullWhenAllNull(e, ids);
}

namespace {

class Pusher {
 public:
  explicit Pusher(const RuntimeConfig& conf) : ansi_(conf.ansiEnabled()) {}

  LogicalPlanPtr visit(const LogicalPlanPtr& plan) {
    if (plan->kind() == PlanKind::Filter) return pushFilter(visit(plan->child()), splitConjunction(plan->condition()));
    std::vector<LogicalPlanPtr> children;
    bool changed = false;
    for (const auto& c : plan->children()) {
      auto nc = visit(c);
      changed = changed || nc != c;
      children.push_back(nc);
    }
    return changed ? plan->withChildren(std::move(children)) : plan;
  }

 private:
  LogicalPlanPtr filterOf(const LogicalPlanPtr& child, const std::vector<ExprPtr>& conjuncts) {
    if (conjuncts.empty()) return child;
    return LogicalPlan::filter(child, makeConjunction(conjuncts, ansi_));
  }

  /// Places `conjuncts` over `child`, as deep as possible.
  LogicalPlanPtr pushFilter(const LogicalPlanPtr& child, std::vector<ExprPtr> conjuncts) {
    std::vector<ExprPtr> movable, fixed;
    for (auto& c : conjuncts) (isDeterministic(c) ? movable : fixed).push_back(c);
    if (movable.empty()) return filterOf(child, fixed);
    switch (child->kind()) {
      case PlanKind::Filter: {
        // Merge adjacent filters (the lower one's conjuncts first).
        auto lower = splitConjunction(child->condition());
        lower.insert(lower.end(), movable.begin(), movable.end());
        return filterOf(pushFilter(child->child(), lower), fixed);
      }
      case PlanKind::Project: return filterOf(throughProject(child, movable), fixed);
      case PlanKind::Sort:
      case PlanKind::Hint:
      case PlanKind::Repartition:
      case PlanKind::SubqueryAlias:
        return filterOf(child->withChildren({pushFilter(child->child(), movable)}), fixed);
      case PlanKind::Aggregate: return filterOf(throughAggregate(child, movable), fixed);
      case PlanKind::Join: return filterOf(intoJoin(child, movable), fixed);
      case PlanKind::Generate: {
        // Only conjuncts over the kept child columns go below: the
        // generator's columns do not exist there (Spark's PushPredicateThroughNonJoin).
        std::set<int64_t> generated;
        for (const auto& g : child->generatorOutput()) generated.insert(toAttribute(g)->attributeId());
        std::vector<ExprPtr> below;
        for (const auto& c : movable) {
          bool uses_generated = false;
          for (int64_t id : referencedIds(c)) uses_generated = uses_generated || generated.count(id) > 0;
          (uses_generated ? fixed : below).push_back(c);
        }
        if (below.empty()) return filterOf(child, fixed);
        return filterOf(child->withChildren({pushFilter(child->child(), below)}), fixed);
      }
      default: {
        movable.insert(movable.end(), fixed.begin(), fixed.end());
        return filterOf(child, movable);
      }
    }
  }

  LogicalPlanPtr throughProject(const LogicalPlanPtr& project, const std::vector<ExprPtr>& conjuncts) {
    // Substitute aliases by their (deterministic) definitions.
    std::map<int64_t, ExprPtr> defs;
    for (const auto& e : project->expressions()) {
      if (e->kind() == ExprKind::Alias) defs[e->attributeId()] = e->child(0);
    }
    std::vector<ExprPtr> below, above;
    for (const auto& c : conjuncts) {
      bool ok = true;
      ExprPtr rewritten = transformExpr(c, [&](const ExprPtr& x) -> ExprPtr {
        if (x->kind() != ExprKind::Attribute) return nullptr;
        auto it = defs.find(x->attributeId());
        if (it == defs.end()) return nullptr;
        if (!isDeterministic(it->second) || containsAggregate(it->second) || containsWindow(it->second)) ok = false;
        return it->second;
      });
      (ok ? below : above).push_back(ok ? rewritten : c);
    }
    if (below.empty()) return filterOf(project, above);
    auto pushed = project->withChildren({pushFilter(project->child(), below)});
    return filterOf(pushed, above);
  }

  LogicalPlanPtr throughAggregate(const LogicalPlanPtr& agg, const std::vector<ExprPtr>& conjuncts) {
    // Grouping attributes passed through unchanged can be filtered first.
    std::set<int64_t> grouping_ids;
    for (const auto& g : agg->groupings()) {
      if (g->kind() != ExprKind::Attribute) continue;
      for (const auto& o : agg->expressions()) {
        if (o->kind() == ExprKind::Attribute && o->attributeId() == g->attributeId()) grouping_ids.insert(g->attributeId());
      }
    }
    std::vector<ExprPtr> below, above;
    for (const auto& c : conjuncts) {
      auto ids = referencedIds(c);
      bool ok = !ids.empty() && agg->groupings().size() > 0;
      for (int64_t id : ids) ok = ok && grouping_ids.count(id);
      (ok ? below : above).push_back(c);
    }
    if (below.empty()) return filterOf(agg, above);
    return filterOf(agg->withChildren({pushFilter(agg->child(), below)}), above);
  }

  LogicalPlanPtr intoJoin(const LogicalPlanPtr& join, const std::vector<ExprPtr>& conjuncts) {
    auto left_ids = outputIds(*join->child(0));
    auto right_ids = outputIds(*join->child(1));
    JoinType type = join->joinType();
    // A filter that rejects the NULL padding of an outer side makes that
    // side's padding irrelevant (EliminateOuterJoin).
    bool left_rejected = false, right_rejected = false;
    for (const auto& c : conjuncts) {
      left_rejected = left_rejected || rejectsNullsOf(c, left_ids);
      right_rejected = right_rejected || rejectsNullsOf(c, right_ids);
    }
    if (type == JoinType::LeftOuter && right_rejected) type = JoinType::Inner;
    if (type == JoinType::RightOuter && left_rejected) type = JoinType::Inner;
    if (type == JoinType::FullOuter) {
      if (left_rejected && right_rejected) type = JoinType::Inner;
      else if (left_rejected) type = JoinType::LeftOuter;
      else if (right_rejected) type = JoinType::RightOuter;
    }
    bool push_left = type == JoinType::Inner || type == JoinType::Cross || type == JoinType::LeftOuter ||
                     type == JoinType::LeftSemi || type == JoinType::LeftAnti;
    bool push_right = type == JoinType::Inner || type == JoinType::Cross || type == JoinType::RightOuter;
    std::vector<ExprPtr> left, right, both, above;
    for (const auto& c : conjuncts) {
      if (push_left && referencesOnly(c, left_ids)) {
        left.push_back(c);
      } else if (push_right && referencesOnly(c, right_ids)) {
        right.push_back(c);
      } else if ((type == JoinType::Inner || type == JoinType::Cross) && !referencedIds(c).empty()) {
        both.push_back(c);
      } else {
        above.push_back(c);
      }
    }
    auto l = left.empty() ? join->child(0) : pushFilter(join->child(0), left);
    auto r = right.empty() ? join->child(1) : pushFilter(join->child(1), right);
    ExprPtr cond = join->condition();
    if (!both.empty()) {
      std::vector<ExprPtr> all = cond ? splitConjunction(cond) : std::vector<ExprPtr>{};
      all.insert(all.end(), both.begin(), both.end());
      cond = makeConjunction(all, ansi_);
      if (type == JoinType::Cross) type = JoinType::Inner;
    }
    auto rebuilt = LogicalPlan::join(l, r, type, cond, join->broadcastHint());
    return filterOf(rebuilt, above);
  }

  bool ansi_;
};

}  // namespace

LogicalPlanPtr PushDownPredicates::apply(const LogicalPlanPtr& plan, const RuntimeConfig& conf) const {
  return Pusher(conf).visit(plan);
}

}  // namespace loch

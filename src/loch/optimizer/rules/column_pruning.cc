#include "loch/optimizer/rules/column_pruning.h"

#include "loch/optimizer/plan_util.h"

namespace loch {

namespace {

void addRefs(const ExprPtr& e, std::set<int64_t>& ids) {
  if (!e) return;
  auto r = referencedIds(e);
  ids.insert(r.begin(), r.end());
}

LogicalPlanPtr prune(const LogicalPlanPtr& plan, const std::set<int64_t>& required);

LogicalPlanPtr pruneChildren(const LogicalPlanPtr& plan, const std::vector<std::set<int64_t>>& child_required) {
  std::vector<LogicalPlanPtr> children;
  bool changed = false;
  for (size_t i = 0; i < plan->children().size(); ++i) {
    auto nc = prune(plan->child(i), child_required[i]);
    changed = changed || nc != plan->child(i);
    children.push_back(nc);
  }
  return changed ? plan->withChildren(std::move(children)) : plan;
}

LogicalPlanPtr prune(const LogicalPlanPtr& plan, const std::set<int64_t>& required) {
  switch (plan->kind()) {
    case PlanKind::Project: {
      std::vector<ExprPtr> kept;
      std::set<int64_t> child_req;
      for (const auto& e : plan->expressions()) {
        if (!required.count(toAttribute(e)->attributeId())) continue;
        kept.push_back(e);
        addRefs(e, child_req);
      }
      if (kept.empty() && !plan->expressions().empty()) {
        // Keep one column so row counts survive (count(*) over a projection).
        kept.push_back(plan->expressions()[0]);
        addRefs(kept[0], child_req);
      }
      auto child = prune(plan->child(), child_req);
      auto p = kept.size() == plan->expressions().size() ? plan : plan->withExpressions(kept);
      return child == plan->child() ? p : p->withChildren({child});
    }
    case PlanKind::Filter: {
      std::set<int64_t> req = required;
      addRefs(plan->condition(), req);
      return pruneChildren(plan, {req});
    }
    case PlanKind::Sort: {
      std::set<int64_t> req = required;
      for (const auto& o : plan->orders()) addRefs(o, req);
      return pruneChildren(plan, {req});
    }
    case PlanKind::Aggregate: {
      std::set<int64_t> req;
      for (const auto& g : plan->groupings()) addRefs(g, req);
      for (const auto& o : plan->expressions()) {
        addRefs(o, req);
        visitExpr(o, [&](const ExprPtr& x) { addRefs(x->filter(), req); });
      }
      return pruneChildren(plan, {req});
    }
    case PlanKind::Join: {
      std::set<int64_t> req = required;
      addRefs(plan->condition(), req);
      return pruneChildren(plan, {req, req});
    }
    case PlanKind::Window: {
      std::set<int64_t> req = required;
      for (const auto& e : plan->expressions()) addRefs(e, req);
      for (const auto& g : plan->groupings()) addRefs(g, req);
      for (const auto& o : plan->windowOrders()) addRefs(o, req);
      return pruneChildren(plan, {req});
    }
    case PlanKind::Repartition: {
      std::set<int64_t> req = required;
      for (const auto& g : plan->groupings()) addRefs(g, req);
      return pruneChildren(plan, {req});
    }
    case PlanKind::Generate: {
      // Kept columns nobody above reads are dropped; the child must still
      // produce the generator's input.
      std::vector<ExprPtr> kept;
      std::set<int64_t> req;
      for (const auto& a : plan->keptColumns()) {
        if (!required.count(a->attributeId())) continue;
        kept.push_back(a);
        req.insert(a->attributeId());
      }
      addRefs(plan->generatorInput(), req);
      auto p = kept.size() == plan->keptColumns().size() ? plan : plan->withKeptColumns(kept);
      auto child = prune(plan->child(), req);
      return child == plan->child() ? p : p->withChildren({child});
    }
    case PlanKind::Limit:
    case PlanKind::Sample:
    case PlanKind::SubqueryAlias:
    case PlanKind::Hint:
      return pruneChildren(plan, {required});
    case PlanKind::DataSourceScan: {
      std::vector<int> keep;
      for (size_t i = 0; i < plan->output().size(); ++i) {
        if (required.count(plan->output()[i]->attributeId())) keep.push_back(static_cast<int>(i));
      }
      // No column needed (count(*)): sources produce row counts without
      // decoding any column (Parquet from its row-group metadata).
      if (keep.size() == plan->output().size()) return plan;
      return plan->withScanColumnsSubset(keep);
    }
    default: {
      // Set operations, distinct, deduplicate: every column matters.
      std::vector<std::set<int64_t>> reqs;
      for (const auto& c : plan->children()) reqs.push_back(outputIds(*c));
      return pruneChildren(plan, reqs);
    }
  }
}

}  // namespace

LogicalPlanPtr ColumnPruning::apply(const LogicalPlanPtr& plan, const RuntimeConfig&) const {
  return prune(plan, outputIds(*plan));
}

}  // namespace loch

#include "loch/plan/physical_planner.h"

#include "loch/common/exception.h"
#include "loch/exec/aggregate/hash_aggregate.h"
#include "loch/exec/data_source_scan.h"
#include "loch/exec/filter_operator.h"
#include "loch/exec/generate_operator.h"
#include "loch/exec/join/hash_join.h"
#include "loch/exec/project_operator.h"
#include "loch/exec/set/sample.h"
#include "loch/exec/set/set_operators.h"
#include "loch/exec/sort/limit.h"
#include "loch/exec/sort/sort.h"
#include "loch/exec/sort/top_n.h"
#include "loch/exec/table_scan.h"
#include "loch/exec/window/window_operator.h"
#include "loch/expr/physical_expr.h"
#include "loch/function/function_binder.h"
#include "loch/function/scalar_function.h"
#include "loch/plan/analyzer.h"

namespace loch {

namespace {

SchemaPtr schemaOf(const std::vector<ExprPtr>& named) {
  std::vector<StructField> fields;
  for (const auto& e : named) fields.emplace_back(e->outputName(), e->type(), e->nullable());
  return StructType(std::move(fields));
}

std::vector<PhysicalExprPtr> compileAll(const std::vector<ExprPtr>& exprs, const std::vector<int64_t>& ids) {
  std::vector<PhysicalExprPtr> out;
  for (const auto& e : exprs) out.push_back(compileExpr(e, ids));
  return out;
}

FunctionBindOptions bindOptions(const RuntimeConfig& conf) {
  FunctionBindOptions o;
  o.ansi = conf.ansiEnabled();
  return o;
}

/// Attribute ids an expression reads.
void collectIds(const ExprPtr& e, std::vector<int64_t>& out) {
  visitExpr(e, [&](const ExprPtr& x) {
    if (x->kind() == ExprKind::Attribute) out.push_back(x->attributeId());
  });
}

bool allIn(const ExprPtr& e, const std::vector<int64_t>& ids) {
  std::vector<int64_t> used;
  collectIds(e, used);
  for (int64_t u : used) {
    if (std::find(ids.begin(), ids.end(), u) == ids.end()) return false;
  }
  return true;
}

void splitConjuncts(const ExprPtr& e, std::vector<ExprPtr>& out) {
  if (e->kind() == ExprKind::ScalarFunction && e->scalarFunction()->name == "and" && e->children().size() == 2) {
    splitConjuncts(e->child(0), out);
    splitConjuncts(e->child(1), out);
    return;
  }
  out.push_back(e);
}

}  // namespace

PhysicalOperatorPtr PhysicalPlanner::plan(const LogicalPlanPtr& plan) { return planNode(*plan).op; }

int64_t PhysicalPlanner::estimateBytes(const LogicalPlan& p) {
  switch (p.kind()) {
    case PlanKind::LocalRelation: return p.table()->memoryBytes();
    case PlanKind::DataSourceScan: {
      int64_t total = p.dataSource()->estimatedBytes();
      size_t all = p.dataSource()->schema()->fields().size();
      return total < 0 || all == 0 ? total : total * static_cast<int64_t>(p.scanColumns().size()) / static_cast<int64_t>(all);
    }
    case PlanKind::Filter:
    case PlanKind::Aggregate:
    case PlanKind::Distinct:
    case PlanKind::Deduplicate: {
      int64_t c = estimateBytes(*p.child());
      return c < 0 ? -1 : c / 2;
    }
    case PlanKind::Join: {
      int64_t l = estimateBytes(*p.child(0)), r = estimateBytes(*p.child(1));
      return l < 0 || r < 0 ? -1 : l + r;
    }
    case PlanKind::Union: {
      int64_t total = 0;
      for (const auto& c : p.children()) {
        int64_t b = estimateBytes(*c);
        if (b < 0) return -1;
        total += b;
      }
      return total;
    }
    default:
      return p.children().empty() ? -1 : estimateBytes(*p.child());
  }
}

PhysicalPlanner::Planned PhysicalPlanner::planNode(const LogicalPlan& node) {
  switch (node.kind()) {
    case PlanKind::LocalRelation: return planScan(node);
    case PlanKind::DataSourceScan: {
      ScanOptions options;
      options.columns = node.scanColumns();
      options.predicates = node.pushedPredicates();
      options.batch_size = conf_.batchSize();
      std::vector<int64_t> ids;
      for (const auto& a : node.output()) ids.push_back(a->attributeId());
      return {std::make_shared<DataSourceScan>(node.schema(), node.dataSource(), std::move(options)), ids};
    }
    case PlanKind::Project: return planProject(node);
    case PlanKind::Filter: return planFilter(node);
    case PlanKind::Aggregate: return planAggregate(node);
    case PlanKind::Distinct: return planDistinct(node);
    case PlanKind::Deduplicate: return planDeduplicate(node);
    case PlanKind::Join: return planJoin(node);
    case PlanKind::Sort: return planSort(node, -1, 0);
    case PlanKind::Limit: return planLimit(node);
    case PlanKind::Union: return planUnion(node);
    case PlanKind::Intersect:
    case PlanKind::Except: return planSetOperation(node);
    case PlanKind::Sample: return planSample(node);
    case PlanKind::Window: return planWindow(node);
    case PlanKind::Generate: {
      Planned child = planNode(*node.child());
      std::vector<int> kept;
      std::vector<int64_t> ids;
      for (const auto& a : node.keptColumns()) {
        auto it = std::find(child.ids.begin(), child.ids.end(), a->attributeId());
        if (it == child.ids.end()) throw InternalException("Generate: kept column not in child: " + a->toString());
        kept.push_back(static_cast<int>(it - child.ids.begin()));
        ids.push_back(a->attributeId());
      }
      for (const auto& g : node.generatorOutput()) ids.push_back(toAttribute(g)->attributeId());
      auto op = std::make_shared<GenerateOperator>(child.op, compileExpr(node.generatorInput(), child.ids),
                                                   node.generatorKind(), node.generatorOuter(), std::move(kept),
                                                   node.schema());
      return {op, ids};
    }
    case PlanKind::SubqueryAlias:
    case PlanKind::Repartition:
    case PlanKind::Hint: return planNode(*node.child());
  }
  throw UnsupportedException("no physical operator for " + node.nodeString());
}

PhysicalPlanner::Planned PhysicalPlanner::planScan(const LogicalPlan& node) {
  std::vector<int> columns;
  std::vector<int64_t> ids;
  for (size_t i = 0; i < node.output().size(); ++i) {
    columns.push_back(static_cast<int>(i));
    ids.push_back(node.output()[i]->attributeId());
  }
  auto op = std::make_shared<TableScan>(node.schema(), node.table()->batches, columns, "LocalRelation");
  return {op, ids};
}

PhysicalPlanner::Planned PhysicalPlanner::project(Planned input, const std::vector<ExprPtr>& exprs) {
  // A projection that only reorders/keeps input columns still needs an
  // operator for the new layout, but no evaluation work beyond references.
  std::vector<int64_t> ids;
  for (const auto& e : exprs) ids.push_back(toAttribute(e)->attributeId());
  if (ids == input.ids) return {input.op, ids};
  std::vector<ExprPtr> bodies;
  for (const auto& e : exprs) bodies.push_back(e->kind() == ExprKind::Alias ? e->child(0) : e);
  auto op = std::make_shared<ProjectOperator>(input.op, compileAll(bodies, input.ids), schemaOf(exprs));
  return {op, ids};
}

PhysicalPlanner::Planned PhysicalPlanner::planProject(const LogicalPlan& node) {
  return project(planNode(*node.child()), node.expressions());
}

PhysicalPlanner::Planned PhysicalPlanner::planFilter(const LogicalPlan& node) {
  Planned child = planNode(*node.child());
  auto op = std::make_shared<FilterOperator>(child.op, compileExpr(node.condition(), child.ids));
  return {op, child.ids};
}

PhysicalPlanner::Planned PhysicalPlanner::planAggregate(const LogicalPlan& node) {
  Planned child = planNode(*node.child());
  // Keys: one column per grouping expression.
  std::vector<ExprPtr> key_attrs;
  std::vector<PhysicalExprPtr> keys;
  std::vector<StructField> fields;
  std::vector<int64_t> ids;
  for (const auto& g : node.groupings()) {
    int64_t id = g->kind() == ExprKind::Attribute ? g->attributeId() : Expr::newAttributeId();
    key_attrs.push_back(Expr::attribute(id, g->outputName(), g->type(), g->nullable()));
    keys.push_back(compileExpr(g, child.ids));
    fields.emplace_back(g->outputName(), g->type(), g->nullable());
    ids.push_back(id);
  }
  // Aggregate calls, deduplicated, each with an output attribute.
  std::vector<ExprPtr> calls;
  std::vector<ExprPtr> call_attrs;
  std::function<void(const ExprPtr&)> collect = [&](const ExprPtr& e) {
    if (e->kind() == ExprKind::AggregateFunction) {
      for (const auto& c : calls) {
        if (exprEquals(c, e)) return;
      }
      calls.push_back(e);
      call_attrs.push_back(Expr::attribute(Expr::newAttributeId(), e->toString(), e->type(), e->nullable()));
      return;
    }
    for (const auto& c : e->children()) collect(c);
  };
  for (const auto& o : node.expressions()) collect(o);
  std::vector<AggregateExprSpec> specs;
  for (size_t i = 0; i < calls.size(); ++i) {
    const auto& c = calls[i];
    AggregateExprSpec spec;
    spec.function = c->aggregateFunction();
    spec.args = compileAll(c->children(), child.ids);
    if (c->filter()) spec.filter = compileExpr(c->filter(), child.ids);
    spec.distinct = c->distinct();
    specs.push_back(std::move(spec));
    fields.emplace_back(call_attrs[i]->name(), c->type(), c->nullable());
    ids.push_back(call_attrs[i]->attributeId());
  }
  auto agg = std::make_shared<HashAggregate>(StructType(fields), child.op, std::move(keys), std::move(specs));
  // Final projection: output expressions over (keys, aggregate results).
  std::function<ExprPtr(const ExprPtr&)> rewrite = [&](const ExprPtr& e) -> ExprPtr {
    if (e->kind() == ExprKind::AggregateFunction) {
      for (size_t i = 0; i < calls.size(); ++i) {
        if (exprEquals(calls[i], e)) return call_attrs[i];
      }
    }
    for (size_t i = 0; i < node.groupings().size(); ++i) {
      if (exprEquals(node.groupings()[i], e)) return key_attrs[i];
    }
    if (e->children().empty()) return e;
    std::vector<ExprPtr> children;
    for (const auto& c : e->children()) children.push_back(rewrite(c));
    return e->withChildren(std::move(children));
  };
  std::vector<ExprPtr> outputs;
  for (const auto& o : node.expressions()) {
    if (o->kind() == ExprKind::Alias) {
      outputs.push_back(o->withChildren({rewrite(o->child(0))}));
    } else {
      ExprPtr r = rewrite(o);
      outputs.push_back(r->kind() == ExprKind::Attribute && r->attributeId() == o->attributeId()
                            ? r
                            : Expr::alias(r, o->name())->withChildren({r}));
    }
  }
  // An Attribute output keeps its id; aliases keep theirs.
  std::vector<ExprPtr> fixed;
  for (size_t i = 0; i < outputs.size(); ++i) {
    const auto& o = node.expressions()[i];
    if (o->kind() == ExprKind::Attribute && outputs[i]->kind() != ExprKind::Attribute) {
      // e.g. a grouping attribute rewritten to itself: keep the original id.
      fixed.push_back(o);
    } else {
      fixed.push_back(outputs[i]);
    }
  }
  return project({agg, ids}, fixed);
}

PhysicalPlanner::Planned PhysicalPlanner::planDistinct(const LogicalPlan& node) {
  Planned child = planNode(*node.child());
  std::vector<PhysicalExprPtr> keys = compileAll(node.child()->output(), child.ids);
  auto op = std::make_shared<HashAggregate>(node.schema(), child.op, std::move(keys), std::vector<AggregateExprSpec>{});
  return {op, child.ids};
}

PhysicalPlanner::Planned PhysicalPlanner::planDeduplicate(const LogicalPlan& node) {
  // One row per key: the keys, and first() of every other column; then the
  // original column order.
  Planned child = planNode(*node.child());
  const auto& keys = node.groupings();
  std::vector<PhysicalExprPtr> key_exprs = compileAll(keys, child.ids);
  std::vector<StructField> fields;
  std::vector<int64_t> ids;
  for (const auto& k : keys) {
    fields.emplace_back(k->name(), k->type(), k->nullable());
    ids.push_back(k->attributeId());
  }
  std::vector<AggregateExprSpec> specs;
  for (const auto& a : node.child()->output()) {
    bool is_key = false;
    for (const auto& k : keys) is_key = is_key || k->attributeId() == a->attributeId();
    if (is_key) continue;
    ExprPtr call = bindFunctionCall("first", {a}, false, bindOptions(conf_));
    AggregateExprSpec spec;
    spec.function = call->aggregateFunction();
    spec.args = compileAll(call->children(), child.ids);
    specs.push_back(std::move(spec));
    fields.emplace_back(a->name(), a->type(), a->nullable());
    ids.push_back(a->attributeId());
  }
  auto agg = std::make_shared<HashAggregate>(StructType(fields), child.op, std::move(key_exprs), std::move(specs));
  return project({agg, ids}, node.child()->output());
}

PhysicalPlanner::Planned PhysicalPlanner::planJoin(const LogicalPlan& node) {
  const LogicalPlan& lnode = *node.child(0);
  const LogicalPlan& rnode = *node.child(1);
  JoinType type = node.joinType();
  // Build side: the broadcast-hinted side, else the smaller estimated side
  // (right by default, as Spark's broadcast of the right side).
  bool left_hint = lnode.kind() == PlanKind::Hint;
  bool right_hint = rnode.kind() == PlanKind::Hint;
  int64_t lb = estimateBytes(lnode), rb = estimateBytes(rnode);
  bool swappable = type == JoinType::Inner || type == JoinType::LeftOuter || type == JoinType::RightOuter ||
                   type == JoinType::FullOuter || type == JoinType::Cross;
  bool swap = swappable && ((left_hint && !right_hint) || (!left_hint && !right_hint && lb >= 0 && rb >= 0 && lb < rb / 2));
  Planned left = planNode(lnode);
  Planned right = planNode(rnode);
  Planned probe = swap ? right : left;
  Planned build = swap ? left : right;
  JoinType ptype = type;
  if (swap && type == JoinType::LeftOuter) ptype = JoinType::RightOuter;
  if (swap && type == JoinType::RightOuter) ptype = JoinType::LeftOuter;

  std::vector<PhysicalExprPtr> probe_keys, build_keys;
  std::vector<bool> null_safe;
  std::vector<ExprPtr> residual;
  if (node.condition()) {
    std::vector<ExprPtr> conjuncts;
    splitConjuncts(node.condition(), conjuncts);
    for (const auto& c : conjuncts) {
      bool is_eq = c->kind() == ExprKind::ScalarFunction &&
                   (c->scalarFunction()->name == "=" || c->scalarFunction()->name == "==" ||
                    c->scalarFunction()->name == "<=>") &&
                   c->children().size() == 2;
      if (is_eq) {
        const auto& a = c->child(0);
        const auto& b = c->child(1);
        std::vector<int64_t> ua, ub;
        collectIds(a, ua);
        collectIds(b, ub);
        if (!ua.empty() && !ub.empty()) {
          if (allIn(a, probe.ids) && allIn(b, build.ids)) {
            probe_keys.push_back(compileExpr(a, probe.ids));
            build_keys.push_back(compileExpr(b, build.ids));
            null_safe.push_back(c->scalarFunction()->name == "<=>");
            continue;
          }
          if (allIn(b, probe.ids) && allIn(a, build.ids)) {
            probe_keys.push_back(compileExpr(b, probe.ids));
            build_keys.push_back(compileExpr(a, build.ids));
            null_safe.push_back(c->scalarFunction()->name == "<=>");
            continue;
          }
        }
      }
      residual.push_back(c);
    }
  }
  std::vector<int64_t> joined_ids = probe.ids;
  joined_ids.insert(joined_ids.end(), build.ids.begin(), build.ids.end());
  PhysicalExprPtr condition;
  if (!residual.empty()) {
    ExprPtr r = residual[0];
    for (size_t i = 1; i < residual.size(); ++i) r = bindFunctionCall("and", {r, residual[i]}, false, bindOptions(conf_));
    condition = compileExpr(r, joined_ids);
  }
  PhysicalOperatorPtr op;
  if (probe_keys.empty()) {
    op = std::make_shared<NestedLoopJoin>(ptype == JoinType::Cross ? JoinType::Inner : ptype, probe.op, build.op,
                                          condition);
  } else {
    op = std::make_shared<HashJoin>(ptype == JoinType::Cross ? JoinType::Inner : ptype, probe.op, build.op,
                                    std::move(probe_keys), std::move(build_keys), condition, std::move(null_safe));
  }
  if (joinOutputsProbeOnly(ptype)) return {op, probe.ids};
  Planned joined{op, joined_ids};
  if (!swap) return joined;
  return project(joined, node.output());
}

}  // namespace loch

namespace loch {

PhysicalPlanner::Planned PhysicalPlanner::planSort(const LogicalPlan& node, int64_t limit, int64_t offset) {
  Planned child = planNode(*node.child());
  std::vector<SortKey> keys;
  for (const auto& o : node.orders()) {
    SortKey k;
    k.expr = compileExpr(o->child(0), child.ids);
    k.ascending = o->ascending();
    k.nulls_first = o->nullsFirst();
    keys.push_back(std::move(k));
  }
  if (limit >= 0) return {std::make_shared<TopN>(child.op, std::move(keys), limit, offset), child.ids};
  PhysicalOperatorPtr op = std::make_shared<Sort>(child.op, std::move(keys));
  if (offset > 0) op = std::make_shared<Limit>(op, -1, offset);
  return {op, child.ids};
}

PhysicalPlanner::Planned PhysicalPlanner::planLimit(const LogicalPlan& node) {
  // ORDER BY ... LIMIT n becomes a top-N (sorting only what is kept).
  const LogicalPlan* below = node.child().get();
  while (below->kind() == PlanKind::SubqueryAlias) below = below->child().get();
  if (below->kind() == PlanKind::Sort && node.limit() >= 0) return planSort(*below, node.limit(), node.offset());
  Planned child = planNode(*node.child());
  return {std::make_shared<Limit>(child.op, node.limit(), node.offset()), child.ids};
}

PhysicalPlanner::Planned PhysicalPlanner::planUnion(const LogicalPlan& node) {
  // Nested unions flatten into one operator with many children.
  std::vector<PhysicalOperatorPtr> children;
  std::function<void(const LogicalPlan&)> add = [&](const LogicalPlan& n) {
    if (n.kind() == PlanKind::Union && n.all()) {
      for (const auto& c : n.children()) add(*c);
      return;
    }
    children.push_back(planNode(n).op);
  };
  add(node);
  std::vector<int64_t> ids;
  for (const auto& a : node.output()) ids.push_back(a->attributeId());
  PhysicalOperatorPtr op = std::make_shared<UnionAll>(std::move(children));
  if (!node.all()) op = std::make_shared<Distinct>(op);
  return {op, ids};
}

PhysicalPlanner::Planned PhysicalPlanner::planSetOperation(const LogicalPlan& node) {
  Planned left = planNode(*node.child(0));
  Planned right = planNode(*node.child(1));
  SetOpKind kind = node.kind() == PlanKind::Intersect ? SetOpKind::Intersect : SetOpKind::Except;
  return {std::make_shared<SetOperation>(kind, node.all(), left.op, right.op), left.ids};
}

PhysicalPlanner::Planned PhysicalPlanner::planSample(const LogicalPlan& node) {
  Planned child = planNode(*node.child());
  return {std::make_shared<Sample>(child.op, node.fraction(), node.seed(), node.withReplacement()), child.ids};
}

PhysicalPlanner::Planned PhysicalPlanner::planWindow(const LogicalPlan& node) {
  Planned child = planNode(*node.child());
  std::vector<PhysicalExprPtr> partition_keys = compileAll(node.groupings(), child.ids);
  std::vector<SortKey> order_keys;
  for (const auto& o : node.windowOrders()) {
    SortKey k;
    k.expr = compileExpr(o->child(0), child.ids);
    k.ascending = o->ascending();
    k.nulls_first = o->nullsFirst();
    order_keys.push_back(std::move(k));
  }
  std::vector<WindowExprSpec> specs;
  std::vector<StructField> fields = node.child()->schema()->fields();
  std::vector<int64_t> ids = child.ids;
  for (const auto& named : node.expressions()) {
    const ExprPtr& w = named->child(0);
    const ExprPtr& fn = w->child(0);
    WindowExprSpec spec;
    if (fn->kind() == ExprKind::WindowFunction) {
      spec.function = *fn->windowFunction();
    } else {
      spec.function = fn->aggregateFunction();
    }
    spec.args = compileAll(fn->children(), child.ids);
    spec.frame = *w->window()->frame;
    specs.push_back(std::move(spec));
    fields.emplace_back(named->name(), named->type(), named->nullable());
    ids.push_back(named->attributeId());
  }
  auto op = std::make_shared<WindowOperator>(child.op, std::move(partition_keys), std::move(order_keys),
                                             std::move(specs), StructType(std::move(fields)));
  return {op, ids};
}

}  // namespace loch

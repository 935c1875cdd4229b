#include "loch/optimizer/rules/push_filters_into_scan.h"

#include "loch/common/format.h"
#include "loch/function/scalar_function.h"
#include "loch/optimizer/plan_util.h"

namespace loch {

namespace {

/// Position of attribute `e` in the scan's output, or -1.
int scanPosition(const LogicalPlan& scan, const ExprPtr& e) {
  if (e->kind() != ExprKind::Attribute) return -1;
  for (size_t i = 0; i < scan.output().size(); ++i) {
    if (scan.output()[i]->attributeId() == e->attributeId()) return static_cast<int>(i);
  }
  return -1;
}

std::optional<ColumnPredicate::Op> comparison(const std::string& name, bool flipped) {
  using Op = ColumnPredicate::Op;
  if (name == "=" || name == "==") return Op::Eq;
  if (name == "<>" || name == "!=") return Op::NotEq;
  if (name == "<") return flipped ? Op::Gt : Op::Lt;
  if (name == "<=") return flipped ? Op::Ge : Op::Le;
  if (name == ">") return flipped ? Op::Lt : Op::Gt;
  if (name == ">=") return flipped ? Op::Le : Op::Ge;
  return std::nullopt;
}

std::optional<ColumnPredicate> toPredicate(const LogicalPlan& scan, const ExprPtr& c) {
  if (c->kind() != ExprKind::ScalarFunction) return std::nullopt;
  std::string name = toLower(c->scalarFunction()->name);
  const auto& args = c->children();
  auto column = [&](int pos) { return scan.scanColumns()[static_cast<size_t>(pos)]; };
  if ((name == "isnull" || name == "isnotnull") && args.size() == 1) {
    int pos = scanPosition(scan, args[0]);
    if (pos < 0) return std::nullopt;
    return ColumnPredicate{column(pos), name == "isnull" ? ColumnPredicate::Op::IsNull : ColumnPredicate::Op::IsNotNull,
                           {}};
  }
  if (name == "in" && args.size() >= 2) {
    int pos = scanPosition(scan, args[0]);
    if (pos < 0) return std::nullopt;
    ColumnPredicate p{column(pos), ColumnPredicate::Op::In, {}};
    for (size_t i = 1; i < args.size(); ++i) {
      if (args[i]->kind() != ExprKind::Literal) return std::nullopt;
      p.values.push_back(args[i]->literal());
    }
    return p;
  }
  if (args.size() != 2) return std::nullopt;
  int lpos = scanPosition(scan, args[0]);
  int rpos = scanPosition(scan, args[1]);
  if (lpos >= 0 && args[1]->kind() == ExprKind::Literal && !args[1]->literal().isNull()) {
    auto op = comparison(name, false);
    if (op) return ColumnPredicate{column(lpos), *op, {args[1]->literal()}};
  }
  if (rpos >= 0 && args[0]->kind() == ExprKind::Literal && !args[0]->literal().isNull()) {
    auto op = comparison(name, true);
    if (op) return ColumnPredicate{column(rpos), *op, {args[0]->literal()}};
  }
  return std::nullopt;
}

}  // namespace

LogicalPlanPtr PushFiltersIntoScan::apply(const LogicalPlanPtr& plan, const RuntimeConfig&) const {
  return transformUp(plan, [](const LogicalPlanPtr& p) -> LogicalPlanPtr {
    if (p->kind() != PlanKind::Filter || p->child()->kind() != PlanKind::DataSourceScan) return p;
    const auto& scan = *p->child();
    std::vector<ColumnPredicate> preds = scan.pushedPredicates();
    size_t before = preds.size();
    for (const auto& c : splitConjunction(p->condition())) {
      if (auto pred = toPredicate(scan, c)) preds.push_back(*pred);
    }
    if (preds.size() == before) return p;
    return p->withChildren({scan.withPushedPredicates(std::move(preds))});
  });
}

}  // namespace loch

#pragma once
// Turns an optimised logical plan into physical operators: chooses
// operators (hash aggregate, hash join with a build side, top-N for
// sort+limit), splits aggregates into the hash aggregate and a final
// projection, extracts equi-join keys, and compiles every expression
// against its input's column layout (attribute id → column index).

#include <vector>

#include "loch/common/config.h"
#include "loch/exec/physical_operator.h"
#include "loch/plan/logical_plan.h"

namespace loch {

class PhysicalPlanner {
 public:
  explicit PhysicalPlanner(const RuntimeConfig& conf) : conf_(conf) {}

  /// The root operator of `plan`.
  /// @throws UnsupportedException for plan nodes without a physical operator.
  PhysicalOperatorPtr plan(const LogicalPlanPtr& plan);

  /// Estimated bytes a plan produces (for build-side and broadcast choice);
  /// -1 when unknown.
  static int64_t estimateBytes(const LogicalPlan& plan);

 private:
  /// A physical subtree and the attribute id of each output column.
  struct Planned {
    PhysicalOperatorPtr op;
    std::vector<int64_t> ids;
  };

  Planned planNode(const LogicalPlan& node);
  Planned planScan(const LogicalPlan& node);
  Planned planProject(const LogicalPlan& node);
  Planned planFilter(const LogicalPlan& node);
  Planned planAggregate(const LogicalPlan& node);
  Planned planDistinct(const LogicalPlan& node);
  Planned planDeduplicate(const LogicalPlan& node);
  Planned planJoin(const LogicalPlan& node);
  Planned planSort(const LogicalPlan& node, int64_t limit, int64_t offset);
  Planned planLimit(const LogicalPlan& node);
  Planned planUnion(const LogicalPlan& node);
  Planned planSetOperation(const LogicalPlan& node);
  Planned planSample(const LogicalPlan& node);
  Planned planWindow(const LogicalPlan& node);
  /// Project `input` onto `exprs` (resolved, named) with output ids.
  Planned project(Planned input, const std::vector<ExprPtr>& exprs);

  const RuntimeConfig& conf_;
};

}  // namespace loch

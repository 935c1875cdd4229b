#pragma once
// The root sink of every query: keeps the batches of its child in morsel
// order so the result does not depend on thread timing.

#include <map>
#include <mutex>

#include "loch/exec/physical_operator.h"

namespace loch {

class CollectSink : public PhysicalOperator {
 public:
  explicit CollectSink(PhysicalOperatorPtr child) : PhysicalOperator(child->schema(), {child}) {}

  OperatorRole role() const override { return OperatorRole::Breaker; }
  std::string toString() const override { return "Collect"; }

  std::unique_ptr<OperatorState> makeSinkState(ExecContext& ctx) override;
  void sink(const RecordBatchPtr& batch, int64_t morsel, OperatorState* state, ExecContext& ctx) override;
  void combine(OperatorState* state, ExecContext& ctx) override;

  /// All batches, ordered by morsel and, within a morsel, by arrival.
  std::vector<RecordBatchPtr> batches() const;

 private:
  std::map<int64_t, std::vector<RecordBatchPtr>> by_morsel_;
};

}  // namespace loch

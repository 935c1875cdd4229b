#pragma once
// Runs a physical operator tree: cuts it into pipelines at breakers and
// joins, runs each pipeline's morsels on the thread pool, and collects the
// root's output in morsel order.

#include <vector>

#include "loch/exec/physical_operator.h"

namespace loch {

class Executor {
 public:
  explicit Executor(ExecContext& ctx) : ctx_(ctx) {}

  /// All output batches of `root`, in a deterministic order (morsel order of
  /// the last pipeline). Exceptions from operators propagate unchanged.
  std::vector<RecordBatchPtr> collect(const PhysicalOperatorPtr& root);

  /// Runs `root` and passes each output batch to `consumer` in order, from
  /// one thread (streaming writers, show()).
  void run(const PhysicalOperatorPtr& root, const std::function<void(const RecordBatchPtr&)>& consumer);

 private:
  /// Runs `op`'s output through `chain` (streaming operators, innermost
  /// first) into `sink` (child index `sink_child` of the sink operator).
  void runInto(PhysicalOperator& op, std::vector<PhysicalOperator*> chain, PhysicalOperator& sink, int sink_child);
  void runPipeline(PhysicalOperator& source, const std::vector<PhysicalOperator*>& chain, PhysicalOperator& sink,
                   int sink_child);
  void prepareBreaker(PhysicalOperator& op);

  ExecContext& ctx_;
};

}  // namespace loch

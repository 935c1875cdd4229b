#pragma once
// Sample (Spark's Dataset.sample / TABLESAMPLE (x PERCENT)): a streaming
// operator keeping each row with probability `fraction` (Bernoulli), or
// emitting it k ~ Poisson(fraction) times with replacement.
//
// Determinism: the random draw of a row is a counter-based hash of (seed,
// morsel index, row position within the morsel), so the sample is the same
// for any number of threads and any batch split. The morsel comes from
// ctx.eval.partition_index (set by the executor per morsel); the position
// is counted by the worker state, restarting when the morsel changes.
// The sampled rows differ from Spark's (which uses XORShiftRandom per
// partition); the distribution is the same.

#include <cstdint>
#include <string>

#include "loch/exec/physical_operator.h"

namespace loch {

class Sample : public PhysicalOperator {
 public:
  /// @param fraction expected fraction of rows; in [0, 1] without replacement,
  ///        >= 0 with replacement.
  /// @throws InvalidArgumentException("INVALID_SAMPLING_FRACTION") otherwise.
  Sample(PhysicalOperatorPtr child, double fraction, int64_t seed, bool with_replacement = false);

  OperatorRole role() const override { return OperatorRole::Streaming; }
  /// "Sample(fraction=0.1, seed=42, withReplacement=false)".
  std::string toString() const override;

  std::unique_ptr<OperatorState> makeState(ExecContext& ctx) override;
  void execute(const RecordBatchPtr& input, OperatorState* state, ExecContext& ctx, const Emit& emit) override;

 private:
  struct State;

  double fraction_;
  int64_t seed_;
  bool with_replacement_;
};

}  // namespace loch

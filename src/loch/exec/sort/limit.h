#pragma once
// Limit (LIMIT n OFFSET m without ORDER BY): a pipeline breaker returning
// rows [m, m+n) of its input in input (morsel) order, so the result is the
// same for any thread count. Once the morsels up to some index k hold
// enough rows, batches of later morsels are dropped on arrival without
// being kept.

#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "loch/exec/physical_operator.h"

namespace loch {

class Limit : public PhysicalOperator {
 public:
  /// @param limit rows to return, or -1 for no limit (OFFSET alone).
  /// @param offset rows to skip first (>= 0).
  /// @throws InternalException on limit < -1 or offset < 0.
  Limit(PhysicalOperatorPtr child, int64_t limit, int64_t offset = 0);

  OperatorRole role() const override { return OperatorRole::Breaker; }
  /// "Limit(limit=10, offset=5)".
  std::string toString() const override;

  std::unique_ptr<OperatorState> makeSinkState(ExecContext& ctx) override;
  void sink(const RecordBatchPtr& batch, int64_t morsel, OperatorState* state, ExecContext& ctx) override;
  void finalize(ExecContext& ctx) override;

  int64_t morselCount(ExecContext& ctx) override;
  void produce(int64_t morsel, ExecContext& ctx, const Emit& emit) override;

 private:
  struct SinkState;
  struct Part {
    int64_t morsel;
    int64_t seq;
    RecordBatchPtr batch;
  };

  int64_t limit_;
  int64_t offset_;
  std::mutex mutex_;
  std::unique_ptr<MemoryReservation> reservation_;
  std::vector<Part> parts_;
  std::map<int64_t, int64_t> rows_by_morsel_;
  int64_t cutoff_morsel_;  // batches of later morsels are not needed
  std::vector<RecordBatchPtr> out_;
};

}  // namespace loch

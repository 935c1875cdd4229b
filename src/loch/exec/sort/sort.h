#pragma once
// Sort (ORDER BY): a pipeline breaker. Workers buffer their batches with
// evaluated keys; finalize() orders the buffered rows by the keys (ties in
// input order: morsel, then row), and the source side emits them in
// chunks of ExecContext::batch_size rows, one chunk per morsel, in order;
// the buffered rows are freed once the last morsel was produced.
// Ordering rules: see row_sorter.h (Spark's SortOrder semantics).

#include <atomic>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "loch/exec/physical_operator.h"
#include "loch/exec/sort/sort_buffer.h"

namespace loch {

class Sort : public PhysicalOperator {
 public:
  /// @param child input; the output schema is the child's.
  /// @param keys at least one key, compiled over the child's columns.
  /// @throws InternalException when `keys` is empty.
  Sort(PhysicalOperatorPtr child, std::vector<SortKey> keys);

  OperatorRole role() const override { return OperatorRole::Breaker; }
  /// "Sort([a ASC NULLS FIRST, b DESC NULLS LAST])".
  std::string toString() const override;

  std::unique_ptr<OperatorState> makeSinkState(ExecContext& ctx) override;
  void sink(const RecordBatchPtr& batch, int64_t morsel, OperatorState* state, ExecContext& ctx) override;
  void combine(OperatorState* state, ExecContext& ctx) override;
  void finalize(ExecContext& ctx) override;

  int64_t morselCount(ExecContext& ctx) override;
  void produce(int64_t morsel, ExecContext& ctx, const Emit& emit) override;

 private:
  struct SinkState;

  std::vector<SortKey> keys_;
  std::mutex mutex_;
  std::unique_ptr<MemoryReservation> reservation_;
  std::vector<SortPart> parts_;
  std::vector<uint64_t> order_;  // row references in sorted order
  std::vector<GatherColumn> payload_;  // payload columns per part
  int64_t morsels_ = 0;
  std::atomic<int64_t> produced_{0};  // the buffers are freed after the last morsel
  int64_t chunk_ = 4096;
};

}  // namespace loch

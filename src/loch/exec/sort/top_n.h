#pragma once
// TopN (ORDER BY ... LIMIT n [OFFSET m]): a pipeline breaker that keeps only
// the best limit+offset rows. Each worker buffers batches and, whenever it
// holds more than max(2·(limit+offset), 32768) rows, cuts them down to the
// best limit+offset (selection + sort of the survivors: a bounded buffer,
// linear time overall). finalize() merges the workers' survivors the same way and keeps
// rows [offset, offset+limit). Ties are broken by input position (morsel,
// row within morsel), so the result equals a full stable Sort followed by
// LIMIT/OFFSET for any thread count.

#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "loch/exec/physical_operator.h"
#include "loch/exec/sort/sort_buffer.h"

namespace loch {

class TopN : public PhysicalOperator {
 public:
  /// @param keys at least one key over the child's columns.
  /// @param limit rows to return (>= 0); @param offset rows to skip first (>= 0).
  /// @throws InternalException on empty keys or a negative limit/offset.
  TopN(PhysicalOperatorPtr child, std::vector<SortKey> keys, int64_t limit, int64_t offset = 0);

  OperatorRole role() const override { return OperatorRole::Breaker; }
  /// "TopN(limit=10, offset=0, [a ASC NULLS FIRST])".
  std::string toString() const override;

  std::unique_ptr<OperatorState> makeSinkState(ExecContext& ctx) override;
  void sink(const RecordBatchPtr& batch, int64_t morsel, OperatorState* state, ExecContext& ctx) override;
  void combine(OperatorState* state, ExecContext& ctx) override;
  void finalize(ExecContext& ctx) override;

  int64_t morselCount(ExecContext& ctx) override;
  void produce(int64_t morsel, ExecContext& ctx, const Emit& emit) override;

 private:
  struct SinkState;

  /// Replaces `parts` by one part with their best `keep_` rows, in order
  /// when `sorted` (else in any order).
  void compact(std::vector<SortPart>& parts, ThreadPool* pool, bool sorted) const;

  /// Removes from `part` the rows sorting strictly after the one-row
  /// `boundary` keys; false when none is left.
  bool dropBeyond(const std::vector<VectorPtr>& boundary, SortPart& part) const;

  std::vector<SortKey> keys_;
  int64_t limit_;
  int64_t offset_;
  int64_t keep_;  // limit + offset
  std::mutex mutex_;
  std::unique_ptr<MemoryReservation> reservation_;
  std::vector<SortPart> parts_;
  RecordBatchPtr result_;
  int64_t chunk_ = 4096;
};

}  // namespace loch

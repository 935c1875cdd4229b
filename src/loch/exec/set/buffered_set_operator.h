#pragma once
// Common sink/source plumbing of the set operators (UnionAll, Distinct,
// Intersect, Except): every child's batches are buffered per worker with
// (child, morsel, seq) tags; finalize() of the subclass turns them into
// output batches, which the source side serves one per morsel in order.

#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "loch/exec/physical_operator.h"
#include "loch/exec/set/row_groups.h"

namespace loch {

class BufferedSetOperator : public PhysicalOperator {
 public:
  /// @param name operator name for memory accounting.
  /// @param hash_rows whether sinking workers hash the rows (in parallel)
  ///        for the row grouping of finalize().
  BufferedSetOperator(SchemaPtr schema, std::vector<PhysicalOperatorPtr> children, std::string name, bool hash_rows)
      : PhysicalOperator(std::move(schema), std::move(children)), name_(std::move(name)), hash_rows_(hash_rows) {}

  OperatorRole role() const override { return OperatorRole::Breaker; }

  void beginSink(int child, ExecContext& ctx) override { current_child_ = child; }
  std::unique_ptr<OperatorState> makeSinkState(ExecContext& ctx) override {
    return std::make_unique<SetSinkState>();
  }
  void sink(const RecordBatchPtr& batch, int64_t morsel, OperatorState* state, ExecContext& ctx) override;
  void combine(OperatorState* state, ExecContext& ctx) override;

  int64_t morselCount(ExecContext& ctx) override { return static_cast<int64_t>(out_.size()); }
  void produce(int64_t morsel, ExecContext& ctx, const Emit& emit) override { emit(out_[morsel]); }

 protected:
  /// Buffered parts in (child, morsel, seq) order; subclasses' finalize()
  /// consumes them and fills out_.
  std::vector<SetPart> takeOrderedParts();

  std::vector<RecordBatchPtr> out_;

 private:
  std::string name_;
  bool hash_rows_;
  int current_child_ = 0;
  std::mutex mutex_;
  std::unique_ptr<MemoryReservation> reservation_;
  std::vector<SetPart> parts_;
};

/// Output schema of a set operation over `children`: the first child's
/// names and types, a column nullable when it is in any child.
SchemaPtr setOperationSchema(const std::vector<PhysicalOperatorPtr>& children);

}  // namespace loch

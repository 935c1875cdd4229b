#pragma once
// Scan of an in-memory table: each morsel is a slice of at most
// ExecContext::batch_size rows of one stored batch.

#include "loch/exec/physical_operator.h"

namespace loch {

class TableScan : public PhysicalOperator {
 public:
  /// @param columns which stored columns to output (projection pushdown).
  TableScan(SchemaPtr schema, std::vector<RecordBatchPtr> batches, std::vector<int> columns, std::string name);

  OperatorRole role() const override { return OperatorRole::Source; }
  std::string toString() const override;
  int64_t morselCount(ExecContext& ctx) override;
  void produce(int64_t morsel, ExecContext& ctx, const Emit& emit) override;

 private:
  void planMorsels(int64_t batch_size);

  std::vector<RecordBatchPtr> batches_;
  std::vector<int> columns_;
  std::string name_;
  struct Morsel {
    size_t batch;
    int64_t offset;
    int64_t length;
  };
  std::vector<Morsel> morsels_;
  int64_t planned_batch_size_ = -1;
};

}  // namespace loch

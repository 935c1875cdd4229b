#include "loch/exec/table_scan.h"

#include "loch/common/format.h"
#include "loch/vector/vector_ops.h"

namespace loch {

TableScan::TableScan(SchemaPtr schema, std::vector<RecordBatchPtr> batches, std::vector<int> columns,
                     std::string name)
    : PhysicalOperator(std::move(schema), {}),
      batches_(std::move(batches)),
      columns_(std::move(columns)),
      name_(std::move(name)) {}

std::string TableScan::toString() const {
  return "Scan " + name_ + " " + "[" + join(fieldNames(*schema()), ", ") + "]";
}

void TableScan::planMorsels(int64_t batch_size) {
  if (planned_batch_size_ == batch_size) return;
  morsels_.clear();
  for (size_t b = 0; b < batches_.size(); ++b) {
    int64_t rows = batches_[b]->numRows();
    for (int64_t off = 0; off < rows; off += batch_size) {
      morsels_.push_back({b, off, std::min(batch_size, rows - off)});
    }
  }
  planned_batch_size_ = batch_size;
}

int64_t TableScan::morselCount(ExecContext& ctx) {
  planMorsels(ctx.batch_size);
  return static_cast<int64_t>(morsels_.size());
}

void TableScan::produce(int64_t morsel, ExecContext& ctx, const Emit& emit) {
  const Morsel& m = morsels_[static_cast<size_t>(morsel)];
  const auto& batch = batches_[m.batch];
  std::vector<VectorPtr> cols;
  bool whole = m.offset == 0 && m.length == batch->numRows();
  for (int c : columns_) {
    cols.push_back(whole ? batch->column(c) : slice(*batch->column(c), m.offset, m.length));
  }
  emit(RecordBatch::make(schema(), std::move(cols), m.length));
}

}  // namespace loch

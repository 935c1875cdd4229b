#include "loch/exec/data_source_scan.h"

#include "loch/common/format.h"

namespace loch {

DataSourceScan::DataSourceScan(SchemaPtr schema, DataSourcePtr source, ScanOptions options)
    : PhysicalOperator(std::move(schema), {}), source_(std::move(source)), options_(std::move(options)) {}

std::string DataSourceScan::toString() const {
  std::string s = "Scan " + source_->description() + " [" + join(fieldNames(*schema()), ", ") + "]";
  if (!options_.predicates.empty()) s += " PushedFilters: " + std::to_string(options_.predicates.size());
  return s;
}

int64_t DataSourceScan::morselCount(ExecContext& ctx) {
  if (!planned_) {
    options_.batch_size = ctx.batch_size;
    tasks_ = source_->planTasks(options_);
    planned_ = true;
  }
  return static_cast<int64_t>(tasks_.size());
}

void DataSourceScan::produce(int64_t morsel, ExecContext&, const Emit& emit) {
  tasks_[static_cast<size_t>(morsel)]->read(options_, [&](const RecordBatchPtr& batch) {
    // Tasks produce the source's field names; the plan's schema is the same
    // columns, possibly renamed by the reader.
    emit(RecordBatch::make(schema(), batch->columns(), batch->numRows()));
  });
}

}  // namespace loch

#pragma once
// Scan of a DataSource (files): one morsel per scan task (a Parquet row
// group, a CSV split), read in parallel by the workers.

#include <mutex>

#include "loch/exec/physical_operator.h"
#include "loch/io/data_source.h"

namespace loch {

class DataSourceScan : public PhysicalOperator {
 public:
  /// @param schema output schema (the fields of `options.columns`).
  DataSourceScan(SchemaPtr schema, DataSourcePtr source, ScanOptions options);

  OperatorRole role() const override { return OperatorRole::Source; }
  std::string toString() const override;
  int64_t morselCount(ExecContext& ctx) override;
  void produce(int64_t morsel, ExecContext& ctx, const Emit& emit) override;

 private:
  DataSourcePtr source_;
  ScanOptions options_;
  std::vector<std::shared_ptr<const ScanTask>> tasks_;
  bool planned_ = false;
};

}  // namespace loch

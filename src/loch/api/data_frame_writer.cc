#include "loch/api/data_frame_writer.h"

#include "loch/api/spark_session.h"
#include "loch/common/exception.h"
#include "loch/io/dataset_writer.h"

namespace loch {

DataFrameWriter DataFrame::write() const { return DataFrameWriter(*this); }

DataFrameWriter& DataFrameWriter::mode(const std::string& save_mode) {
  mode_ = save_mode;
  return *this;
}

DataFrameWriter& DataFrameWriter::format(const std::string& source) {
  format_ = source;
  return *this;
}

DataFrameWriter& DataFrameWriter::option(const std::string& key, const std::string& value) {
  options_.set(key, value);
  return *this;
}

DataFrameWriter& DataFrameWriter::option(const std::string& key, bool value) {
  return option(key, std::string(value ? "true" : "false"));
}

DataFrameWriter& DataFrameWriter::option(const std::string& key, int64_t value) {
  return option(key, std::to_string(value));
}

DataFrameWriter& DataFrameWriter::options(const std::map<std::string, std::string>& options) {
  for (const auto& [k, v] : options) options_.set(k, v);
  return *this;
}

DataFrameWriter& DataFrameWriter::partitionBy(const std::vector<std::string>& columns) {
  partition_by_ = columns;
  return *this;
}

void DataFrameWriter::save(const std::string& path) const {
  DatasetWriteRequest req;
  req.format = format_;
  req.path = path;
  req.mode = parseSaveMode(mode_);
  req.partition_by = partition_by_;
  req.options = options_;
  if (!req.options.get("timeZone")) req.options.set("timeZone", df_.sparkSession()->conf().sessionTimeZone());
  req.schema = df_.schema();
  const DataFrame& df = df_;
  writeDataset(req, [&df](const std::function<void(const RecordBatchPtr&)>& emit) {
    // Each batch is released once written, so the collected result shrinks
    // while the files grow (the Parquet writer itself holds at most one row
    // group of parquet.block.size). Fully bounded memory needs the executor
    // to stream (Executor::run collects today).
    auto batches = df.collectBatches();
    for (auto& b : batches) {
      emit(b);
      b.reset();
    }
  });
}

void DataFrameWriter::save() const {
  auto path = options_.get("path");
  if (!path) throw AnalysisException("PATH_NOT_FOUND", "save() needs a path: pass one or set option(\"path\", ...).");
  save(*path);
}

}  // namespace loch

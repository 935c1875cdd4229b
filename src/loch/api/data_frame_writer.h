#pragma once
// DataFrameWriter (pyspark.sql.DataFrameWriter):
//   df.write().mode("overwrite").partitionBy({"year", "month"}).option("compression", "zstd").parquet(path)
//   df.write().format("csv").option("header", true).save(path)
// Writes a folder of part files (part-00000-<uuid>-c000.snappy.parquet) and
// a _SUCCESS marker, atomically (see io/dataset_writer.h).

#include <map>
#include <string>
#include <vector>

#include "loch/api/data_frame.h"
#include "loch/io/source_options.h"

namespace loch {

class DataFrameWriter {
 public:
  explicit DataFrameWriter(DataFrame df) : df_(std::move(df)) {}

  /// "errorifexists" (default; also "error", "default"), "append",
  /// "overwrite", "ignore". Checked when saving.
  DataFrameWriter& mode(const std::string& save_mode);
  /// "parquet" (default), "csv", "json".
  DataFrameWriter& format(const std::string& source);
  DataFrameWriter& option(const std::string& key, const std::string& value);
  DataFrameWriter& option(const std::string& key, const char* value) { return option(key, std::string(value)); }
  DataFrameWriter& option(const std::string& key, bool value);
  DataFrameWriter& option(const std::string& key, int64_t value);
  DataFrameWriter& option(const std::string& key, int value) { return option(key, static_cast<int64_t>(value)); }
  DataFrameWriter& options(const std::map<std::string, std::string>& options);
  /// Hive-style folders per distinct value of these columns (in this order);
  /// the columns are not stored in the files.
  DataFrameWriter& partitionBy(const std::vector<std::string>& columns);

  /// Runs the query and writes the result to `path`.
  /// @throws AnalysisException PATH_ALREADY_EXISTS (errorifexists on an
  ///         existing path), PARTITION_COLUMN_NOT_FOUND, DATA_SOURCE_NOT_FOUND;
  ///         InvalidArgumentException INVALID_SAVE_MODE / CODEC_NOT_AVAILABLE;
  ///         UnsupportedException for column types the format cannot hold;
  ///         IOException for file errors. A failed write leaves `path` as it was.
  void save(const std::string& path) const;
  /// save() to the "path" option.
  void save() const;
  void parquet(const std::string& path) { format("parquet").save(path); }
  void csv(const std::string& path) { format("csv").save(path); }
  void json(const std::string& path) { format("json").save(path); }

 private:
  DataFrame df_;
  std::string mode_ = "errorifexists";
  std::string format_ = "parquet";
  SourceOptions options_;
  std::vector<std::string> partition_by_;
};

}  // namespace loch

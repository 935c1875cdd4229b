#pragma once
// CsvSource: a DataSource over CSV files (a file, folder, glob or
// Hive-partitioned folders). Files are split into byte ranges of at most
// maxPartitionBytes, each a ScanTask that starts at the first line beginning
// in its range (Hadoop LineRecordReader rule); with multiLine each file is
// one task. Schema: the user's, or the header (or _c0, _c1, ...) with all
// columns string, or inferred over all records with inferSchema (Spark's
// CSVInferSchema). Malformed records follow the mode option (PERMISSIVE
// fills NULLs and `_corrupt_record` when in the schema; DROPMALFORMED;
// FAILFAST throws naming file and line).

#include <memory>
#include <string>
#include <vector>

#include "loch/io/csv/csv_options.h"
#include "loch/io/data_source.h"
#include "loch/io/file_index.h"
#include "loch/io/source_options.h"

namespace loch {

class CsvSource : public DataSource {
 public:
  /// @throws IOException PATH_NOT_FOUND for a missing path; IOException
  ///         MALFORMED_RECORD_IN_PARSING (FAILFAST only) during inference;
  ///         InvalidArgumentException for bad options;
  ///         AnalysisException INVALID_CORRUPT_RECORD_TYPE when the
  ///         corrupt-record column is not a nullable string.
  CsvSource(const std::string& path, const SourceOptions& options, SchemaPtr user_schema = nullptr);

  SchemaPtr schema() const override { return schema_; }
  std::string description() const override { return "CSV [" + path_ + "]"; }
  int64_t estimatedBytes() const override { return total_bytes_; }
  std::vector<std::shared_ptr<const ScanTask>> planTasks(const ScanOptions& options) const override;

  /// What every scan task shares.
  struct State {
    CsvOptions options;
    SchemaPtr schema;          ///< file columns, then partition columns
    int num_file_columns = 0;  ///< including the corrupt-record column
    int corrupt_column = -1;   ///< index among file columns, or -1
    std::vector<DataFile> files;
  };

 private:
  std::string path_;
  SchemaPtr schema_;
  int64_t total_bytes_ = 0;
  std::shared_ptr<const State> state_;
};

}  // namespace loch

#pragma once
// JsonSource: a DataSource over JSON Lines files (one JSON object per line;
// a line holding an array gives one record per element) or, with
// multiLine, files holding one JSON value each (an object, or an array of
// objects). Parsed with simdjson. Schema inference follows Spark's
// JsonInferSchema: integers bigint (decimal(p,0) beyond), other numbers
// double, strings string, objects structs with fields sorted by name,
// arrays of the merged element type, conflicts widened or string; fields
// only ever NULL become string. Modes PERMISSIVE (fields that do not
// convert are NULL and the raw record goes to `_corrupt_record`, which
// inference adds when it meets malformed records), DROPMALFORMED, FAILFAST
// (error names file and line).

#include <memory>
#include <string>
#include <vector>

#include "loch/io/csv/csv_options.h"
#include "loch/io/data_source.h"
#include "loch/io/file_index.h"
#include "loch/io/source_options.h"

namespace loch {

class JsonSource : public DataSource {
 public:
  /// @throws IOException PATH_NOT_FOUND; MALFORMED_RECORD_IN_PARSING
  ///         (FAILFAST) during inference; InvalidArgumentException for bad options.
  JsonSource(const std::string& path, const SourceOptions& options, SchemaPtr user_schema = nullptr);

  SchemaPtr schema() const override { return schema_; }
  std::string description() const override { return "JSON [" + path_ + "]"; }
  int64_t estimatedBytes() const override { return total_bytes_; }
  std::vector<std::shared_ptr<const ScanTask>> planTasks(const ScanOptions& options) const override;

  struct State {
    bool multi_line = false;
    ParseMode mode = ParseMode::kPermissive;
    std::string corrupt_name;
    std::optional<std::string> date_format, timestamp_format;
    std::string time_zone = "UTC";
    int64_t max_split_bytes = 128LL << 20;
    SchemaPtr schema;
    int num_file_columns = 0;
    int corrupt_column = -1;
    std::vector<DataFile> files;
  };

 private:
  std::string path_;
  SchemaPtr schema_;
  int64_t total_bytes_ = 0;
  std::shared_ptr<const State> state_;
};

/// Spark's JsonInferSchema.compatibleType (exposed for tests).
DataTypePtr mergeJsonTypes(const DataTypePtr& a, const DataTypePtr& b);

}  // namespace loch

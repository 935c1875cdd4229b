#pragma once
// DataFrameReader (pyspark.sql.DataFrameReader):
//   spark->read().format("csv").option("header", "true").schema("a INT, b STRING").load(path)
//   spark->read().parquet("/data/events")
// Options are case-insensitive (Spark). Paths: a file, a folder (part files,
// Hive-style partition folders), or a glob; "file:" prefix accepted.

#include <map>
#include <memory>
#include <string>

#include "loch/io/source_options.h"
#include "loch/types/schema.h"

namespace loch {

class SparkSession;
class DataFrame;

class DataFrameReader {
 public:
  explicit DataFrameReader(std::shared_ptr<SparkSession> session) : session_(std::move(session)) {}

  /// "parquet" (default), "csv", "json".
  DataFrameReader& format(const std::string& source);
  DataFrameReader& option(const std::string& key, const std::string& value);
  DataFrameReader& option(const std::string& key, const char* value) { return option(key, std::string(value)); }
  /// Booleans as "true"/"false", numbers in decimal, like PySpark's to_str.
  DataFrameReader& option(const std::string& key, bool value);
  DataFrameReader& option(const std::string& key, int64_t value);
  DataFrameReader& option(const std::string& key, int value) { return option(key, static_cast<int64_t>(value)); }
  DataFrameReader& options(const std::map<std::string, std::string>& options);
  /// The schema to read with (no inference).
  DataFrameReader& schema(SchemaPtr schema);
  /// Schema as DDL, "a INT, b STRING". @throws AnalysisException if malformed.
  DataFrameReader& schema(const std::string& ddl);

  /// A DataFrame over the files at `path` (lazy: files are listed and
  /// footers/headers read now, data when an action runs).
  /// @throws IOException PATH_NOT_FOUND ("Path does not exist: file:/...")
  ///         and the format's errors; AnalysisException for an unknown format.
  DataFrame load(const std::string& path) const;
  /// load() with the "path" option.
  DataFrame load() const;
  DataFrame parquet(const std::string& path);
  DataFrame csv(const std::string& path);
  DataFrame json(const std::string& path);

 private:
  std::shared_ptr<SparkSession> session_;
  std::string format_ = "parquet";
  SourceOptions options_;
  SchemaPtr schema_;
};

}  // namespace loch

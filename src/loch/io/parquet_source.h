#pragma once
// ParquetSource: a DataSource over Parquet files (one file, a folder of part
// files, a glob, Hive-partitioned folders). One ScanTask per row group;
// row groups are pruned on their min/max/null-count statistics and files on
// their partition values. Spark behaviours followed: ParquetFileFormat
// (mergeSchema, schema by name), PartitioningUtils (partition columns after
// the file columns), InMemoryFileIndex (hidden files).

#include <memory>
#include <string>
#include <vector>

#include "loch/io/data_source.h"
#include "loch/io/file_index.h"
#include "loch/io/parquet/file_reader.h"
#include "loch/io/source_options.h"

namespace loch {

class ParquetSource : public DataSource {
 public:
  /// Lists and opens the files of `path` and resolves the table schema.
  /// Options: mergeSchema (union of file schemas by name, missing columns
  /// NULL), recursiveFileLookup. `user_schema` (may be null) fixes the
  /// columns: file columns are matched by name (case-insensitive), absent
  /// ones read as NULL; fields named like partition columns type them.
  /// @throws IOException PATH_NOT_FOUND for a missing path;
  ///         UNABLE_TO_INFER_SCHEMA when there is no file and no schema;
  ///         CANNOT_MERGE_SCHEMAS when files differ and mergeSchema is off,
  ///         or a column has two types; PARQUET_COLUMN_DATA_TYPE_MISMATCH
  ///         when a file's column type differs from the user schema;
  ///         PARQUET_CORRUPT_FILE naming the file for unreadable footers.
  ParquetSource(const std::string& path, const SourceOptions& options, SchemaPtr user_schema = nullptr);

  SchemaPtr schema() const override { return schema_; }
  std::string description() const override { return "Parquet [" + path_ + "]"; }
  /// Sum of the row groups' uncompressed sizes.
  int64_t estimatedBytes() const override { return estimated_bytes_; }
  std::vector<std::shared_ptr<const ScanTask>> planTasks(const ScanOptions& options) const override;

  /// Number of files and of file (non-partition) columns.
  size_t numFiles() const { return files_.size(); }
  int numFileColumns() const { return num_file_columns_; }

  /// One open file: its reader, where each table file column lives in it
  /// (top-level field index, -1 when absent) and its partition values.
  struct FileState {
    std::shared_ptr<const parquet::ParquetFileReader> reader;
    std::vector<int> field_of_column;
    std::vector<Value> partition_values;
  };

 private:
  bool filePassesPartitionFilters(const FileState& file, const std::vector<ColumnPredicate>& predicates) const;
  bool rowGroupMayMatch(const FileState& file, int row_group, const std::vector<ColumnPredicate>& predicates) const;

  std::string path_;
  SchemaPtr schema_;
  int num_file_columns_ = 0;
  std::vector<std::shared_ptr<const FileState>> files_;
  int64_t estimated_bytes_ = 0;
};

/// Whether a row group whose statistics are `stats` may hold a row where
/// `predicate` (over a column converted with `conversion`, Spark type
/// `type`) is true. Conservative: true whenever unsure (missing bounds,
/// other value types, unsigned or byte-array decimals). Exposed for tests.
bool statsMayMatch(const parquet::ColumnStats& stats, parquet::ValueConversion conversion, const DataType& type,
                   const ColumnPredicate& predicate);

}  // namespace loch

#pragma once
// Resolving a read path into data files: a file, a folder (walked
// recursively), or a glob; Hive-style folders ("year=2024/month=01") become
// typed partition values, following Spark's PartitioningUtils
// (parsePartitions / inferPartitionColumnValue) and InMemoryFileIndex
// (hidden-file rules).

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "loch/io/data_source.h"
#include "loch/types/schema.h"
#include "loch/types/value.h"

namespace loch {

struct FileIndexOptions {
  /// Spark's recursiveFileLookup: take every file below the path and do no
  /// partition discovery.
  bool recursive_file_lookup = false;
  /// spark.sql.sources.partitionColumnTypeInference.enabled: when false all
  /// partition columns are strings.
  bool infer_partition_types = true;
  /// Types the user gave for (some) partition columns, by name; they win
  /// over inference.
  SchemaPtr user_schema;
};

struct DataFile {
  std::string path;  ///< local path, no "file:" scheme
  int64_t size = 0;  ///< bytes
  std::vector<Value> partition_values;  ///< one per FileIndex::partition_schema field
};

struct FileIndex {
  std::vector<DataFile> files;  ///< sorted by path
  SchemaPtr partition_schema;   ///< struct type; no fields when not partitioned
};

/// Strips a "file:" / "file://" scheme. Throws UnsupportedException for
/// other schemes (s3a:, hdfs:).
std::string localPath(const std::string& path);

/// Lists the data files of `path`. A folder is walked recursively skipping
/// names that start with "." or "_" (but "_x=1" partition folders are kept),
/// like Spark. Throws IOException("PATH_NOT_FOUND", "Path does not exist:
/// file:/abs/path") when the path (or every glob match) is missing, and
/// IOException("CONFLICTING_PARTITION_COLUMN_NAMES") when files sit at
/// different partition depths or names.
FileIndex listDataFiles(const std::string& path, const FileIndexOptions& options = {});

/// Spark's inference of one raw partition value: int, bigint, decimal(p,0),
/// double, timestamp, date, else string; "__HIVE_DEFAULT_PARTITION__" is
/// NULL of NullType. Exposed for tests.
Value inferPartitionValue(const std::string& raw, bool infer_types);

/// The type several inferred values widen to (int < bigint < decimal < double;
/// date < timestamp; anything else, string; only NULLs: string).
DataTypePtr widenPartitionTypes(const std::vector<DataTypePtr>& types);

/// `value` (from inferPartitionValue) converted to `type`; NULL when it
/// does not convert. Used for widening and for user-given types.
Value castPartitionValue(const Value& value, const std::string& raw, const DataTypePtr& type);

/// Three-way comparison of two non-null scalar values of the same type
/// family (integral/date/timestamp, floating, decimal of one scale, string,
/// boolean); nullopt when they are not comparable.
std::optional<int> compareScalars(const Value& a, const Value& b);

/// False when a file with these partition values cannot hold rows matching
/// `predicates` (columns >= num_file_columns are partition columns, in
/// partition_values order); predicates it cannot judge keep the file.
bool partitionValuesMayMatch(const std::vector<Value>& partition_values, int num_file_columns,
                             const std::vector<ColumnPredicate>& predicates);

}  // namespace loch

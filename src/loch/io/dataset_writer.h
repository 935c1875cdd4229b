#pragma once
// Writing a table as a folder of part files, the way Spark's
// FileFormatWriter + HadoopMapReduceCommitProtocol do: file names
// part-00000-<uuid>-c000.snappy.parquet, Hive-style partition folders for
// partitionBy columns (col=value, NULL or "" as __HIVE_DEFAULT_PARTITION__),
// a _SUCCESS marker. Atomic by staging: everything is written into
// `<parent>/.<name>-staging-<uuid>` next to the target and renamed into
// place only when complete, so a failed write leaves the previous contents
// as they were; overwrite removes the old contents only after the new data
// is in place.

#include <functional>
#include <string>
#include <vector>

#include "loch/io/file_system.h"
#include "loch/io/source_options.h"
#include "loch/vector/record_batch.h"

namespace loch {

/// Spark's SaveMode.
enum class SaveMode { kErrorIfExists, kAppend, kOverwrite, kIgnore };

/// "overwrite", "append", "ignore", "error", "errorifexists", "default" (any
/// case). @throws InvalidArgumentException naming the accepted modes.
SaveMode parseSaveMode(const std::string& mode);

struct DatasetWriteRequest {
  std::string format = "parquet";
  std::string path;
  SaveMode mode = SaveMode::kErrorIfExists;
  std::vector<std::string> partition_by;
  SourceOptions options;  ///< format options, plus maxRecordsPerFile, partitionOverwriteMode, timeZone
  SchemaPtr schema;
};

/// Produces the data: calls its argument once per batch, in order.
using BatchProducer = std::function<void(const std::function<void(const RecordBatchPtr&)>&)>;

/// Writes the data of `produce` to request.path. Returns false when nothing
/// was written because mode is ignore and the path exists.
/// @throws AnalysisException PATH_ALREADY_EXISTS (mode errorifexists and
///         the path exists), PARTITION_COLUMN_NOT_FOUND /
///         ALL_PARTITION_COLUMNS_NOT_ALLOWED / INVALID_PARTITION_COLUMN_DATA_TYPE
///         for bad partitionBy columns; IOException for file errors; and
///         whatever the format writer throws. On any exception the target
///         is unchanged and the staging folder removed.
bool writeDataset(const DatasetWriteRequest& request, const BatchProducer& produce);

/// Test hook: called after each part file is completed with the number of
/// files completed so far; throwing from it simulates a failure midway.
/// Pass an empty function to remove it. Not thread-safe.
void setWriteFailureHookForTesting(std::function<void(int64_t files_completed)> hook);

/// Spark's ExternalCatalogUtils.escapePathName (%XX for / : = % and friends).
std::string escapePartitionValue(const std::string& text);

}  // namespace loch

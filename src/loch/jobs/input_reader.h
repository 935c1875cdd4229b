#pragma once
// Reads a job's input table from a file or a folder (plain or Hive-style
// partitioned), choosing the format from the file extension or from the
// data files the folder holds.

#include <memory>
#include <string>

#include "loch/api/data_frame.h"

namespace loch {
class SparkSession;
}

namespace loch::jobs {

/// "parquet", "csv" or "json" for `path`: a file's extension (.parquet,
/// .csv, .json, .jsonl, .ndjson, also with .gz/.zst etc.), or, for a folder,
/// the extension of its first data file (files starting with '_' or '.'
/// are skipped, subfolders searched).
/// @throws IOException PATH_NOT_FOUND ("Path does not exist: ..."),
///         EMPTY_INPUT (a folder without data files),
///         UNKNOWN_INPUT_FORMAT (an extension that is none of these).
std::string detectFormat(const std::string& path);

/// The table at `path` as a DataFrame; CSV is read with a header row and
/// inferred column types, malformed fields becoming NULL (Spark's PERMISSIVE).
/// @throws as detectFormat, and the reader's errors.
DataFrame readTable(const std::shared_ptr<SparkSession>& spark, const std::string& path);

/// True when `path` exists (file or folder).
bool pathExists(const std::string& path);

}  // namespace loch::jobs

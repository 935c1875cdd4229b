#pragma once
// CSV options, with Spark's names and defaults (DataFrameReader.csv /
// DataFrameWriter.csv, CSVOptions.scala).

#include <cstdint>
#include <optional>
#include <string>

#include "loch/io/source_options.h"

namespace loch {

/// Spark's parse modes for malformed records.
enum class ParseMode { kPermissive, kDropMalformed, kFailFast };

struct CsvOptions {
  bool header = false;
  char sep = ',';
  char quote = '"';       ///< '\0' disables quoting ("quote" option set to "")
  char escape = '\\';
  std::optional<char> comment;  ///< lines starting with it are skipped
  bool multi_line = false;
  std::string null_value;     ///< a field equal to it is NULL
  std::string empty_value;    ///< what a quoted empty field ("") reads as
  std::optional<std::string> date_format;       ///< unset: Spark's CAST parsing
  std::optional<std::string> timestamp_format;  ///< unset: Spark's CAST parsing
  std::string time_zone = "UTC";
  bool infer_schema = false;
  ParseMode mode = ParseMode::kPermissive;
  std::string corrupt_column = "_corrupt_record";
  bool ignore_leading_white_space = false;
  bool ignore_trailing_white_space = false;
  /// Largest byte range of one scan task (spark.sql.files.maxPartitionBytes).
  int64_t max_split_bytes = 128LL << 20;
  // Writer only.
  bool quote_all = false;
  bool escape_quotes = true;
  std::string line_sep = "\n";

  /// Parses and validates `options`. @throws InvalidArgumentException
  /// naming the option for a bad value (e.g. a two-character sep, an
  /// unknown mode, a charset other than UTF-8).
  static CsvOptions parse(const SourceOptions& options);
};

}  // namespace loch

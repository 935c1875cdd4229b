#pragma once
// One output file of a format: Parquet, CSV or JSON Lines. The dataset
// writer (dataset_writer.h) opens one per part file.

#include <memory>
#include <string>

#include "loch/io/file_system.h"
#include "loch/io/source_options.h"
#include "loch/vector/record_batch.h"

namespace loch {

class FormatWriter {
 public:
  virtual ~FormatWriter() = default;
  /// Appends a batch of the schema given at open. @throws IOException
  ///         naming the file, UnsupportedException for unwritable types.
  virtual void write(const RecordBatchPtr& batch) = 0;
  /// Completes the file (footer, flush) and closes it.
  virtual void close() = 0;
};

/// Opens a writer of `format` ("parquet", "csv", "json") over `out`.
/// Options: parquet — compression (snappy default; none/uncompressed, gzip,
/// lz4, lz4_raw, zstd), parquet.block.size, parquet.page.size,
/// parquet.enable.dictionary; csv — header, sep, quote, escape, nullValue,
/// emptyValue, quoteAll, escapeQuotes, dateFormat, timestampFormat,
/// lineSep; json — dateFormat, timestampFormat, ignoreNullFields.
/// @throws AnalysisException DATA_SOURCE_NOT_FOUND for another format;
///         InvalidArgumentException for bad option values;
///         UnsupportedException for a column type the format cannot hold.
std::unique_ptr<FormatWriter> openFormatWriter(const std::string& format, std::unique_ptr<OutputFile> out,
                                               const SchemaPtr& schema, const SourceOptions& options);

/// The file-name suffix Spark uses: ".snappy.parquet", ".parquet" (no
/// compression), ".csv", ".json" (plus ".gz" etc. are not written: text
/// formats are uncompressed here).
std::string formatFileSuffix(const std::string& format, const SourceOptions& options);

}  // namespace loch

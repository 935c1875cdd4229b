#pragma once
// Entry point for reading a Parquet file: footer, schema, row-group pruning
// on statistics, and decoding of column chunks. Layout: parquet-format
// README "File format" (data, then FileMetaData, 4-byte little-endian
// footer length, "PAR1").

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "loch/io/data_source.h"
#include "loch/io/parquet/column_reader.h"
#include "loch/io/parquet/metadata.h"
#include "loch/io/parquet/schema.h"
#include "loch/io/parquet/spark_schema.h"
#include "loch/vector/record_batch.h"

namespace loch::parquet {

struct ReaderOptions {
  /// Verify page CRCs where the writer stored them.
  bool verify_checksums = false;
};

/// A min or max statistic decoded to a comparable value: integers (INT32,
/// INT64, signed logical types) as int64_t, FLOAT/DOUBLE as double,
/// BOOLEAN as bool, byte arrays and fixed-length arrays as raw bytes.
using StatValue = std::variant<bool, int64_t, double, std::string>;

/// Row-group statistics of one leaf column, in physical terms (a DECIMAL's
/// bounds are its unscaled integer or big-endian bytes; TIMESTAMP_MILLIS
/// stays in milliseconds), already vetted: bounds the
/// reader cannot trust (NaN float bounds, legacy signed-order bounds of
/// byte arrays or unsigned integers, unknown column orders, INT96) are left
/// empty, so a filter may prune only on what is present.
struct ColumnStats {
  std::optional<StatValue> min;
  std::optional<StatValue> max;
  std::optional<int64_t> null_count;
  int64_t num_values = 0;  ///< level count of the chunk (nulls included)
};

/// What a row-group filter sees.
struct RowGroupStats {
  int row_group = 0;
  int64_t num_rows = 0;
  std::vector<ColumnStats> columns;  ///< indexed by leaf column
};

/// A predicate a row-group scan applies itself (ParquetFileReader::scanRowGroup).
struct ScanFilter {
  int field = 0;  ///< position in the scan's field list
  ColumnPredicate predicate;
};

/// Returns false to skip a row group (it cannot contain matching rows).
using RowGroupFilter = std::function<bool(const RowGroupStats&)>;

/// One open Parquet file. Immutable after open(): all read methods are
/// const and thread-safe (positional reads on a shared descriptor), so
/// different row groups can be decoded in parallel.
class ParquetFileReader {
 public:
  /// Opens `path` and decodes its footer and schema. Throws
  /// IOException("PATH_NOT_FOUND") when the file cannot be opened,
  /// IOException(PARQUET_CORRUPT_FILE) when it is not a valid Parquet file
  /// (bad magic, footer out of range, malformed metadata or schema), and
  /// UnsupportedException for encrypted footers.
  static std::unique_ptr<ParquetFileReader> open(const std::string& path, ReaderOptions options = {});

  /// Use open(); the key keeps construction inside this class.
  struct ConstructionKey {
    explicit ConstructionKey() = default;
  };
  ParquetFileReader(ConstructionKey, std::string path, int fd, ReaderOptions options);
  ~ParquetFileReader();
  ParquetFileReader(const ParquetFileReader&) = delete;
  ParquetFileReader& operator=(const ParquetFileReader&) = delete;

  const std::string& path() const { return path_; }
  const FileMetaData& metadata() const { return metadata_; }
  const Schema& schema() const { return schema_; }
  int numRowGroups() const { return static_cast<int>(metadata_.row_groups.size()); }
  int64_t numRows() const { return metadata_.num_rows; }

  /// The file's schema as Spark types (top-level fields, nested types per
  /// the LIST/MAP rules). Throws UnsupportedException naming the file and
  /// column when a column has no Spark equivalent.
  const SparkSchema& sparkSchema() const;

  /// Decodes row group `row_group` into one RecordBatch whose columns are
  /// the top-level Spark fields `fields` (indices into sparkSchema().fields;
  /// all when empty), in the order given: column projection reads only the
  /// leaves below those fields. Throws like readColumnChunk, plus
  /// IOException(PARQUET_CORRUPT_FILE) when a column's row count differs
  /// from the row group's.
  RecordBatchPtr readRowGroup(int row_group, const std::vector<int>& fields = {}) const;

  /// readRowGroup split into batches of at most `batch_rows` rows (the
  /// engine's loch.batch.size); a row group of zero rows yields no batch.
  std::vector<RecordBatchPtr> readRowGroupBatches(int row_group, const std::vector<int>& fields,
                                                  int64_t batch_rows) const;

  /// Streams row group `row_group` as batches of `batch_rows` rows (the last
  /// may be shorter) with the top-level fields `fields` (all when empty):
  /// flat columns are decoded one page at a time and dictionary-encoded
  /// strings stay dictionary vectors; nested columns are assembled whole and
  /// sliced. Values equal readRowGroup's. Throws like readRowGroup, naming
  /// the file, row group and column.
  /// `filters`: predicates on `fields` (ScanFilter::field is a position in
  /// `fields`) that the scan evaluates itself (see canMaskPredicate): rows
  /// failing one are dropped before the other columns are decoded, so
  /// batches then hold fewer rows (and none is emitted when no row is kept).
  void scanRowGroup(int row_group, const std::vector<int>& fields, int64_t batch_rows,
                    const std::function<void(const RecordBatchPtr&)>& emit,
                    const std::vector<ScanFilter>& filters = {}) const;

  /// Decodes leaf column `column` of row group `row_group`. Throws
  /// IOException(PARQUET_CORRUPT_FILE) naming the file, row group and column
  /// on any decoding problem; UnsupportedException (also naming them) for
  /// encryption, LZO or unknown encodings; std::out_of_range for bad indices.
  ColumnChunkData readColumnChunk(int row_group, int column) const;

  /// Decodes the given leaf columns (all when empty) of one row group, and
  /// checks that every flat-or-nested column yields the row group's row count.
  std::vector<ColumnChunkData> readRowGroupColumns(int row_group, const std::vector<int>& columns = {}) const;

  /// Vetted statistics of every leaf column of a row group (see ColumnStats).
  RowGroupStats rowGroupStats(int row_group) const;
  /// Row groups for which `filter` returns true, in order.
  std::vector<int> selectRowGroups(const RowGroupFilter& filter) const;

  /// Page index of a column chunk, if the writer stored one.
  std::optional<ColumnIndex> readColumnIndex(int row_group, int column) const;
  std::optional<OffsetIndex> readOffsetIndex(int row_group, int column) const;

 private:
  void readFooter();
  UninitializedVector<uint8_t> readRange(int64_t offset, int64_t length) const;
  /// The bytes of a column chunk from its first page (empty for a chunk of
  /// no values).
  UninitializedVector<uint8_t> readChunkBytes(const ColumnChunk& cc) const;
  [[noreturn]] void rethrowWithContext(int row_group, int column) const;

  std::string path_;
  int fd_ = -1;
  ReaderOptions options_;
  int64_t file_size_ = 0;
  int64_t footer_start_ = 0;  ///< first byte of FileMetaData
  FileMetaData metadata_;
  Schema schema_;
  std::optional<SparkSchema> spark_schema_;
  std::string spark_schema_error_;  ///< why conversion failed, if it did
};

}  // namespace loch::parquet

#pragma once
// ParquetFileWriter: writes RecordBatches as one Parquet file the way Spark
// (parquet-mr) does by default: data page v1, snappy, dictionary encoding
// (PLAIN_DICTIONARY) falling back to PLAIN when a column chunk's dictionary
// exceeds the dictionary page size or does not pay off, RLE levels,
// min/max/null_count statistics per column chunk, row groups of about
// parquet.block.size (128 MB) and pages of about 1 MB.
//
// Types (Spark's ParquetSchemaConverter, non-legacy format):
//   boolean BOOLEAN; tinyint/smallint INT32 + INT(8|16, signed); int INT32;
//   bigint INT64; float FLOAT; double DOUBLE; string BYTE_ARRAY + STRING;
//   binary BYTE_ARRAY; date INT32 + DATE; timestamp INT64 +
//   TIMESTAMP(MICROS, isAdjustedToUTC=true); timestamp_ntz INT64 +
//   TIMESTAMP(MICROS, false); decimal(p<=9) INT32, (p<=18) INT64, else
//   FIXED_LEN_BYTE_ARRAY(minimal bytes) + DECIMAL; array 3-level LIST;
//   map MAP with repeated key_value; struct group.

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "loch/io/file_system.h"
#include "loch/io/parquet/metadata.h"
#include "loch/vector/record_batch.h"

namespace loch::parquet {

struct WriterOptions {
  Codec codec = Codec::kSnappy;
  int64_t block_size = 128LL << 20;          ///< parquet.block.size: row-group target (bytes in memory)
  int64_t page_size = 1LL << 20;             ///< parquet.page.size
  int64_t dictionary_page_size = 1LL << 20;  ///< parquet.dictionary.page.size
  bool enable_dictionary = true;             ///< parquet.enable.dictionary
};

class ParquetFileWriter {
 public:
  /// Validates the schema. @throws UnsupportedException naming the column
  ///         for types Parquet cannot hold (intervals, void).
  ParquetFileWriter(std::unique_ptr<OutputFile> out, SchemaPtr schema, WriterOptions options = {});
  ~ParquetFileWriter();
  ParquetFileWriter(const ParquetFileWriter&) = delete;
  ParquetFileWriter& operator=(const ParquetFileWriter&) = delete;

  /// Buffers a batch (same schema) and writes a row group when the buffer
  /// reaches block_size. @throws IOException from the output file.
  void write(const RecordBatchPtr& batch);
  /// Writes the last row group and the footer, and closes the file. A file
  /// with no rows gets no row group (Spark writes the schema only).
  void close();
  int64_t rowsWritten() const { return rows_written_; }

  struct Leaf;
  struct Node;

 private:
  void flushRowGroup();

  std::unique_ptr<OutputFile> out_;
  SchemaPtr schema_;
  WriterOptions options_;
  std::vector<std::unique_ptr<Node>> roots_;
  std::vector<SchemaElement> elements_;  ///< flattened schema, root first
  std::vector<Leaf*> leaves_;
  std::vector<std::unique_ptr<Leaf>> leaf_store_;
  std::vector<RecordBatchPtr> pending_;
  int64_t pending_bytes_ = 0;
  int64_t pending_rows_ = 0;
  int64_t rows_written_ = 0;
  int64_t offset_ = 0;
  std::vector<RowGroup> row_groups_;
  bool closed_ = false;
};

/// Serialises FileMetaData with the Thrift compact protocol (exposed for tests).
std::vector<uint8_t> serializeFileMetaData(const FileMetaData& meta);

}  // namespace loch::parquet

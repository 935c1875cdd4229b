#pragma once
// ColumnChunkScanner: reads one flat column chunk (a top-level primitive
// column: no repetition, one level per row) as consecutive batches, one
// data page decoded at a time. Memory is one decompressed page plus one
// batch, instead of the whole decoded chunk. Dictionary-encoded pages are
// read index by index as batches need them: strings come out as dictionary
// vectors over one shared dictionary (parquet-format Encodings.md,
// RLE_DICTIONARY), so operators can work on the distinct values only, and
// a batch may ask for selected rows only, skipping the others' values
// (late materialization after a scan filter).

#include <cstdint>
#include <vector>

#include "loch/io/parquet/column_chunk_decoder.h"
#include "loch/io/parquet/spark_schema.h"
#include "loch/vector/vector.h"

namespace loch::parquet {

class ColumnChunkScanner {
 public:
  /// `bytes`: the chunk from its first page header (owned). `node`: the
  /// top-level primitive field (node.leaf is `column`), which must satisfy
  /// isScannable(). `column`, `meta` and `node` must outlive the scanner.
  /// Throws IOException(PARQUET_CORRUPT_FILE) when the chunk's type differs
  /// from the schema's.
  ColumnChunkScanner(UninitializedVector<uint8_t> bytes, const ColumnDescriptor& column, const ColumnMetaData& meta,
                     const SparkNode& node, ColumnReaderOptions options);

  /// True for fields this scanner reads: primitive, with a leaf column and
  /// no repetition or enclosing optional group (slot level 0).
  static bool isScannable(const SparkNode& node, const ColumnDescriptor& column);

  /// The next `rows` rows (≥ 1) as a vector of node.type: a dictionary
  /// vector (int32 indices into a dictionary shared by the chunk's batches)
  /// when every value of the batch comes from dictionary-encoded string
  /// pages, a flat vector otherwise. Throws IOException(PARQUET_CORRUPT_FILE)
  /// when the chunk holds fewer rows or a page is malformed,
  /// UnsupportedException for unknown encodings or codecs.
  VectorPtr next(int64_t rows);

  /// Like next(rows), but returns only the rows at `selected` (`count`
  /// increasing positions in [0, rows)), in order; the other rows' values
  /// are skipped, not decoded, where the encoding allows (dictionary and
  /// PLAIN pages).
  VectorPtr nextSelected(int64_t rows, const int32_t* selected, int64_t count);

  /// Checks that the chunk holds no rows beyond those read. Throws
  /// IOException(PARQUET_CORRUPT_FILE) otherwise.
  void finish();

 private:
  bool loadPage();
  void ensurePage(int64_t rows);
  VectorPtr nextDirect(int64_t rows);
  VectorPtr finishBatch(int64_t rows);
  const uint8_t* readFixed(int64_t count, uint8_t* dst);
  const int32_t* readIndices(int64_t count);
  void appendValues(int64_t count);
  void appendSelected(const int32_t* value_offsets, size_t n, int64_t piece_values);
  void appendDictionaryEntry(int32_t index);
  void materializeIndices();
  VectorPtr dictionaryBatch(int64_t rows);
  const VectorPtr& dictionaryVector();

  UninitializedVector<uint8_t> bytes_;
  ColumnReaderOptions options_;
  const ColumnDescriptor& column_;
  const SparkNode& node_;
  ColumnChunkDecoder decoder_;
  ColumnChunkData page_;     ///< current data page
  int64_t level_pos_ = 0;    ///< next level of page_
  int64_t value_pos_ = 0;    ///< next value of page_
  ColumnChunkData batch_;    ///< the batch being built, as packed values
  bool keep_dictionary_ = false;   ///< this batch's strings are all indices so far
  size_t direct_width_ = 0;        ///< > 0: values copy straight into the vector (same width, no conversion)
  size_t value_width_ = 0;         ///< physical bytes per fixed-width value
  UninitializedVector<int32_t> batch_indices_;
  UninitializedVector<int32_t> index_scratch_;
  UninitializedVector<uint8_t> fixed_scratch_;
  std::vector<int32_t> value_offsets_;
  VectorPtr dictionary_;     ///< the chunk's dictionary as a flat vector, built on first use
  std::vector<const ColumnChunkData*> leaves_;
};

}  // namespace loch::parquet

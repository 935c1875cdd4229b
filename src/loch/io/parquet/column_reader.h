#pragma once
// Decodes one column chunk page by page (dictionary page, data pages v1 and
// v2) into definition/repetition levels plus the densely packed non-null
// values, in their physical representation. Record assembly (nesting, Spark
// types) happens above this layer.

#include <cstddef>
#include <cstdint>
#include <optional>
#include <vector>

#include "loch/io/parquet/encodings/byte_array_buffer.h"
#include "loch/io/parquet/encodings/dictionary.h"
#include "loch/io/parquet/metadata.h"
#include "loch/io/parquet/schema.h"
#include "loch/io/parquet/uninitialized_vector.h"

namespace loch::parquet {

/// A decoded leaf column chunk.
struct ColumnChunkData {
  PhysicalType physical_type = PhysicalType::kInt32;
  int32_t type_length = 0;  ///< FIXED_LEN_BYTE_ARRAY width in bytes
  int16_t max_definition_level = 0;
  int16_t max_repetition_level = 0;
  /// Level entries (one per value slot, nulls and empty lists included);
  /// equals the row count for a flat column.
  int64_t num_levels = 0;
  UninitializedVector<int16_t> def_levels;  ///< num_levels entries; empty when max def is 0
  UninitializedVector<int16_t> rep_levels;  ///< num_levels entries; empty when max rep is 0
  /// Non-null values (def level == max), densely packed.
  int64_t num_values = 0;
  /// Fixed-width values, `valueWidth()` bytes each, little-endian as on disk:
  /// BOOLEAN as one 0/1 byte, INT32/FLOAT 4, INT64/DOUBLE 8, INT96 12, FLBA
  /// type_length. Unused for BYTE_ARRAY.
  UninitializedVector<uint8_t> fixed;
  /// BYTE_ARRAY values. Unused for other types.
  ByteArrayBuffer bytes;
  /// Page mode of ColumnChunkDecoder only: set when this page is
  /// dictionary-encoded; its num_values indices are read from here on
  /// demand (not yet checked against the dictionary's size) and `fixed` /
  /// `bytes` stay empty. Points into the decoder's page buffer: valid until
  /// the next page is decoded.
  std::optional<DictionaryIndexDecoder> dictionary_index_reader;

  /// Empties levels and values (counts to 0), keeping the buffers' capacity.
  void clearValues();
  /// Bytes per fixed-width value (0 for BYTE_ARRAY).
  size_t valueWidth() const;
  /// The fixed values reinterpreted as T (int32_t, int64_t, float, double).
  template <class T>
  const T* valuesAs() const {
    return reinterpret_cast<const T*>(fixed.data());
  }
};

struct ColumnReaderOptions {
  /// Check page CRCs (PageHeader.crc) where present; a mismatch throws.
  bool verify_checksums = false;
};

/// Decodes the pages in `chunk` (bytes from the column chunk's first page
/// header; may extend past the chunk, reading stops once
/// meta.num_values levels were produced or the bytes run out).
/// Throws IOException(PARQUET_CORRUPT_FILE) for malformed pages, level
/// counts that disagree with page headers, bad dictionary indices, CRC
/// mismatches (when enabled); UnsupportedException for encodings or codecs
/// this reader does not implement. Messages do not name the file; the
/// caller adds that context.
ColumnChunkData readColumnChunk(const uint8_t* chunk, size_t size, const ColumnDescriptor& column,
                                const ColumnMetaData& meta, const ColumnReaderOptions& options = {});

/// Bytes per value of a fixed-width physical type (BOOLEAN counts as 1,
/// BYTE_ARRAY as 0).
size_t physicalWidth(PhysicalType type, int32_t type_length);

}  // namespace loch::parquet

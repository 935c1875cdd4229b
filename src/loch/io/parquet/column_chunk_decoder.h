#pragma once
// ColumnChunkDecoder: walks the pages of one column chunk (dictionary page,
// data pages v1 and v2; parquet-format README "Data Pages" and
// Encodings.md) and decodes definition/repetition levels plus the packed
// non-null values. Two ways to drive it:
//   - decodeAll(): the whole chunk into one ColumnChunkData (nested columns,
//     tests, tools);
//   - nextDataPage(): one data page at a time into a reused ColumnChunkData,
//     so a scan holds one decompressed page instead of the whole chunk.
// In page mode, dictionary-encoded pages are not decoded: the page carries
// a reader over its indices (ColumnChunkData::dictionary_index_reader), so
// a scan decodes only the indices it needs, and strings can stay dictionary
// vectors; every other encoding is decoded to values.

#include <cstddef>
#include <cstdint>
#include <memory>
#include <vector>

#include "loch/io/parquet/column_reader.h"

namespace loch::parquet {

class ColumnChunkDecoder {
 public:
  /// `chunk`/`size`: the chunk's bytes from its first page header (may run
  /// past the chunk; decoding stops after meta.num_values levels). The
  /// bytes, `column`, `meta` and `options` must outlive the decoder.
  /// Throws IOException(PARQUET_CORRUPT_FILE) when the chunk's physical type
  /// differs from the schema's.
  ColumnChunkDecoder(const uint8_t* chunk, size_t size, const ColumnDescriptor& column, const ColumnMetaData& meta,
                     const ColumnReaderOptions& options);

  /// Decodes every page. Throws like readColumnChunk.
  ColumnChunkData decodeAll();

  /// Decodes the next data page into `page` (cleared first; its buffers are
  /// reused): levels, and values or, for dictionary-encoded pages, a reader
  /// over the indices. Returns false once the chunk is exhausted,
  /// after checking that the pages held meta.num_values levels. Throws
  /// IOException(PARQUET_CORRUPT_FILE) for malformed pages,
  /// UnsupportedException for unknown encodings or codecs.
  bool nextDataPage(ColumnChunkData& page);

  /// The dictionary page's BYTE_ARRAY values (empty before it was read).
  const ByteArrayBuffer& dictionaryBytes() const { return dict_bytes_; }
  /// The dictionary page's fixed-width values (valueWidth() bytes each).
  const uint8_t* dictionaryFixed() const { return dict_fixed_.data(); }
  /// Entries in the dictionary page (0 when none was read).
  size_t dictionarySize() const { return dict_count_; }

 private:
  void decodePage(ColumnChunkData& out, bool* was_data_page);
  void checkCrc(const PageHeader& header, const uint8_t* payload);
  const uint8_t* decompressWhole(const PageHeader& header, const uint8_t* payload);
  void readDictionaryPage(const PageHeader& header, const uint8_t* payload);
  void readDataPageV1(const PageHeader& header, const uint8_t* payload, ColumnChunkData& out);
  void readDataPageV2(const PageHeader& header, const uint8_t* payload, ColumnChunkData& out);
  size_t beginLevels(int32_t num_values, ColumnChunkData& out);
  void decodeHybridLevels(const uint8_t* data, size_t size, int16_t max_level, size_t n, int16_t* out,
                          const char* what);
  size_t decodeV1Levels(Encoding encoding, const uint8_t* data, size_t size, int16_t max_level, size_t n,
                        int16_t* out, const char* what);
  void finishLevels(size_t start, size_t n, ColumnChunkData& out);
  size_t countNonNull(const ColumnChunkData& out, size_t start, size_t n) const;
  void decodeValues(Encoding encoding, const uint8_t* data, size_t size, size_t count, ColumnChunkData& out);
  void checkComplete() const;

  // Decompression target that grows without zero-filling: a corrupt header
  // may claim a page of up to 2 GB, and only the bytes a decompressor
  // really writes (it fails early on bad input) should become resident.
  struct PageBuffer {
    std::unique_ptr<uint8_t[]> data;
    size_t capacity = 0;
    uint8_t* resize(size_t size);
  };

  const uint8_t* chunk_;
  size_t size_;
  size_t pos_ = 0;
  const ColumnDescriptor& column_;
  const ColumnMetaData& meta_;
  const ColumnReaderOptions& options_;
  bool lazy_dictionary_ = false;  ///< page mode: dictionary pages keep an index reader
  int64_t levels_done_ = 0;    ///< levels of all data pages decoded so far
  int page_index_ = 0;
  PageBuffer page_buffer_;
  UninitializedVector<int32_t> indices_;
  bool has_dictionary_ = false;
  size_t dict_count_ = 0;
  std::vector<uint8_t> dict_fixed_;
  ByteArrayBuffer dict_bytes_;
};

}  // namespace loch::parquet

#pragma once
// Dictionary encoding (parquet-format Encodings.md, "Dictionary Encoding
// (PLAIN_DICTIONARY = 2 and RLE_DICTIONARY = 8)"): the dictionary page holds
// PLAIN values; data pages hold a 1-byte bit width followed by
// RLE/bit-packed indices into it.

#include <cstddef>
#include <cstdint>

#include "loch/io/parquet/encodings/byte_array_buffer.h"
#include "loch/io/parquet/encodings/rle_bit_packed.h"

namespace loch::parquet {

/// Reads dictionary indices from a data page's value section.
class DictionaryIndexDecoder {
 public:
  /// Throws IOException(PARQUET_CORRUPT_FILE) when the section is empty but
  /// values are expected or the bit width exceeds 32.
  DictionaryIndexDecoder(const uint8_t* data, size_t size);
  /// Decodes exactly `n` indices; throws if the page has fewer.
  void decode(int32_t* out, size_t n);
  /// Skips exactly `n` indices; throws if the page has fewer.
  void skip(size_t n);

 private:
  RleBitPackedDecoder rle_;
};

/// Gathers fixed-width dictionary entries: out[i] = dict[indices[i]]
/// (`width` bytes each). Throws when an index is outside [0, dict_count).
void gatherFixed(const uint8_t* dict, size_t dict_count, size_t width, const int32_t* indices,
                 size_t n, uint8_t* out);

/// Appends dict[indices[i]] for each i to `out`. Throws on a bad index.
void gatherByteArray(const ByteArrayBuffer& dict, const int32_t* indices, size_t n,
                     ByteArrayBuffer& out);

}  // namespace loch::parquet

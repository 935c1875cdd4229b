#pragma once
// RLE / bit-packing hybrid decoder (parquet-format Encodings.md, "Run Length
// Encoding / Bit-Packing Hybrid (RLE = 3)"), used for definition and
// repetition levels, dictionary indices and RLE booleans. Also the
// deprecated BIT_PACKED level encoding (Encodings.md "BIT_PACKED = 4"),
// which packs most-significant bit first.

#include <cstddef>
#include <cstdint>

namespace loch::parquet {

/// Streams values out of one hybrid-encoded run sequence (no length prefix:
/// callers strip the 4-byte prefix of v1 levels themselves).
class RleBitPackedDecoder {
 public:
  /// `data`/`size`: the encoded runs. `bit_width`: 0..32 bits per value.
  /// Throws IOException(PARQUET_CORRUPT_FILE) for a width above 32.
  RleBitPackedDecoder(const uint8_t* data, size_t size, int bit_width);

  /// Decodes up to `n` values into `out`. Returns how many were written;
  /// fewer than `n` only when the input is exhausted. Throws on a malformed
  /// run header. T is int16_t, int32_t, uint32_t or uint8_t; values wider
  /// than T are truncated (callers pick T to fit the bit width).
  template <class T>
  size_t getBatch(T* out, size_t n);

  /// Skips up to `n` values without decoding them (bit-packed runs are
  /// addressed by position). Returns how many were skipped; fewer than `n`
  /// only when the input is exhausted. Throws on a malformed run header.
  size_t skip(size_t n);

  /// Bytes consumed so far (end of the last run started).
  size_t position() const { return pos_; }

 private:
  bool nextRun();

  const uint8_t* data_;
  size_t size_;
  size_t pos_ = 0;
  int bit_width_;
  bool is_rle_ = true;
  uint32_t rle_value_ = 0;
  size_t run_left_ = 0;           // values left in the current run
  const uint8_t* packed_ = nullptr;  // start of the current bit-packed run
  size_t packed_bytes_ = 0;       // readable bytes of that run
  size_t packed_index_ = 0;       // next value index inside the run
};

/// Decodes `count` values of the deprecated BIT_PACKED level encoding
/// (MSB-first, no header) into `out`. Returns the bytes consumed,
/// ceil(count * bit_width / 8). Throws if `size` is too small.
size_t decodeBitPackedMsbFirst(const uint8_t* data, size_t size, int bit_width, size_t count,
                               int16_t* out);

/// Minimum bits to represent 0..max_value (0 for max_value 0).
int bitWidthFor(uint32_t max_value);

}  // namespace loch::parquet

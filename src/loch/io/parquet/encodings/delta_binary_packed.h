#pragma once
// DELTA_BINARY_PACKED decoder (parquet-format Encodings.md, "Delta Encoding
// (DELTA_BINARY_PACKED = 5)"): a header <block size> <miniblocks per block>
// <total count> <zigzag first value>, then blocks of <zigzag min delta>
// <one bit-width byte per miniblock> <bit-packed miniblocks>. Arithmetic
// wraps (two's complement), as the spec requires.

#include <cstddef>
#include <cstdint>
#include <vector>

namespace loch::parquet {

class DeltaBinaryPackedDecoder {
 public:
  /// Parses the header. Throws IOException(PARQUET_CORRUPT_FILE) for a
  /// truncated header or block/miniblock sizes the spec forbids.
  DeltaBinaryPackedDecoder(const uint8_t* data, size_t size);

  /// Number of values the header announces.
  size_t totalValues() const { return total_; }

  /// Decodes the next `n` values (T = int32_t or int64_t). Throws when fewer
  /// than `n` values remain or the data is truncated.
  template <class T>
  void decode(T* out, size_t n);

  /// Bytes consumed so far; after all values are decoded this is where the
  /// next section (e.g. DELTA_LENGTH_BYTE_ARRAY bytes) starts.
  size_t position() const { return pos_; }

 private:
  uint64_t readVarint();
  void readBlockHeader();
  void loadMiniblock();

  const uint8_t* data_;
  size_t size_;
  size_t pos_ = 0;
  size_t block_size_ = 0;
  size_t miniblocks_ = 0;
  size_t per_miniblock_ = 0;
  size_t total_ = 0;
  size_t returned_ = 0;    // values handed out so far
  uint64_t last_ = 0;      // last value, wrapping arithmetic
  uint64_t min_delta_ = 0;
  std::vector<uint8_t> widths_;
  size_t miniblock_index_ = 0;  // next miniblock in the current block
  std::vector<uint64_t> buffer_;  // unpacked deltas of the current miniblock
  size_t buffer_pos_ = 0;
  size_t buffer_len_ = 0;
};

}  // namespace loch::parquet

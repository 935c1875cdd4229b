#pragma once
// Little-endian bit unpacking shared by the RLE/bit-packed hybrid and
// DELTA_BINARY_PACKED decoders (parquet-format Encodings.md: values are
// packed from the least significant bit of each byte).

#include <cstddef>
#include <cstdint>

namespace loch::parquet {

/// Unpacks `count` values of `width` bits (0..64) from `in`, which holds
/// `in_size` readable bytes, into `out`. The caller guarantees
/// count * width <= in_size * 8; no byte past in_size is read.
void unpackBits(const uint8_t* in, size_t in_size, int width, size_t count, uint64_t* out);
void unpackBits(const uint8_t* in, size_t in_size, int width, size_t count, uint32_t* out);

/// Bytes needed for `count` values of `width` bits, rounded up.
inline size_t packedBytes(size_t count, int width) {
  return (count * static_cast<size_t>(width) + 7) / 8;
}

}  // namespace loch::parquet

#pragma once
// BYTE_STREAM_SPLIT decoding (parquet-format Encodings.md, "Byte Stream
// Split (BYTE_STREAM_SPLIT = 9)"): byte k of every value is stored in
// stream k; the streams are concatenated. Valid for FLOAT, DOUBLE and,
// since format 2.11, INT32, INT64 and FIXED_LEN_BYTE_ARRAY.

#include <cstddef>
#include <cstdint>

namespace loch::parquet {

/// Reassembles `count` values of `width` bytes into `out` (count * width
/// bytes). `size` is the whole value section of the page: the stream length
/// is size / width, which must be at least `count`. Throws
/// IOException(PARQUET_CORRUPT_FILE) when size is not a multiple of width
/// or too small.
void decodeByteStreamSplit(const uint8_t* src, size_t size, size_t count, size_t width, uint8_t* out);

}  // namespace loch::parquet

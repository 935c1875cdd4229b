#pragma once
// PLAIN decoding for every physical type (parquet-format Encodings.md,
// "Plain: (PLAIN = 0)"): little-endian fixed-width values, LSB-first
// bit-packed booleans, 4-byte length-prefixed BYTE_ARRAY, raw
// FIXED_LEN_BYTE_ARRAY. Each function returns the bytes it consumed and
// throws IOException(PARQUET_CORRUPT_FILE) when `size` is too small.

#include <cstddef>
#include <cstdint>

#include "loch/io/parquet/encodings/byte_array_buffer.h"

namespace loch::parquet {

/// Copies `count` values of `width` bytes (4 for INT32/FLOAT, 8 for
/// INT64/DOUBLE, 12 for INT96, type_length for FIXED_LEN_BYTE_ARRAY) to
/// `out`, which must hold count * width bytes.
size_t decodePlainFixed(const uint8_t* src, size_t size, size_t count, size_t width, uint8_t* out);

/// Unpacks `count` booleans (one bit each, LSB first) to `out` as 0/1 bytes.
size_t decodePlainBoolean(const uint8_t* src, size_t size, size_t count, uint8_t* out);

/// Appends `count` length-prefixed byte arrays to `out`.
size_t decodePlainByteArray(const uint8_t* src, size_t size, size_t count, ByteArrayBuffer& out);

}  // namespace loch::parquet

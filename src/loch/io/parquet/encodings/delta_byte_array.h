#pragma once
// The two delta encodings for byte arrays (parquet-format Encodings.md):
//  - DELTA_LENGTH_BYTE_ARRAY (6): all lengths as DELTA_BINARY_PACKED, then
//    the concatenated bytes.
//  - DELTA_BYTE_ARRAY (7): prefix lengths (shared with the previous value)
//    as DELTA_BINARY_PACKED, then the suffixes as DELTA_LENGTH_BYTE_ARRAY.

#include <cstddef>
#include <cstdint>

#include "loch/io/parquet/encodings/byte_array_buffer.h"

namespace loch::parquet {

/// Appends `count` values to `out`; returns the bytes consumed. Throws
/// IOException(PARQUET_CORRUPT_FILE) on negative lengths, lengths running
/// past the data, or fewer encoded values than `count`.
size_t decodeDeltaLengthByteArray(const uint8_t* src, size_t size, size_t count, ByteArrayBuffer& out);

/// Appends `count` values to `out`; returns the bytes consumed. Also throws
/// when a prefix is longer than the previous value.
size_t decodeDeltaByteArray(const uint8_t* src, size_t size, size_t count, ByteArrayBuffer& out);

}  // namespace loch::parquet

#pragma once
// Page decompression for every Parquet codec (parquet-format Compression.md).
// The codec libraries are Debian's: snappy, zlib, zstd, lz4, brotli.

#include <cstddef>
#include <cstdint>

#include "loch/io/parquet/metadata.h"

namespace loch::parquet {

/// Decompresses `src_size` bytes at `src` into exactly `dst_size` bytes at
/// `dst` (the page header's uncompressed size minus any uncompressed level
/// bytes). Codec notes:
///  - GZIP accepts zlib or gzip framing and concatenated gzip members.
///  - LZ4 (deprecated id 5) is tried as Hadoop framing (big-endian raw and
///    compressed block lengths), then as an LZ4 frame, then as a raw block,
///    since writers disagreed on what it meant.
///  - LZ4_RAW is one raw LZ4 block.
///  - An empty input for an empty output is accepted for every codec
///    (writers skip compressing empty v2 pages).
/// Throws UnsupportedException for LZO or an unknown codec id, and
/// IOException(PARQUET_CORRUPT_FILE) when the data is invalid or does not
/// decompress to exactly `dst_size` bytes.
void decompress(Codec codec, const uint8_t* src, size_t src_size, uint8_t* dst, size_t dst_size);

/// Checks, before the output buffer is allocated, that `src_size` bytes of
/// `codec` data can decompress to `dst_size` bytes: snappy and zstd state
/// their decompressed size, which must match; LZ4 (at most 255:1) and
/// DEFLATE (at most 1032:1) bound it by their formats' maximum ratios. So a
/// corrupt page header cannot make the reader allocate gigabytes. Throws
/// IOException(PARQUET_CORRUPT_FILE) otherwise.
void checkDecompressedSize(Codec codec, const uint8_t* src, size_t src_size, size_t dst_size);

}  // namespace loch::parquet

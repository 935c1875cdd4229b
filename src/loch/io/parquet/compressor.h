#pragma once
// Page compression for the Parquet writer (parquet-format Compression.md).

#include <cstdint>
#include <string>
#include <vector>

#include "loch/io/parquet/metadata.h"

namespace loch::parquet {

/// Compresses `size` bytes. LZ4 (id 5) uses the Hadoop framing parquet-mr
/// and Spark write; LZ4_RAW one raw block; GZIP gzip framing.
/// @throws UnsupportedException for LZO/BROTLI; IOException on codec failure.
std::vector<uint8_t> compress(Codec codec, const uint8_t* data, size_t size);

/// Spark's compression option names: none/uncompressed, snappy, gzip, lz4,
/// lz4_raw, zstd (any case). @throws InvalidArgumentException naming the
/// value and the accepted ones.
Codec codecFromName(const std::string& name);
/// File-name infix Spark uses: "snappy", "gz", "lz4", "zstd", ... ("" for none).
std::string codecFileInfix(Codec codec);

}  // namespace loch::parquet

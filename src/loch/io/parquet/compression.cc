#include "loch/io/parquet/compression.h"

#include <brotli/decode.h>
#include <lz4.h>
#include <lz4frame.h>
#include <snappy-c.h>
#include <zlib.h>
#include <zstd.h>

#include <cstring>
#include <memory>
#include <string>

#include "loch/common/exception.h"
#include "loch/io/parquet/parquet_error.h"

namespace loch::parquet {

namespace {

[[noreturn]] void fail(Codec codec, const std::string& why) {
  throwCorrupt(toString(codec) + " decompression failed: " + why);
}

void checkSize(Codec codec, size_t got, size_t want) {
  if (got != want) {
    fail(codec, "produced " + std::to_string(got) + " bytes, page header says " + std::to_string(want));
  }
}

void snappyDecompress(const uint8_t* src, size_t n, uint8_t* dst, size_t m) {
  size_t len = 0;
  const char* in = reinterpret_cast<const char*>(src);
  if (snappy_uncompressed_length(in, n, &len) != SNAPPY_OK) fail(Codec::kSnappy, "bad header");
  checkSize(Codec::kSnappy, len, m);
  if (snappy_uncompress(in, n, reinterpret_cast<char*>(dst), &len) != SNAPPY_OK) {
    fail(Codec::kSnappy, "invalid data");
  }
}

struct InflateStream {
  z_stream s{};
  bool ok = false;
  InflateStream() { ok = inflateInit2(&s, 15 + 32) == Z_OK; }  // 32: detect gzip or zlib header
  ~InflateStream() { if (ok) inflateEnd(&s); }
};

void gzipDecompress(const uint8_t* src, size_t n, uint8_t* dst, size_t m) {
  InflateStream z;
  if (!z.ok) fail(Codec::kGzip, "zlib init");
  z.s.next_in = const_cast<Bytef*>(src);
  z.s.avail_in = static_cast<uInt>(n);
  z.s.next_out = dst;
  z.s.avail_out = static_cast<uInt>(m);
  while (true) {
    int rc = inflate(&z.s, Z_FINISH);
    if (rc == Z_STREAM_END) {
      // Concatenated gzip members: keep going while input remains.
      if (z.s.avail_in == 0 || z.s.avail_out == 0) break;
      if (inflateReset(&z.s) != Z_OK) fail(Codec::kGzip, "zlib reset");
      continue;
    }
    if (rc == Z_OK && z.s.avail_in > 0 && z.s.avail_out > 0) continue;
    if (z.s.avail_out == 0) fail(Codec::kGzip, "output larger than page header says");
    if (rc == Z_OK || rc == Z_BUF_ERROR) fail(Codec::kGzip, "truncated stream");
    fail(Codec::kGzip, z.s.msg ? z.s.msg : "invalid data");
  }
  checkSize(Codec::kGzip, m - z.s.avail_out, m);
}

void zstdDecompress(const uint8_t* src, size_t n, uint8_t* dst, size_t m) {
  size_t got = ZSTD_decompress(dst, m, src, n);
  if (ZSTD_isError(got)) fail(Codec::kZstd, ZSTD_getErrorName(got));
  checkSize(Codec::kZstd, got, m);
}

void brotliDecompress(const uint8_t* src, size_t n, uint8_t* dst, size_t m) {
  size_t got = m;
  if (BrotliDecoderDecompress(n, src, &got, dst) != BROTLI_DECODER_RESULT_SUCCESS) {
    fail(Codec::kBrotli, "invalid data");
  }
  checkSize(Codec::kBrotli, got, m);
}

bool lz4RawBlock(const uint8_t* src, size_t n, uint8_t* dst, size_t m) {
  if (n > INT32_MAX || m > INT32_MAX) return false;
  int got = LZ4_decompress_safe(reinterpret_cast<const char*>(src), reinterpret_cast<char*>(dst),
                                static_cast<int>(n), static_cast<int>(m));
  return got >= 0 && static_cast<size_t>(got) == m;
}

uint32_t readBigEndian32(const uint8_t* p) {
  return (static_cast<uint32_t>(p[0]) << 24) | (static_cast<uint32_t>(p[1]) << 16) |
         (static_cast<uint32_t>(p[2]) << 8) | static_cast<uint32_t>(p[3]);
}

// Hadoop's BlockCompressorStream framing: repeated chunks of
// [raw length BE32] followed by [compressed length BE32][LZ4 block] pairs
// until the chunk's raw length is produced.
bool lz4Hadoop(const uint8_t* src, size_t n, uint8_t* dst, size_t m) {
  size_t in = 0, out = 0;
  while (in < n) {
    if (n - in < 4) return false;
    size_t raw = readBigEndian32(src + in);
    in += 4;
    if (raw > m - out) return false;
    size_t chunk_end = out + raw;
    while (out < chunk_end) {
      if (n - in < 4) return false;
      size_t comp = readBigEndian32(src + in);
      in += 4;
      if (comp > n - in) return false;
      int got = LZ4_decompress_safe_partial(
          reinterpret_cast<const char*>(src + in), reinterpret_cast<char*>(dst + out),
          static_cast<int>(comp), static_cast<int>(chunk_end - out), static_cast<int>(chunk_end - out));
      if (got <= 0) return false;
      in += comp;
      out += static_cast<size_t>(got);
    }
  }
  return out == m;
}

bool lz4Frame(const uint8_t* src, size_t n, uint8_t* dst, size_t m) {
  static constexpr uint8_t kMagic[4] = {0x04, 0x22, 0x4d, 0x18};
  if (n < 4 || std::memcmp(src, kMagic, 4) != 0) return false;
  LZ4F_dctx* raw = nullptr;
  if (LZ4F_isError(LZ4F_createDecompressionContext(&raw, LZ4F_VERSION))) return false;
  std::unique_ptr<LZ4F_dctx, decltype(&LZ4F_freeDecompressionContext)> ctx(raw, LZ4F_freeDecompressionContext);
  size_t in = 0, out = 0;
  while (in < n) {
    size_t src_left = n - in, dst_left = m - out;
    size_t rc = LZ4F_decompress(ctx.get(), dst + out, &dst_left, src + in, &src_left, nullptr);
    if (LZ4F_isError(rc)) return false;
    in += src_left;
    out += dst_left;
    if (rc == 0) break;
    if (src_left == 0 && dst_left == 0) return false;  // no progress
  }
  return out == m;
}

void lz4Legacy(const uint8_t* src, size_t n, uint8_t* dst, size_t m) {
  if (lz4Hadoop(src, n, dst, m)) return;
  if (lz4Frame(src, n, dst, m)) return;
  if (lz4RawBlock(src, n, dst, m)) return;
  fail(Codec::kLz4, "data is neither Hadoop-framed, LZ4 frame nor a raw LZ4 block");
}

}  // namespace

void checkDecompressedSize(Codec codec, const uint8_t* src, size_t src_size, size_t dst_size) {
  // Slack for format headers and tiny inputs.
  constexpr size_t kSlack = 1 << 16;
  switch (codec) {
    case Codec::kSnappy: {
      size_t len = 0;
      if (src_size == 0 && dst_size == 0) return;
      if (snappy_uncompressed_length(reinterpret_cast<const char*>(src), src_size, &len) != SNAPPY_OK) {
        fail(codec, "bad header");
      }
      checkSize(codec, len, dst_size);
      return;
    }
    case Codec::kZstd: {
      if (src_size == 0 && dst_size == 0) return;
      unsigned long long len = ZSTD_getFrameContentSize(src, src_size);
      if (len == ZSTD_CONTENTSIZE_ERROR) fail(codec, "bad frame header");
      // Several frames or an unknown size: only the first frame's size is known.
      if (len != ZSTD_CONTENTSIZE_UNKNOWN && len > dst_size) checkSize(codec, static_cast<size_t>(len), dst_size);
      return;
    }
    case Codec::kLz4:
    case Codec::kLz4Raw:
      if (dst_size > src_size * 255 + kSlack) fail(codec, "page claims more than LZ4's maximum ratio");
      return;
    case Codec::kGzip:
      if (dst_size > src_size * 1032 + kSlack) fail(codec, "page claims more than DEFLATE's maximum ratio");
      return;
    default: return;
  }
}

void decompress(Codec codec, const uint8_t* src, size_t src_size, uint8_t* dst, size_t dst_size) {
  if (codec == Codec::kUncompressed) {
    checkSize(codec, src_size, dst_size);
    if (src_size > 0) std::memcpy(dst, src, src_size);
    return;
  }
  if (src_size == 0) {
    // Nothing to decompress: legal only when nothing is expected.
    checkSize(codec, 0, dst_size);
    return;
  }
  switch (codec) {
    case Codec::kSnappy: return snappyDecompress(src, src_size, dst, dst_size);
    case Codec::kGzip: return gzipDecompress(src, src_size, dst, dst_size);
    case Codec::kZstd: return zstdDecompress(src, src_size, dst, dst_size);
    case Codec::kBrotli: return brotliDecompress(src, src_size, dst, dst_size);
    case Codec::kLz4Raw:
      if (!lz4RawBlock(src, src_size, dst, dst_size)) fail(codec, "invalid LZ4 block");
      return;
    case Codec::kLz4: return lz4Legacy(src, src_size, dst, dst_size);
    case Codec::kLzo: throw UnsupportedException("Parquet codec LZO is not supported");
    default: break;
  }
  throw UnsupportedException("unknown Parquet compression codec " + toString(codec));
}

}  // namespace loch::parquet

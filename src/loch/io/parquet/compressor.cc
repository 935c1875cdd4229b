#include "loch/io/parquet/compressor.h"

#include <lz4.h>
#include <snappy.h>
#include <zlib.h>
#include <zstd.h>

#include <algorithm>

#include "loch/common/exception.h"

namespace loch::parquet {

namespace {

std::vector<uint8_t> gzip(const uint8_t* data, size_t size) {
  z_stream zs{};
  if (deflateInit2(&zs, Z_DEFAULT_COMPRESSION, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) != Z_OK) {
    throw IOException("PARQUET_WRITE_ERROR", "gzip initialisation failed");
  }
  std::vector<uint8_t> out(deflateBound(&zs, static_cast<uLong>(size)) + 32);
  zs.next_in = const_cast<Bytef*>(data);
  zs.avail_in = static_cast<uInt>(size);
  zs.next_out = out.data();
  zs.avail_out = static_cast<uInt>(out.size());
  int rc = deflate(&zs, Z_FINISH);
  size_t n = zs.total_out;
  deflateEnd(&zs);
  if (rc != Z_STREAM_END) throw IOException("PARQUET_WRITE_ERROR", "gzip compression failed");
  out.resize(n);
  return out;
}

void putBigEndian32(std::vector<uint8_t>& out, uint32_t v) {
  for (int s = 24; s >= 0; s -= 8) out.push_back(static_cast<uint8_t>(v >> s));
}

}  // namespace

std::vector<uint8_t> compress(Codec codec, const uint8_t* data, size_t size) {
  switch (codec) {
    case Codec::kUncompressed: return std::vector<uint8_t>(data, data + size);
    case Codec::kSnappy: {
      std::vector<uint8_t> out(snappy::MaxCompressedLength(size));
      size_t n = 0;
      snappy::RawCompress(reinterpret_cast<const char*>(data), size, reinterpret_cast<char*>(out.data()), &n);
      out.resize(n);
      return out;
    }
    case Codec::kGzip: return gzip(data, size);
    case Codec::kZstd: {
      std::vector<uint8_t> out(ZSTD_compressBound(size));
      size_t n = ZSTD_compress(out.data(), out.size(), data, size, 3);
      if (ZSTD_isError(n)) throw IOException("PARQUET_WRITE_ERROR", std::string("zstd: ") + ZSTD_getErrorName(n));
      out.resize(n);
      return out;
    }
    case Codec::kLz4:
    case Codec::kLz4Raw: {
      std::vector<uint8_t> out;
      size_t header = codec == Codec::kLz4 ? 8 : 0;
      out.resize(header + static_cast<size_t>(LZ4_compressBound(static_cast<int>(size))));
      int n = LZ4_compress_default(reinterpret_cast<const char*>(data), reinterpret_cast<char*>(out.data() + header),
                                   static_cast<int>(size), static_cast<int>(out.size() - header));
      if (n <= 0 && size > 0) throw IOException("PARQUET_WRITE_ERROR", "lz4 compression failed");
      out.resize(header + static_cast<size_t>(std::max(n, 0)));
      if (header) {
        std::vector<uint8_t> h;
        putBigEndian32(h, static_cast<uint32_t>(size));
        putBigEndian32(h, static_cast<uint32_t>(n));
        std::copy(h.begin(), h.end(), out.begin());
      }
      return out;
    }
    default: throw UnsupportedException("Parquet compression codec " + std::to_string(static_cast<int>(codec)) + " is not supported for writing.");
  }
}

Codec codecFromName(const std::string& raw) {
  std::string n = raw;
  std::transform(n.begin(), n.end(), n.begin(), ::tolower);
  if (n == "none" || n == "uncompressed") return Codec::kUncompressed;
  if (n == "snappy") return Codec::kSnappy;
  if (n == "gzip") return Codec::kGzip;
  if (n == "zstd") return Codec::kZstd;
  if (n == "lz4") return Codec::kLz4;
  if (n == "lz4_raw") return Codec::kLz4Raw;
  throw InvalidArgumentException("CODEC_NOT_AVAILABLE",
                                 "The codec " + raw + " is not available for Parquet. Available: none, uncompressed, snappy, gzip, lz4, lz4_raw, zstd.");
}

std::string codecFileInfix(Codec codec) {
  switch (codec) {
    case Codec::kSnappy: return "snappy";
    case Codec::kGzip: return "gz";
    case Codec::kZstd: return "zstd";
    case Codec::kLz4: return "lz4";
    case Codec::kLz4Raw: return "lz4raw";
    default: return "";
  }
}

}  // namespace loch::parquet

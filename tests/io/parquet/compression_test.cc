#include "loch/io/parquet/compression.h"

#include <brotli/encode.h>
#include <gtest/gtest.h>
#include <lz4.h>
#include <lz4frame.h>
#include <snappy-c.h>
#include <zlib.h>
#include <zstd.h>

#include <string>
#include <vector>

#include "loch/common/exception.h"

using namespace loch::parquet;

namespace {

std::vector<uint8_t> sampleData() {
  std::string text;
  for (int i = 0; i < 2000; ++i) text += "parquet page " + std::to_string(i % 37) + ";";
  return {text.begin(), text.end()};
}

std::vector<uint8_t> gzip(const std::vector<uint8_t>& in) {
  z_stream s{};
  deflateInit2(&s, 6, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY);  // +16: gzip wrapper
  std::vector<uint8_t> out(deflateBound(&s, in.size()) + 32);
  s.next_in = const_cast<Bytef*>(in.data());
  s.avail_in = static_cast<uInt>(in.size());
  s.next_out = out.data();
  s.avail_out = static_cast<uInt>(out.size());
  deflate(&s, Z_FINISH);
  out.resize(s.total_out);
  deflateEnd(&s);
  return out;
}

std::vector<uint8_t> lz4Block(const std::vector<uint8_t>& in) {
  std::vector<uint8_t> out(LZ4_compressBound(static_cast<int>(in.size())));
  int n = LZ4_compress_default(reinterpret_cast<const char*>(in.data()), reinterpret_cast<char*>(out.data()),
                               static_cast<int>(in.size()), static_cast<int>(out.size()));
  out.resize(n);
  return out;
}

void putBigEndian(std::vector<uint8_t>& out, uint32_t v) {
  for (int shift = 24; shift >= 0; shift -= 8) out.push_back(static_cast<uint8_t>(v >> shift));
}

std::vector<uint8_t> roundTrip(Codec codec, const std::vector<uint8_t>& compressed, size_t size) {
  std::vector<uint8_t> out(size);
  decompress(codec, compressed.data(), compressed.size(), out.data(), out.size());
  return out;
}

}  // namespace

TEST(ParquetCompression, EveryCodecRoundTrips) {
  std::vector<uint8_t> data = sampleData();
  size_t n = data.size();
  EXPECT_EQ(roundTrip(Codec::kUncompressed, data, n), data);

  std::vector<uint8_t> snappy(snappy_max_compressed_length(n));
  size_t snappy_len = snappy.size();
  snappy_compress(reinterpret_cast<const char*>(data.data()), n, reinterpret_cast<char*>(snappy.data()), &snappy_len);
  snappy.resize(snappy_len);
  EXPECT_EQ(roundTrip(Codec::kSnappy, snappy, n), data);

  EXPECT_EQ(roundTrip(Codec::kGzip, gzip(data), n), data);

  std::vector<uint8_t> zstd(ZSTD_compressBound(n));
  zstd.resize(ZSTD_compress(zstd.data(), zstd.size(), data.data(), n, 3));
  EXPECT_EQ(roundTrip(Codec::kZstd, zstd, n), data);

  std::vector<uint8_t> brotli(BrotliEncoderMaxCompressedSize(n));
  size_t brotli_len = brotli.size();
  BrotliEncoderCompress(5, 22, BROTLI_MODE_GENERIC, n, data.data(), &brotli_len, brotli.data());
  brotli.resize(brotli_len);
  EXPECT_EQ(roundTrip(Codec::kBrotli, brotli, n), data);

  EXPECT_EQ(roundTrip(Codec::kLz4Raw, lz4Block(data), n), data);
}

TEST(ParquetCompression, LegacyLz4AcceptsAllThreeFramings) {
  std::vector<uint8_t> data = sampleData();
  size_t n = data.size();
  // Raw block.
  EXPECT_EQ(roundTrip(Codec::kLz4, lz4Block(data), n), data);
  // Hadoop framing, two chunks.
  std::vector<uint8_t> first(data.begin(), data.begin() + n / 2), second(data.begin() + n / 2, data.end());
  std::vector<uint8_t> hadoop;
  for (const auto& part : {first, second}) {
    std::vector<uint8_t> block = lz4Block(part);
    putBigEndian(hadoop, static_cast<uint32_t>(part.size()));
    putBigEndian(hadoop, static_cast<uint32_t>(block.size()));
    hadoop.insert(hadoop.end(), block.begin(), block.end());
  }
  EXPECT_EQ(roundTrip(Codec::kLz4, hadoop, n), data);
  // LZ4 frame.
  std::vector<uint8_t> frame(LZ4F_compressFrameBound(n, nullptr));
  frame.resize(LZ4F_compressFrame(frame.data(), frame.size(), data.data(), n, nullptr));
  EXPECT_EQ(roundTrip(Codec::kLz4, frame, n), data);
}

TEST(ParquetCompression, ConcatenatedGzipMembers) {
  std::vector<uint8_t> data = sampleData();
  std::vector<uint8_t> a(data.begin(), data.begin() + 100), b(data.begin() + 100, data.end());
  std::vector<uint8_t> both = gzip(a);
  std::vector<uint8_t> gb = gzip(b);
  both.insert(both.end(), gb.begin(), gb.end());
  EXPECT_EQ(roundTrip(Codec::kGzip, both, data.size()), data);
}

TEST(ParquetCompression, ErrorsAreCleanExceptions) {
  std::vector<uint8_t> data = sampleData();
  std::vector<uint8_t> out(data.size());
  std::vector<uint8_t> garbage(64, 0x5a);
  for (Codec c : {Codec::kSnappy, Codec::kGzip, Codec::kZstd, Codec::kBrotli, Codec::kLz4, Codec::kLz4Raw}) {
    EXPECT_THROW(decompress(c, garbage.data(), garbage.size(), out.data(), out.size()), loch::IOException)
        << toString(c);
  }
  // Right data, wrong expected size.
  std::vector<uint8_t> block = lz4Block(data);
  EXPECT_THROW(decompress(Codec::kLz4Raw, block.data(), block.size(), out.data(), out.size() - 1), loch::IOException);
  std::vector<uint8_t> gz = gzip(data);
  EXPECT_THROW(decompress(Codec::kGzip, gz.data(), gz.size() / 2, out.data(), out.size()), loch::IOException);
  // Unsupported codecs.
  EXPECT_THROW(decompress(Codec::kLzo, garbage.data(), garbage.size(), out.data(), out.size()),
               loch::UnsupportedException);
  EXPECT_THROW(decompress(static_cast<Codec>(42), garbage.data(), garbage.size(), out.data(), out.size()),
               loch::UnsupportedException);
  // Empty input for empty output is fine for every codec.
  EXPECT_NO_THROW(decompress(Codec::kSnappy, nullptr, 0, nullptr, 0));
}

// A page header claiming far more bytes than the data can hold is rejected
// before any buffer is allocated for it.
TEST(ParquetCompression, ImpossibleSizesAreRejectedBeforeAllocating) {
  std::string text(1000, 'x');
  std::vector<uint8_t> snappy(snappy_max_compressed_length(text.size()));
  size_t len = snappy.size();
  snappy_compress(text.data(), text.size(), reinterpret_cast<char*>(snappy.data()), &len);
  snappy.resize(len);
  EXPECT_NO_THROW(checkDecompressedSize(Codec::kSnappy, snappy.data(), snappy.size(), text.size()));
  EXPECT_THROW(checkDecompressedSize(Codec::kSnappy, snappy.data(), snappy.size(), size_t{1} << 31), loch::IOException);
  std::vector<uint8_t> small(100, 0);
  EXPECT_THROW(checkDecompressedSize(Codec::kLz4Raw, small.data(), small.size(), size_t{1} << 30), loch::IOException);
  EXPECT_THROW(checkDecompressedSize(Codec::kGzip, small.data(), small.size(), size_t{1} << 30), loch::IOException);
  EXPECT_NO_THROW(checkDecompressedSize(Codec::kGzip, small.data(), small.size(), 100 * 1032));
  EXPECT_NO_THROW(checkDecompressedSize(Codec::kUncompressed, small.data(), small.size(), 100));
}

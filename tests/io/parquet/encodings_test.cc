#include <gtest/gtest.h>

#include <cstring>
#include <vector>

#include "loch/common/exception.h"
#include "loch/io/parquet/encodings/byte_stream_split.h"
#include "loch/io/parquet/encodings/delta_binary_packed.h"
#include "loch/io/parquet/encodings/delta_byte_array.h"
#include "loch/io/parquet/encodings/dictionary.h"
#include "loch/io/parquet/encodings/plain.h"
#include "loch/io/parquet/encodings/rle_bit_packed.h"

using namespace loch::parquet;

namespace {

// LSB-first bit packing of `values` at `width` bits (test-side encoder).
std::vector<uint8_t> pack(const std::vector<uint32_t>& values, int width) {
  std::vector<uint8_t> out((values.size() * width + 7) / 8, 0);
  size_t bit = 0;
  for (uint32_t v : values) {
    for (int b = 0; b < width; ++b, ++bit) {
      if ((v >> b) & 1) out[bit / 8] |= static_cast<uint8_t>(1 << (bit % 8));
    }
  }
  return out;
}

template <class T>
std::vector<T> decodeAll(const std::vector<uint8_t>& data, int width, size_t n) {
  RleBitPackedDecoder dec(data.data(), data.size(), width);
  std::vector<T> out(n);
  out.resize(dec.getBatch(out.data(), n));
  return out;
}

}  // namespace

TEST(RleBitPacked, RleRun) {
  // Run of 300 copies of 5 at width 3: header varint(300 << 1), value 1 byte.
  std::vector<uint8_t> data{0xd8, 0x04, 0x05};
  auto v = decodeAll<int32_t>(data, 3, 400);
  ASSERT_EQ(v.size(), 300u);
  for (int x : v) EXPECT_EQ(x, 5);
}

TEST(RleBitPacked, BitPackedRunsAndMixedRuns) {
  std::vector<uint32_t> values;
  for (uint32_t i = 0; i < 16; ++i) values.push_back(i % 8);
  std::vector<uint8_t> data{static_cast<uint8_t>((2 << 1) | 1)};  // two groups of 8
  auto packed = pack(values, 3);
  data.insert(data.end(), packed.begin(), packed.end());
  data.push_back(4 << 1);  // RLE run of 4 copies of 7
  data.push_back(7);
  auto out = decodeAll<int16_t>(data, 3, 100);
  ASSERT_EQ(out.size(), 20u);
  for (size_t i = 0; i < 16; ++i) EXPECT_EQ(out[i], static_cast<int16_t>(i % 8));
  for (size_t i = 16; i < 20; ++i) EXPECT_EQ(out[i], 7);
  // Decoding in small odd-sized batches gives the same sequence.
  RleBitPackedDecoder dec(data.data(), data.size(), 3);
  std::vector<int32_t> chunked;
  int32_t buf[3];
  size_t got;
  while ((got = dec.getBatch(buf, 3)) > 0) chunked.insert(chunked.end(), buf, buf + got);
  ASSERT_EQ(chunked.size(), 20u);
  for (size_t i = 0; i < 20; ++i) EXPECT_EQ(chunked[i], out[i]);
}

TEST(RleBitPacked, WideValuesAndWidthZero) {
  std::vector<uint8_t> data{2, 0xff, 0xff, 0xff, 0x7f};  // one value 2^31-1 at width 31
  EXPECT_EQ(decodeAll<int32_t>(data, 31, 1)[0], 0x7fffffff);
  std::vector<uint8_t> zeros{10 << 1};  // RLE run of ten; width 0 has no value bytes
  auto z = decodeAll<int32_t>(zeros, 0, 20);
  ASSERT_EQ(z.size(), 10u);
  EXPECT_EQ(z[9], 0);
  EXPECT_THROW(RleBitPackedDecoder(data.data(), data.size(), 33), loch::IOException);
}

TEST(RleBitPacked, TruncatedInputIsSafe) {
  std::vector<uint8_t> data{static_cast<uint8_t>((4 << 1) | 1), 0xff};  // claims 32 values, has 1 byte
  auto out = decodeAll<int32_t>(data, 3, 32);
  EXPECT_LT(out.size(), 32u);  // only whole values that exist
  std::vector<uint8_t> bad_header{0x80, 0x80};
  RleBitPackedDecoder dec(bad_header.data(), bad_header.size(), 1);
  int32_t x;
  EXPECT_THROW(dec.getBatch(&x, 1), loch::IOException);
  std::vector<uint8_t> no_value{4 << 1};  // RLE run without its value byte
  RleBitPackedDecoder dec2(no_value.data(), no_value.size(), 8);
  EXPECT_THROW(dec2.getBatch(&x, 1), loch::IOException);
}

TEST(RleBitPacked, DeprecatedBitPackedIsMsbFirst) {
  // Encodings.md example: 0..7 at width 3 -> 00000101 00111001 01110111.
  std::vector<uint8_t> data{0x05, 0x39, 0x77};
  int16_t out[8];
  EXPECT_EQ(decodeBitPackedMsbFirst(data.data(), data.size(), 3, 8, out), 3u);
  for (int i = 0; i < 8; ++i) EXPECT_EQ(out[i], i);
  EXPECT_THROW(decodeBitPackedMsbFirst(data.data(), 2, 3, 8, out), loch::IOException);
}

TEST(PlainEncoding, AllPhysicalTypes) {
  int32_t ints[3] = {1, -2, 3};
  int32_t got[3];
  EXPECT_EQ(decodePlainFixed(reinterpret_cast<uint8_t*>(ints), 12, 3, 4, reinterpret_cast<uint8_t*>(got)), 12u);
  EXPECT_EQ(got[1], -2);
  EXPECT_THROW(decodePlainFixed(reinterpret_cast<uint8_t*>(ints), 11, 3, 4, reinterpret_cast<uint8_t*>(got)),
               loch::IOException);
  uint8_t bits[2] = {0b10100101, 0b1};
  uint8_t bools[9];
  EXPECT_EQ(decodePlainBoolean(bits, 2, 9, bools), 2u);
  std::vector<int> want{1, 0, 1, 0, 0, 1, 0, 1, 1};
  for (int i = 0; i < 9; ++i) EXPECT_EQ(bools[i], want[i]);
  std::vector<uint8_t> ba{2, 0, 0, 0, 'h', 'i', 0, 0, 0, 0, 3, 0, 0, 0, 'x', 'y', 'z'};
  ByteArrayBuffer out;
  EXPECT_EQ(decodePlainByteArray(ba.data(), ba.size(), 3, out), ba.size());
  ASSERT_EQ(out.size(), 3u);
  EXPECT_EQ(out.at(0), "hi");
  EXPECT_EQ(out.at(1), "");
  EXPECT_EQ(out.at(2), "xyz");
  ByteArrayBuffer bad;
  EXPECT_THROW(decodePlainByteArray(ba.data(), ba.size() - 1, 3, bad), loch::IOException);
}

TEST(DictionaryEncoding, IndicesAndGather) {
  std::vector<uint8_t> page{2, 6 << 1, 1, 2 << 1, 3};  // width 2: six 1s then two 3s
  DictionaryIndexDecoder dec(page.data(), page.size());
  std::vector<int32_t> idx(8);
  dec.decode(idx.data(), 8);
  EXPECT_EQ(idx, (std::vector<int32_t>{1, 1, 1, 1, 1, 1, 3, 3}));
  int64_t dict[4] = {10, 20, 30, 40};
  int64_t out[8];
  gatherFixed(reinterpret_cast<uint8_t*>(dict), 4, 8, idx.data(), 8, reinterpret_cast<uint8_t*>(out));
  EXPECT_EQ(out[0], 20);
  EXPECT_EQ(out[7], 40);
  EXPECT_THROW(gatherFixed(reinterpret_cast<uint8_t*>(dict), 3, 8, idx.data(), 8, reinterpret_cast<uint8_t*>(out)),
               loch::IOException);
  ByteArrayBuffer sdict;
  sdict.append(reinterpret_cast<const uint8_t*>("a"), 1);
  sdict.append(reinterpret_cast<const uint8_t*>("bb"), 2);
  ByteArrayBuffer sout;
  int32_t sidx[3] = {1, 0, 1};
  gatherByteArray(sdict, sidx, 3, sout);
  EXPECT_EQ(sout.at(0), "bb");
  EXPECT_EQ(sout.at(1), "a");
  int32_t bad[1] = {2};
  EXPECT_THROW(gatherByteArray(sdict, bad, 1, sout), loch::IOException);
  DictionaryIndexDecoder short_page(page.data(), page.size());
  std::vector<int32_t> too_many(9);
  EXPECT_THROW(short_page.decode(too_many.data(), 9), loch::IOException);
}

TEST(DeltaBinaryPacked, SpecExampleConstantDeltas) {
  // Encodings.md example 1: 1, 2, 3, 4, 5 -> min delta 1, all widths 0.
  std::vector<uint8_t> data{0x80, 0x01, 0x04, 0x05, 0x02, 0x02, 0, 0, 0, 0};
  DeltaBinaryPackedDecoder dec(data.data(), data.size());
  EXPECT_EQ(dec.totalValues(), 5u);
  int32_t out[5];
  dec.decode(out, 5);
  for (int i = 0; i < 5; ++i) EXPECT_EQ(out[i], i + 1);
  EXPECT_EQ(dec.position(), data.size());
}

TEST(DeltaBinaryPacked, SpecExampleMixedDeltas) {
  // Encodings.md example 2: 7, 5, 3, 1, 2, 3, 4, 5 -> min delta -2, width 2.
  std::vector<uint8_t> data{0x80, 0x01, 0x04, 0x08, 0x0e, 0x03, 2, 0, 0, 0, 0xc0, 0x3f, 0, 0, 0, 0, 0, 0};
  DeltaBinaryPackedDecoder dec(data.data(), data.size());
  int64_t out[8];
  dec.decode(out, 3);  // in two calls
  dec.decode(out + 3, 5);
  std::vector<int64_t> want{7, 5, 3, 1, 2, 3, 4, 5};
  for (int i = 0; i < 8; ++i) EXPECT_EQ(out[i], want[i]);
  EXPECT_EQ(dec.position(), data.size());
  int64_t extra;
  EXPECT_THROW(dec.decode(&extra, 1), loch::IOException);
}

TEST(DeltaBinaryPacked, RejectsBadHeadersAndTruncation) {
  std::vector<uint8_t> bad_block{0x81, 0x01, 0x04, 0x05, 0x02};  // block size 129
  EXPECT_THROW(DeltaBinaryPackedDecoder(bad_block.data(), bad_block.size()), loch::IOException);
  std::vector<uint8_t> bad_mini{0x80, 0x01, 0x03, 0x05, 0x02};  // 128 / 3 miniblocks
  EXPECT_THROW(DeltaBinaryPackedDecoder(bad_mini.data(), bad_mini.size()), loch::IOException);
  std::vector<uint8_t> truncated{0x80, 0x01, 0x04, 0x08, 0x0e, 0x03, 2, 0, 0, 0};
  DeltaBinaryPackedDecoder dec(truncated.data(), truncated.size());
  int32_t out[8];
  EXPECT_THROW(dec.decode(out, 8), loch::IOException);
}

TEST(DeltaByteArray, LengthAndPrefixEncodings) {
  // DELTA_LENGTH_BYTE_ARRAY of "Hello", "World", "Foobar", "ABCDEF":
  // lengths 5,5,6,6 -> first 5, deltas 0,1,0 -> min 0, width 1.
  std::vector<uint8_t> dlba{0x80, 0x01, 0x04, 0x04, 0x0a, 0x00, 1, 0, 0, 0, 0x02, 0, 0, 0};
  std::string text = "HelloWorldFoobarABCDEF";
  dlba.insert(dlba.end(), text.begin(), text.end());
  ByteArrayBuffer out;
  EXPECT_EQ(decodeDeltaLengthByteArray(dlba.data(), dlba.size(), 4, out), dlba.size());
  EXPECT_EQ(out.at(2), "Foobar");
  EXPECT_EQ(out.at(3), "ABCDEF");
  ByteArrayBuffer short_out;
  EXPECT_THROW(decodeDeltaLengthByteArray(dlba.data(), dlba.size() - 1, 4, short_out), loch::IOException);

  // DELTA_BYTE_ARRAY of "axis", "axle", "babble", "babyhood": prefixes
  // 0,2,0,3 and suffixes "axis","le","babble","yhood".
  std::vector<uint8_t> dba;
  // prefixes: first 0; deltas 2,-2,3 -> min -2, relative 4,0,5 -> width 3.
  std::vector<uint8_t> prefixes{0x80, 0x01, 0x04, 0x04, 0x00, 0x03, 3, 0, 0, 0};
  std::vector<uint8_t> packed(12, 0);
  packed[0] = 0x04 | (0 << 3) | (5 << 6);  // 4 | 0 | low bits of 5
  packed[1] = 5 >> 2;
  prefixes.insert(prefixes.end(), packed.begin(), packed.end());
  dba.insert(dba.end(), prefixes.begin(), prefixes.end());
  // suffix lengths 4,2,6,5: first 4, deltas -2,4,-1 -> min -2, relative 0,6,1 -> width 3.
  std::vector<uint8_t> lengths{0x80, 0x01, 0x04, 0x04, 0x08, 0x03, 3, 0, 0, 0};
  std::vector<uint8_t> lpacked(12, 0);
  lpacked[0] = 0 | (6 << 3) | ((1 & 3) << 6);
  lpacked[1] = 1 >> 2;
  lengths.insert(lengths.end(), lpacked.begin(), lpacked.end());
  dba.insert(dba.end(), lengths.begin(), lengths.end());
  std::string suffixes = "axis" + std::string("le") + "babble" + "yhood";
  dba.insert(dba.end(), suffixes.begin(), suffixes.end());
  ByteArrayBuffer words;
  EXPECT_EQ(decodeDeltaByteArray(dba.data(), dba.size(), 4, words), dba.size());
  EXPECT_EQ(words.at(0), "axis");
  EXPECT_EQ(words.at(1), "axle");
  EXPECT_EQ(words.at(2), "babble");
  EXPECT_EQ(words.at(3), "babyhood");
}

TEST(ByteStreamSplit, ReassemblesValues) {
  float in[3] = {1.5f, -2.25f, 1e10f};
  uint8_t raw[12];
  std::memcpy(raw, in, 12);
  uint8_t split[12];
  for (int i = 0; i < 3; ++i)
    for (int k = 0; k < 4; ++k) split[k * 3 + i] = raw[i * 4 + k];
  float out[3];
  decodeByteStreamSplit(split, 12, 3, 4, reinterpret_cast<uint8_t*>(out));
  EXPECT_EQ(out[0], 1.5f);
  EXPECT_EQ(out[1], -2.25f);
  EXPECT_EQ(out[2], 1e10f);
  EXPECT_THROW(decodeByteStreamSplit(split, 11, 3, 4, reinterpret_cast<uint8_t*>(out)), loch::IOException);
  EXPECT_THROW(decodeByteStreamSplit(split, 8, 3, 4, reinterpret_cast<uint8_t*>(out)), loch::IOException);
}

// skip() interleaved with getBatch() at every width class (1 bit, aligned
// 32-bit output, unaligned) yields the values after the skipped ones.
TEST(RleBitPacked, SkipThenDecodeMatchesFullDecode) {
  for (int width : {1, 3, 13}) {
    std::vector<uint32_t> values;
    for (uint32_t i = 0; i < 64; ++i) values.push_back((i * 7 + 3) % (1u << width));
    std::vector<uint8_t> data{static_cast<uint8_t>((8 << 1) | 1)};  // eight groups of 8
    auto packed = pack(values, width);
    data.insert(data.end(), packed.begin(), packed.end());
    data.push_back(5 << 1);  // RLE run of 5 copies of 1
    data.push_back(1);
    if (width > 8) data.push_back(0);
    auto all = decodeAll<int32_t>(data, width, 100);
    ASSERT_EQ(all.size(), 69u);
    for (size_t step : {size_t{1}, size_t{3}, size_t{8}, size_t{11}}) {
      RleBitPackedDecoder dec(data.data(), data.size(), width);
      size_t pos = 0;
      bool skip = true;
      while (pos < all.size()) {
        size_t n = std::min(step, all.size() - pos);
        if (skip) {
          ASSERT_EQ(dec.skip(n), n);
        } else {
          std::vector<int32_t> got(n);
          ASSERT_EQ(dec.getBatch(got.data(), n), n);
          for (size_t i = 0; i < n; ++i) EXPECT_EQ(got[i], all[pos + i]) << width << " " << step << " " << pos + i;
        }
        pos += n;
        skip = !skip;
      }
      EXPECT_EQ(dec.skip(1), 0u);
    }
  }
}

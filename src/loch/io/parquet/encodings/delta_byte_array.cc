#include "loch/io/parquet/encodings/delta_byte_array.h"

#include <algorithm>
#include <string_view>
#include <vector>

#include "loch/io/parquet/encodings/delta_binary_packed.h"
#include "loch/io/parquet/parquet_error.h"

namespace loch::parquet {

namespace {

// Decodes `count` DELTA_BINARY_PACKED int32s; returns the bytes consumed.
size_t decodeLengths(const uint8_t* src, size_t size, size_t count, std::vector<int32_t>& out,
                     const char* what) {
  DeltaBinaryPackedDecoder lengths(src, size);
  if (lengths.totalValues() < count) throwCorrupt(std::string(what) + " has fewer values than expected");
  // Writers store exactly the page's values; a far larger count can only be
  // corruption, and skipping it would cost time for nothing.
  if (lengths.totalValues() - count > 65536) throwCorrupt(std::string(what) + " has more values than the page");
  out.resize(count);
  lengths.decode(out.data(), count);
  // Skip values the header promised but the page does not use (keeps the
  // position right for the section after this one).
  size_t rest = lengths.totalValues() - count;
  std::vector<int32_t> scratch(std::min<size_t>(rest, 1024));
  while (rest > 0) {
    size_t n = std::min(rest, scratch.size());
    lengths.decode(scratch.data(), n);
    rest -= n;
  }
  return lengths.position();
}

}  // namespace

size_t decodeDeltaLengthByteArray(const uint8_t* src, size_t size, size_t count, ByteArrayBuffer& out) {
  std::vector<int32_t> lengths;
  size_t pos = decodeLengths(src, size, count, lengths, "DELTA_LENGTH_BYTE_ARRAY");
  size_t total = 0;
  for (int32_t len : lengths) {
    if (len < 0) throwCorrupt("DELTA_LENGTH_BYTE_ARRAY negative length");
    total += static_cast<size_t>(len);
  }
  if (total > size - pos) throwCorrupt("DELTA_LENGTH_BYTE_ARRAY data runs past the page");
  out.data.reserve(out.data.size() + total);
  out.offsets.reserve(out.offsets.size() + count);
  for (int32_t len : lengths) {
    out.append(src + pos, static_cast<size_t>(len));
    pos += static_cast<size_t>(len);
  }
  return pos;
}

size_t decodeDeltaByteArray(const uint8_t* src, size_t size, size_t count, ByteArrayBuffer& out) {
  std::vector<int32_t> prefixes;
  size_t pos = decodeLengths(src, size, count, prefixes, "DELTA_BYTE_ARRAY prefixes");
  ByteArrayBuffer suffixes;
  pos += decodeDeltaLengthByteArray(src + pos, size - pos, count, suffixes);
  size_t prev_start = 0, prev_len = 0;  // previous value inside out.data
  for (size_t i = 0; i < count; ++i) {
    int32_t prefix = prefixes[i];
    if (prefix < 0 || static_cast<size_t>(prefix) > prev_len) {
      throwCorrupt("DELTA_BYTE_ARRAY prefix longer than the previous value");
    }
    std::string_view suffix = suffixes.at(i);
    size_t start = out.data.size();
    // Copy the prefix by index: inserting may reallocate out.data.
    out.data.resize(start + prefix + suffix.size());
    std::copy_n(out.data.begin() + prev_start, prefix, out.data.begin() + start);
    std::copy(suffix.begin(), suffix.end(), out.data.begin() + start + prefix);
    out.offsets.push_back(static_cast<int64_t>(out.data.size()));
    prev_start = start;
    prev_len = prefix + suffix.size();
  }
  return pos;
}

}  // namespace loch::parquet

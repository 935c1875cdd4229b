#include "loch/io/parquet/encodings/dictionary.h"

#include <cstring>

#include "loch/io/parquet/parquet_error.h"

namespace loch::parquet {

namespace {

int readBitWidth(const uint8_t* data, size_t size) {
  if (size == 0) throwCorrupt("dictionary-encoded page has no bit width byte");
  return data[0];
}

}  // namespace

DictionaryIndexDecoder::DictionaryIndexDecoder(const uint8_t* data, size_t size)
    : rle_(data + (size > 0 ? 1 : 0), size > 0 ? size - 1 : 0, readBitWidth(data, size)) {}

void DictionaryIndexDecoder::decode(int32_t* out, size_t n) {
  if (rle_.getBatch(out, n) != n) throwCorrupt("dictionary-encoded page has fewer indices than values");
}

namespace {

// Fixed-size copies compile to single loads and stores.
template <size_t kWidth>
void gatherWidth(const uint8_t* dict, size_t dict_count, const int32_t* indices, size_t n, uint8_t* out) {
  for (size_t i = 0; i < n; ++i) {
    auto k = static_cast<uint32_t>(indices[i]);
    if (k >= dict_count) throwCorrupt("dictionary index out of range");
    std::memcpy(out + i * kWidth, dict + static_cast<size_t>(k) * kWidth, kWidth);
  }
}

}  // namespace

void DictionaryIndexDecoder::skip(size_t n) {
  if (rle_.skip(n) != n) throwCorrupt("dictionary-encoded page has fewer indices than values");
}

void gatherFixed(const uint8_t* dict, size_t dict_count, size_t width, const int32_t* indices,
                 size_t n, uint8_t* out) {
  switch (width) {
    case 1: return gatherWidth<1>(dict, dict_count, indices, n, out);
    case 4: return gatherWidth<4>(dict, dict_count, indices, n, out);
    case 8: return gatherWidth<8>(dict, dict_count, indices, n, out);
    case 12: return gatherWidth<12>(dict, dict_count, indices, n, out);
    case 16: return gatherWidth<16>(dict, dict_count, indices, n, out);
    default: break;
  }
  for (size_t i = 0; i < n; ++i) {
    int32_t k = indices[i];
    if (k < 0 || static_cast<size_t>(k) >= dict_count) throwCorrupt("dictionary index out of range");
    std::memcpy(out + i * width, dict + static_cast<size_t>(k) * width, width);
  }
}

void gatherByteArray(const ByteArrayBuffer& dict, const int32_t* indices, size_t n,
                     ByteArrayBuffer& out) {
  size_t dict_count = dict.size();
  size_t total = 0;
  for (size_t i = 0; i < n; ++i) {
    int32_t k = indices[i];
    if (k < 0 || static_cast<size_t>(k) >= dict_count) throwCorrupt("dictionary index out of range");
    total += static_cast<size_t>(dict.offsets[k + 1] - dict.offsets[k]);
  }
  out.data.reserve(out.data.size() + total);
  out.offsets.reserve(out.offsets.size() + n);
  for (size_t i = 0; i < n; ++i) {
    int32_t k = indices[i];
    out.append(dict.data.data() + dict.offsets[k], static_cast<size_t>(dict.offsets[k + 1] - dict.offsets[k]));
  }
}

}  // namespace loch::parquet

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

void gatherFixed(const uint8_t* dict, size_t dict_count, size_t width, const int32_t* indices,
                 size_t n, uint8_t* out) {
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

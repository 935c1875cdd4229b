#include "loch/io/parquet/encodings/plain.h"

#include <cstring>

#include "loch/io/parquet/parquet_error.h"

namespace loch::parquet {

size_t decodePlainFixed(const uint8_t* src, size_t size, size_t count, size_t width, uint8_t* out) {
  if (width != 0 && count > size / width) throwCorrupt("PLAIN data shorter than its value count");
  size_t bytes = count * width;
  if (bytes > 0) std::memcpy(out, src, bytes);
  return bytes;
}

size_t decodePlainBoolean(const uint8_t* src, size_t size, size_t count, uint8_t* out) {
  size_t bytes = (count + 7) / 8;
  if (bytes > size) throwCorrupt("PLAIN boolean data shorter than its value count");
  for (size_t i = 0; i < count; ++i) out[i] = (src[i >> 3] >> (i & 7)) & 1;
  return bytes;
}

size_t decodePlainByteArray(const uint8_t* src, size_t size, size_t count, ByteArrayBuffer& out) {
  size_t pos = 0;
  out.offsets.reserve(out.offsets.size() + count);
  for (size_t i = 0; i < count; ++i) {
    if (size - pos < 4) throwCorrupt("truncated PLAIN byte array length");
    uint32_t len;
    std::memcpy(&len, src + pos, 4);
    pos += 4;
    if (len > size - pos) throwCorrupt("PLAIN byte array runs past the page");
    out.append(src + pos, len);
    pos += len;
  }
  return pos;
}

}  // namespace loch::parquet

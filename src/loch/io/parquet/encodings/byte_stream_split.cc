#include "loch/io/parquet/encodings/byte_stream_split.h"

#include "loch/io/parquet/parquet_error.h"

namespace loch::parquet {

void decodeByteStreamSplit(const uint8_t* src, size_t size, size_t count, size_t width, uint8_t* out) {
  if (width == 0 || size % width != 0) throwCorrupt("BYTE_STREAM_SPLIT data size is not a multiple of the value width");
  size_t stride = size / width;
  if (stride < count) throwCorrupt("BYTE_STREAM_SPLIT page has fewer values than expected");
  for (size_t k = 0; k < width; ++k) {
    const uint8_t* stream = src + k * stride;
    for (size_t i = 0; i < count; ++i) out[i * width + k] = stream[i];
  }
}

}  // namespace loch::parquet

#include "loch/io/parquet/encodings/rle_bit_packed.h"

#include <algorithm>

#include "loch/io/parquet/encodings/bit_unpack.h"
#include "loch/io/parquet/parquet_error.h"

namespace loch::parquet {

RleBitPackedDecoder::RleBitPackedDecoder(const uint8_t* data, size_t size, int bit_width)
    : data_(data), size_(size), bit_width_(bit_width) {
  if (bit_width < 0 || bit_width > 32) {
    throwCorrupt("RLE bit width " + std::to_string(bit_width) + " out of range");
  }
}

bool RleBitPackedDecoder::nextRun() {
  if (pos_ >= size_) return false;
  // ULEB128 run header: low bit selects bit-packed (1) or RLE (0).
  uint64_t header = 0;
  int shift = 0;
  while (true) {
    if (pos_ >= size_) throwCorrupt("truncated RLE run header");
    uint8_t b = data_[pos_++];
    header |= static_cast<uint64_t>(b & 0x7f) << shift;
    if ((b & 0x80) == 0) break;
    shift += 7;
    if (shift > 35) throwCorrupt("RLE run header too long");
  }
  if (header & 1) {
    size_t groups = header >> 1;
    size_t bytes = groups * static_cast<size_t>(bit_width_);
    size_t avail = std::min(bytes, size_ - pos_);
    is_rle_ = false;
    packed_ = data_ + pos_;
    packed_bytes_ = avail;
    packed_index_ = 0;
    // Writers may cut the padding of the final run; only whole values count.
    run_left_ = bit_width_ == 0 ? groups * 8 : std::min(groups * 8, avail * 8 / bit_width_);
    pos_ += avail;
  } else {
    is_rle_ = true;
    run_left_ = header >> 1;
    size_t value_bytes = (static_cast<size_t>(bit_width_) + 7) / 8;
    if (size_ - pos_ < value_bytes) throwCorrupt("truncated RLE run value");
    uint32_t v = 0;
    for (size_t i = 0; i < value_bytes; ++i) v |= static_cast<uint32_t>(data_[pos_ + i]) << (8 * i);
    pos_ += value_bytes;
    // A run value must fit its bit width (Encodings.md, RLE); callers rely
    // on that bound (e.g. levels of width w never exceed 2^w - 1).
    if (bit_width_ < 32 && (v >> bit_width_) != 0) throwCorrupt("RLE run value wider than its bit width");
    rle_value_ = v;
  }
  return true;
}

template <class T>
size_t RleBitPackedDecoder::getBatch(T* out, size_t n) {
  size_t done = 0;
  uint32_t buf[256];
  while (done < n) {
    if (run_left_ == 0) {
      if (!nextRun()) break;
      continue;  // a run may be empty
    }
    size_t take = std::min(run_left_, n - done);
    if (is_rle_) {
      std::fill(out + done, out + done + take, static_cast<T>(rle_value_));
    } else if (bit_width_ == 1) {
      // Levels of optional columns: one bit per value, expanded directly.
      for (size_t i = 0; i < take; ++i) {
        size_t k = packed_index_ + i;
        out[done + i] = static_cast<T>((packed_[k >> 3] >> (k & 7)) & 1);
      }
      packed_index_ += take;
    } else if (sizeof(T) == 4 && (packed_index_ & 7) == 0) {
      // Group-aligned 32-bit output (dictionary indices): unpack in place.
      if constexpr (sizeof(T) == 4) {
        size_t byte = packed_index_ * static_cast<size_t>(bit_width_) / 8;
        unpackBits(packed_ + byte, packed_bytes_ - byte, bit_width_, take, reinterpret_cast<uint32_t*>(out + done));
      }
      packed_index_ += take;
    } else {
      // Groups of 8 values start on byte boundaries (8 * width bits), so
      // unpack from the start of the current group and drop the lead.
      take = std::min<size_t>(take, 248);
      size_t group_start = packed_index_ & ~size_t{7};
      size_t lead = packed_index_ - group_start;
      size_t byte = group_start * static_cast<size_t>(bit_width_) / 8;
      unpackBits(packed_ + byte, packed_bytes_ - byte, bit_width_, lead + take, buf);
      for (size_t i = 0; i < take; ++i) out[done + i] = static_cast<T>(buf[lead + i]);
      packed_index_ += take;
    }
    run_left_ -= take;
    done += take;
  }
  return done;
}

size_t RleBitPackedDecoder::skip(size_t n) {
  size_t done = 0;
  while (done < n) {
    if (run_left_ == 0) {
      if (!nextRun()) break;
      continue;
    }
    size_t take = std::min(run_left_, n - done);
    if (!is_rle_) packed_index_ += take;
    run_left_ -= take;
    done += take;
  }
  return done;
}

template size_t RleBitPackedDecoder::getBatch<int16_t>(int16_t*, size_t);
template size_t RleBitPackedDecoder::getBatch<int32_t>(int32_t*, size_t);
template size_t RleBitPackedDecoder::getBatch<uint32_t>(uint32_t*, size_t);
template size_t RleBitPackedDecoder::getBatch<uint8_t>(uint8_t*, size_t);

size_t decodeBitPackedMsbFirst(const uint8_t* data, size_t size, int bit_width, size_t count,
                               int16_t* out) {
  if (bit_width < 0 || bit_width > 16) throwCorrupt("BIT_PACKED level width out of range");
  size_t bytes = packedBytes(count, bit_width);
  if (bytes > size) throwCorrupt("truncated BIT_PACKED levels");
  size_t bit = 0;
  for (size_t i = 0; i < count; ++i) {
    int v = 0;
    for (int b = 0; b < bit_width; ++b, ++bit) {
      v = (v << 1) | ((data[bit / 8] >> (7 - bit % 8)) & 1);
    }
    out[i] = static_cast<int16_t>(v);
  }
  return bytes;
}

int bitWidthFor(uint32_t max_value) {
  int w = 0;
  while (max_value != 0) {
    ++w;
    max_value >>= 1;
  }
  return w;
}

}  // namespace loch::parquet

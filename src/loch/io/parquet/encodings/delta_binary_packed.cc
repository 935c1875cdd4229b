#include "loch/io/parquet/encodings/delta_binary_packed.h"

#include <algorithm>

#include "loch/io/parquet/encodings/bit_unpack.h"
#include "loch/io/parquet/parquet_error.h"
#include "loch/io/parquet/thrift_compact.h"

namespace loch::parquet {

namespace {
// Guards memory: real writers use 128..1024 values per block.
constexpr size_t kMaxBlockSize = 1 << 16;
}  // namespace

DeltaBinaryPackedDecoder::DeltaBinaryPackedDecoder(const uint8_t* data, size_t size)
    : data_(data), size_(size) {
  block_size_ = readVarint();
  miniblocks_ = readVarint();
  total_ = readVarint();
  last_ = static_cast<uint64_t>(zigzagDecode(readVarint()));
  if (block_size_ == 0 || block_size_ % 128 != 0 || block_size_ > kMaxBlockSize) {
    throwCorrupt("DELTA_BINARY_PACKED block size " + std::to_string(block_size_) + " invalid");
  }
  if (miniblocks_ == 0 || block_size_ % miniblocks_ != 0 || (block_size_ / miniblocks_) % 32 != 0) {
    throwCorrupt("DELTA_BINARY_PACKED miniblock count invalid");
  }
  if (total_ > (size_t{1} << 40)) throwCorrupt("DELTA_BINARY_PACKED value count invalid");
  per_miniblock_ = block_size_ / miniblocks_;
  widths_.resize(miniblocks_);
  buffer_.resize(per_miniblock_);
  miniblock_index_ = miniblocks_;  // forces a block header before the first delta
}

uint64_t DeltaBinaryPackedDecoder::readVarint() {
  uint64_t v = 0;
  for (int shift = 0; shift < 70; shift += 7) {
    if (pos_ >= size_) throwCorrupt("truncated DELTA_BINARY_PACKED data");
    uint8_t b = data_[pos_++];
    v |= static_cast<uint64_t>(b & 0x7f) << shift;
    if ((b & 0x80) == 0) return v;
  }
  throwCorrupt("DELTA_BINARY_PACKED varint too long");
}

void DeltaBinaryPackedDecoder::readBlockHeader() {
  min_delta_ = static_cast<uint64_t>(zigzagDecode(readVarint()));
  if (size_ - pos_ < miniblocks_) throwCorrupt("truncated DELTA_BINARY_PACKED block header");
  for (size_t i = 0; i < miniblocks_; ++i) {
    widths_[i] = data_[pos_ + i];
  }
  pos_ += miniblocks_;
  miniblock_index_ = 0;
}

void DeltaBinaryPackedDecoder::loadMiniblock() {
  if (miniblock_index_ == miniblocks_) readBlockHeader();
  int width = widths_[miniblock_index_++];
  if (width > 64) throwCorrupt("DELTA_BINARY_PACKED bit width above 64");
  size_t needed = std::min(per_miniblock_, total_ - returned_);
  size_t bytes = per_miniblock_ * static_cast<size_t>(width) / 8;
  size_t avail = std::min(bytes, size_ - pos_);
  // The final miniblock is padded on the wire; tolerate writers that cut
  // the padding as long as the values we need are present.
  if (needed * static_cast<size_t>(width) > avail * 8) throwCorrupt("truncated DELTA_BINARY_PACKED miniblock");
  unpackBits(data_ + pos_, avail, width, needed, buffer_.data());
  pos_ += avail;
  buffer_pos_ = 0;
  buffer_len_ = needed;
}

template <class T>
void DeltaBinaryPackedDecoder::decode(T* out, size_t n) {
  if (n > total_ - returned_) throwCorrupt("DELTA_BINARY_PACKED page has fewer values than expected");
  size_t i = 0;
  if (n > 0 && returned_ == 0) {
    out[i++] = static_cast<T>(last_);
    ++returned_;
  }
  while (i < n) {
    if (buffer_pos_ == buffer_len_) loadMiniblock();
    size_t take = std::min(n - i, buffer_len_ - buffer_pos_);
    uint64_t v = last_;
    for (size_t k = 0; k < take; ++k) {
      v += min_delta_ + buffer_[buffer_pos_ + k];
      out[i + k] = static_cast<T>(v);
    }
    last_ = v;
    buffer_pos_ += take;
    i += take;
    returned_ += take;
  }
}

template void DeltaBinaryPackedDecoder::decode<int32_t>(int32_t*, size_t);
template void DeltaBinaryPackedDecoder::decode<int64_t>(int64_t*, size_t);

}  // namespace loch::parquet

#pragma once
// A growable, 64-byte-aligned, zero-initialised byte buffer: the storage of
// vectors (validity bitmaps, values, offsets, string bytes). Alignment and
// padding follow the Arrow columnar format's recommendation.

#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <memory>

namespace loch {

class Buffer {
 public:
  Buffer() = default;
  /// A buffer of `bytes` zero bytes.
  explicit Buffer(size_t bytes) { resize(bytes); }
  Buffer(const Buffer&) = delete;
  Buffer& operator=(const Buffer&) = delete;

  uint8_t* data() { return data_.get(); }
  const uint8_t* data() const { return data_.get(); }
  template <class T>
  T* as() {
    return reinterpret_cast<T*>(data_.get());
  }
  template <class T>
  const T* as() const {
    return reinterpret_cast<const T*>(data_.get());
  }
  size_t size() const { return size_; }
  size_t capacity() const { return capacity_; }

  /// Sets the size to `bytes`, keeping the contents; new bytes are zero.
  void resize(size_t bytes) {
    reserve(bytes);
    if (bytes > size_) std::memset(data_.get() + size_, 0, bytes - size_);
    size_ = bytes;
  }

  /// Ensures capacity for `bytes` (grows geometrically).
  void reserve(size_t bytes) {
    if (bytes <= capacity_) return;
    size_t cap = capacity_ < 64 ? 64 : capacity_;
    while (cap < bytes) cap *= 2;
    cap = (cap + 63) & ~size_t{63};
    std::unique_ptr<uint8_t, Free> fresh(static_cast<uint8_t*>(std::aligned_alloc(64, cap)));
    if (!fresh) throw std::bad_alloc();
    if (size_ > 0) std::memcpy(fresh.get(), data_.get(), size_);
    data_ = std::move(fresh);
    capacity_ = cap;
  }

  /// Appends raw bytes.
  void append(const void* src, size_t bytes) {
    size_t old = size_;
    reserve(old + bytes);
    if (bytes) std::memcpy(data_.get() + old, src, bytes);
    size_ = old + bytes;
  }

 private:
  struct Free {
    void operator()(uint8_t* p) const { std::free(p); }
  };
  std::unique_ptr<uint8_t, Free> data_;
  size_t size_ = 0;
  size_t capacity_ = 0;
};

using BufferPtr = std::shared_ptr<Buffer>;

namespace bits {
/// Arrow validity bitmaps: bit i (LSB first) set means row i is valid.
inline bool get(const uint8_t* bitmap, int64_t i) { return (bitmap[i >> 3] >> (i & 7)) & 1; }
inline void set(uint8_t* bitmap, int64_t i) { bitmap[i >> 3] |= static_cast<uint8_t>(1u << (i & 7)); }
inline void clear(uint8_t* bitmap, int64_t i) { bitmap[i >> 3] &= static_cast<uint8_t>(~(1u << (i & 7))); }
inline void setTo(uint8_t* bitmap, int64_t i, bool v) { v ? set(bitmap, i) : clear(bitmap, i); }
inline size_t bytesFor(int64_t n) { return static_cast<size_t>((n + 7) / 8); }
}  // namespace bits

}  // namespace loch

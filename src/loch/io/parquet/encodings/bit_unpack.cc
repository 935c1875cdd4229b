#include "loch/io/parquet/encodings/bit_unpack.h"

#include <cstring>

namespace loch::parquet {

namespace {

// Loads 8 bytes at `p` (little-endian host assumed: x86-64, aarch64).
inline uint64_t load64(const uint8_t* p) {
  uint64_t v;
  std::memcpy(&v, p, 8);
  return v;
}

// Loads up to 8 bytes at `byte`, zero-filling past in_size.
inline uint64_t load64Tail(const uint8_t* in, size_t in_size, size_t byte) {
  uint64_t v = 0;
  if (byte + 8 <= in_size) {
    std::memcpy(&v, in + byte, 8);
  } else if (byte < in_size) {
    std::memcpy(&v, in + byte, in_size - byte);
  }
  return v;
}

// Bounds-checked value-at-a-time unpacking from value index `first`.
template <class T>
void unpackSlow(const uint8_t* in, size_t in_size, int width, size_t first, size_t count, T* out) {
  const uint64_t mask = width == 64 ? ~uint64_t{0} : ((uint64_t{1} << width) - 1);
  size_t bit = first * static_cast<size_t>(width);
  for (size_t i = first; i < first + count; ++i, bit += width) {
    size_t byte = bit >> 3;
    int shift = static_cast<int>(bit & 7);
    uint64_t v = load64Tail(in, in_size, byte) >> shift;
    if (shift + width > 64 && byte + 8 < in_size) v |= static_cast<uint64_t>(in[byte + 8]) << (64 - shift);
    out[i] = static_cast<T>(v & mask);
  }
}

// Groups of 8 values occupy exactly W bytes; with W a compile-time constant
// the inner loop unrolls into fixed loads and shifts. Only used for groups
// with 8 readable bytes of slack, so no load crosses in_size.
template <int W, class T>
size_t unpackGroups(const uint8_t* in, size_t in_size, size_t count, T* out) {
  constexpr uint64_t kMask = (uint64_t{1} << W) - 1;
  size_t groups = count / 8;
  size_t safe_groups = in_size >= 8 + W ? (in_size - 8 - W) / W + 1 : 0;
  if (groups > safe_groups) groups = safe_groups;
  for (size_t g = 0; g < groups; ++g) {
    const uint8_t* p = in + g * W;
    T* o = out + g * 8;
    for (int i = 0; i < 8; ++i) {
      o[i] = static_cast<T>((load64(p + (i * W) / 8) >> ((i * W) % 8)) & kMask);
    }
  }
  return groups * 8;
}

template <class T>
void unpackImpl(const uint8_t* in, size_t in_size, int width, size_t count, T* out) {
  if (width == 0) {
    for (size_t i = 0; i < count; ++i) out[i] = 0;
    return;
  }
  size_t done = 0;
  switch (width) {
#define LOCH_UNPACK_CASE(W) \
  case W: done = unpackGroups<W>(in, in_size, count, out); break;
    LOCH_UNPACK_CASE(1) LOCH_UNPACK_CASE(2) LOCH_UNPACK_CASE(3) LOCH_UNPACK_CASE(4)
    LOCH_UNPACK_CASE(5) LOCH_UNPACK_CASE(6) LOCH_UNPACK_CASE(7) LOCH_UNPACK_CASE(8)
    LOCH_UNPACK_CASE(9) LOCH_UNPACK_CASE(10) LOCH_UNPACK_CASE(11) LOCH_UNPACK_CASE(12)
    LOCH_UNPACK_CASE(13) LOCH_UNPACK_CASE(14) LOCH_UNPACK_CASE(15) LOCH_UNPACK_CASE(16)
    LOCH_UNPACK_CASE(17) LOCH_UNPACK_CASE(18) LOCH_UNPACK_CASE(19) LOCH_UNPACK_CASE(20)
    LOCH_UNPACK_CASE(21) LOCH_UNPACK_CASE(22) LOCH_UNPACK_CASE(23) LOCH_UNPACK_CASE(24)
    LOCH_UNPACK_CASE(25) LOCH_UNPACK_CASE(26) LOCH_UNPACK_CASE(27) LOCH_UNPACK_CASE(28)
    LOCH_UNPACK_CASE(29) LOCH_UNPACK_CASE(30) LOCH_UNPACK_CASE(31) LOCH_UNPACK_CASE(32)
#undef LOCH_UNPACK_CASE
    default: break;  // wider values (DELTA_BINARY_PACKED only): generic path
  }
  if (done < count) unpackSlow(in, in_size, width, done, count - done, out);
}

}  // namespace

void unpackBits(const uint8_t* in, size_t in_size, int width, size_t count, uint64_t* out) {
  unpackImpl(in, in_size, width, count, out);
}

void unpackBits(const uint8_t* in, size_t in_size, int width, size_t count, uint32_t* out) {
  unpackImpl(in, in_size, width, count, out);
}

}  // namespace loch::parquet

#include "loch/exec/join/build_gather.h"

#include <cstring>
#include <limits>

#include "loch/vector/vector_ops.h"

namespace loch {

namespace {

constexpr int64_t kAhead = 16;

template <int W>
void copyFixed(const uint8_t* src, const int32_t* rows, int64_t n, uint8_t* dst) {
  for (int64_t i = 0; i < n; ++i) {
    if (i + kAhead < n && rows[i + kAhead] >= 0) __builtin_prefetch(src + static_cast<size_t>(rows[i + kAhead]) * W);
    int32_t r = rows[i];
    if (r >= 0) std::memcpy(dst + i * W, src + static_cast<size_t>(r) * W, W);
  }
}

void copyValidity(const Vector& src, const int32_t* rows, int64_t n, Vector& out) {
  const uint8_t* valid = src.validity();
  bool any_missing = false;
  for (int64_t i = 0; i < n && !any_missing; ++i) any_missing = rows[i] < 0;
  if (!valid && !any_missing) return;
  uint8_t* dst = out.mutableValidity();
  for (int64_t i = 0; i < n; ++i) {
    int32_t r = rows[i];
    if (r < 0 || (valid && !bits::get(valid, r))) bits::clear(dst, i);
  }
}

VectorPtr gatherStrings(const Vector& src, const int32_t* rows, int64_t n) {
  const int32_t* off = src.offsets();
  const char* data = src.stringData();
  int64_t bytes = 0;
  for (int64_t i = 0; i < n; ++i) {
    if (i + kAhead < n && rows[i + kAhead] >= 0) __builtin_prefetch(off + rows[i + kAhead]);
    int32_t r = rows[i];
    if (r >= 0) bytes += off[r + 1] - off[r];
  }
  if (bytes > std::numeric_limits<int32_t>::max()) return gather(src, rows, n);
  auto out = Vector::makeFlat(src.type(), n);
  auto buf = std::make_shared<Buffer>(static_cast<size_t>(bytes));
  int32_t* o = out->mutableOffsets();
  uint8_t* dst = buf->data();
  int32_t pos = 0;
  o[0] = 0;
  for (int64_t i = 0; i < n; ++i) {
    if (i + kAhead < n && rows[i + kAhead] >= 0) __builtin_prefetch(data + off[rows[i + kAhead]]);
    int32_t r = rows[i];
    if (r >= 0) {
      int32_t len = off[r + 1] - off[r];
      std::memcpy(dst + pos, data + off[r], static_cast<size_t>(len));
      pos += len;
    }
    o[i + 1] = pos;
  }
  out->setDataBuffer(std::move(buf));
  copyValidity(src, rows, n, *out);
  return out;
}

}  // namespace

VectorPtr gatherBuildRows(const Vector& src, const int32_t* rows, int64_t n) {
  if (!src.isFlat()) return gather(src, rows, n);
  if (src.type()->isStringLike()) return gatherStrings(src, rows, n);
  int width = src.type()->fixedWidth();
  if (src.type()->isNested() || src.typeId() == TypeId::Null ||
      (width != 1 && width != 2 && width != 4 && width != 8 && width != 16)) {
    return gather(src, rows, n);
  }
  auto out = Vector::makeFlat(src.type(), n);
  const uint8_t* s = src.valuesBuffer()->data();
  uint8_t* d = out->valuesBuffer()->data();
  switch (width) {
    case 1: copyFixed<1>(s, rows, n, d); break;
    case 2: copyFixed<2>(s, rows, n, d); break;
    case 4: copyFixed<4>(s, rows, n, d); break;
    case 8: copyFixed<8>(s, rows, n, d); break;
    default: copyFixed<16>(s, rows, n, d); break;
  }
  copyValidity(src, rows, n, *out);
  return out;
}

}  // namespace loch

#include "loch/exec/sort/row_sorter.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstring>
#include <type_traits>

#include "loch/common/thread_pool.h"
#include "loch/vector/decoded_vector.h"

namespace loch {

std::string SortKey::toString() const {
  return expr->toString() + (ascending ? " ASC" : " DESC") + (nulls_first ? " NULLS FIRST" : " NULLS LAST");
}

namespace {

constexpr int kPrefixBytes = 16;

struct Record8 {
  uint64_t k;
  uint64_t idx;
};

// Stable LSD radix sort on the 8-byte key (rows start in index order, so
// ties stay in index order); byte positions where all keys agree are skipped.
void radixSort(std::vector<Record8>& recs) {
  size_t n = recs.size();
  std::vector<std::array<size_t, 256>> counts(8);
  for (auto& c : counts) c.fill(0);
  for (const Record8& r : recs) {
    for (int b = 0; b < 8; ++b) ++counts[b][(r.k >> (8 * b)) & 0xFF];
  }
  std::vector<Record8> tmp(n);
  Record8* src = recs.data();
  Record8* dst = tmp.data();
  for (int b = 0; b < 8; ++b) {
    auto& c = counts[b];
    if (c[(src[0].k >> (8 * b)) & 0xFF] == n) continue;
    size_t sum = 0;
    for (auto& x : c) {
      size_t v = x;
      x = sum;
      sum += v;
    }
    for (size_t i = 0; i < n; ++i) dst[c[(src[i].k >> (8 * b)) & 0xFF]++] = src[i];
    std::swap(src, dst);
  }
  if (src != recs.data()) std::memcpy(recs.data(), src, n * sizeof(Record8));
}

// Full sort (chunks in parallel, then merged) or partial sort of the first
// `limit` records.
template <class Rec, class Less>
void sortRecords(std::vector<Rec>& recs, const Less& less, int64_t n, int64_t limit, ThreadPool* pool,
                 bool order_selected) {
  if (limit >= 0 && limit < n) {
    // Selection then a sort of the survivors: O(n + limit log limit),
    // far cheaper than a heap-based partial sort for large limits.
    if (limit > 0) {
      std::nth_element(recs.begin(), recs.begin() + (limit - 1), recs.end(), less);
      if (order_selected) std::sort(recs.begin(), recs.begin() + limit, less);
    }
    recs.resize(static_cast<size_t>(limit));
  } else if (pool && pool->threads() > 1 && n >= 65536) {
    int64_t chunks = pool->threads();
    std::vector<int64_t> bounds;
    for (int64_t c = 0; c <= chunks; ++c) bounds.push_back(n * c / chunks);
    pool->parallelFor(chunks, [&](int64_t c, int) {
      std::sort(recs.begin() + bounds[c], recs.begin() + bounds[c + 1], less);
    });
    for (int64_t c = 1; c < chunks; ++c) {
      std::inplace_merge(recs.begin(), recs.begin() + bounds[c], recs.begin() + bounds[c + 1], less);
    }
  } else {
    std::sort(recs.begin(), recs.end(), less);
  }
}

struct Record {
  uint64_t k0;
  uint64_t k1;
  uint64_t ord;
  uint32_t idx;
};

// Writes the `cnt` most significant bytes of the `width`-byte value v,
// big-endian, inverting them for descending keys.
inline void storeBE(uint8_t* dst, unsigned __int128 v, int width, int cnt, bool invert) {
  for (int i = 0; i < cnt; ++i) {
    auto byte = static_cast<uint8_t>(v >> ((width - 1 - i) * 8));
    dst[i] = invert ? static_cast<uint8_t>(~byte) : byte;
  }
}

// Order-preserving unsigned images of the physical values.
template <class T>
inline unsigned __int128 normalize(T x) {
  if constexpr (std::is_same_v<T, float>) {
    uint32_t b;
    if (std::isnan(x)) {
      b = 0x7FC00000u;  // one NaN, above +Infinity
    } else {
      if (x == 0.0f) x = 0.0f;
      std::memcpy(&b, &x, 4);
    }
    return (b & 0x80000000u) ? ~b : (b | 0x80000000u);
  } else if constexpr (std::is_same_v<T, double>) {
    uint64_t b;
    if (std::isnan(x)) {
      b = 0x7FF8000000000000ULL;
    } else {
      if (x == 0.0) x = 0.0;
      std::memcpy(&b, &x, 8);
    }
    return (b & 0x8000000000000000ULL) ? ~b : (b | 0x8000000000000000ULL);
  } else if constexpr (std::is_same_v<T, uint8_t>) {
    return x;
  } else if constexpr (std::is_same_v<T, int128_t>) {
    return static_cast<unsigned __int128>(x) ^ (static_cast<unsigned __int128>(1) << 127);
  } else {
    using U = std::make_unsigned_t<T>;
    U u = static_cast<U>(x) ^ (static_cast<U>(1) << (sizeof(T) * 8 - 1));
    return static_cast<unsigned __int128>(u);
  }
}

template <class T>
void encodeFixed(const Vector& v, int64_t n, uint8_t* buf, int offset, int cnt, bool desc) {
  const T* vals = v.values<T>();
  const uint8_t* valid = v.validity();
  if constexpr (sizeof(T) <= 8) {
    // Left-align the image in 64 bits and store it byte-swapped: big-endian.
    constexpr int shift = 64 - 8 * static_cast<int>(sizeof(T));
    for (int64_t i = 0; i < n; ++i) {
      if (valid && !bits::get(valid, i)) continue;  // value bytes stay zero
      uint64_t u = static_cast<uint64_t>(normalize<T>(vals[i])) << shift;
      if (desc) u = ~u;
      u = __builtin_bswap64(u);
      std::memcpy(buf + i * kPrefixBytes + offset, &u, static_cast<size_t>(cnt));
    }
  } else {
    for (int64_t i = 0; i < n; ++i) {
      if (valid && !bits::get(valid, i)) continue;
      storeBE(buf + i * kPrefixBytes + offset, normalize<T>(vals[i]), static_cast<int>(sizeof(T)), cnt, desc);
    }
  }
}

void encodeString(const Vector& v, int64_t n, uint8_t* buf, int offset, int cnt, bool desc) {
  const int32_t* off = v.offsets();
  const char* data = v.stringData();
  const uint8_t* valid = v.validity();
  for (int64_t i = 0; i < n; ++i) {
    if (valid && !bits::get(valid, i)) continue;
    uint8_t* dst = buf + i * kPrefixBytes + offset;
    int len = std::min(cnt, off[i + 1] - off[i]);
    std::memcpy(dst, data + off[i], static_cast<size_t>(len));
    if (desc) {
      for (int j = 0; j < cnt; ++j) dst[j] = static_cast<uint8_t>(~dst[j]);
    }
  }
}

// Encodes key `v` at byte `offset` of each row's prefix; returns the bytes
// used and sets `complete` when the prefix decides the key entirely.
int encodeKey(const Vector& v, const SortOrderSpec& spec, int64_t n, uint8_t* buf, int offset, bool& complete) {
  int avail = kPrefixBytes - offset;
  complete = false;
  if (avail <= 0) return 0;
  if (v.typeId() == TypeId::Null) {
    complete = true;
    return 0;  // all rows NULL: the key never decides
  }
  // Null byte (only for columns with NULLs): NULL sorts as 0 (first) or 2
  // (last) around valid rows' 1.
  const uint8_t* valid = v.validity();
  bool has_nulls = valid && v.nullCount() > 0;
  int hdr = has_nulls ? 1 : 0;
  if (has_nulls) {
    uint8_t null_byte = spec.nulls_first ? 0 : 2;
    for (int64_t i = 0; i < n; ++i) buf[i * kPrefixBytes + offset] = bits::get(valid, i) ? 1 : null_byte;
  }
  offset += hdr;
  int cnt = avail - hdr;
  if (cnt <= 0) return hdr;
  int width = v.type()->fixedWidth();
  bool desc = !spec.ascending;
  switch (v.typeId()) {
    case TypeId::Boolean: cnt = std::min(cnt, 1); encodeFixed<uint8_t>(v, n, buf, offset, cnt, desc); break;
    case TypeId::Byte: cnt = std::min(cnt, 1); encodeFixed<int8_t>(v, n, buf, offset, cnt, desc); break;
    case TypeId::Short: cnt = std::min(cnt, 2); encodeFixed<int16_t>(v, n, buf, offset, cnt, desc); break;
    case TypeId::Integer:
    case TypeId::Date:
    case TypeId::YearMonthInterval:
      cnt = std::min(cnt, 4);
      encodeFixed<int32_t>(v, n, buf, offset, cnt, desc);
      break;
    case TypeId::Long:
    case TypeId::Timestamp:
    case TypeId::TimestampNTZ:
    case TypeId::DayTimeInterval:
      cnt = std::min(cnt, 8);
      encodeFixed<int64_t>(v, n, buf, offset, cnt, desc);
      break;
    case TypeId::Float: cnt = std::min(cnt, 4); encodeFixed<float>(v, n, buf, offset, cnt, desc); break;
    case TypeId::Double: cnt = std::min(cnt, 8); encodeFixed<double>(v, n, buf, offset, cnt, desc); break;
    case TypeId::Decimal: cnt = std::min(cnt, 16); encodeFixed<int128_t>(v, n, buf, offset, cnt, desc); break;
    case TypeId::String:
    case TypeId::Binary: {
      // Strings shorter than the prefix and free of zero bytes are decided
      // by their zero-padded prefix; otherwise ties look at the whole string.
      const int32_t* off = v.offsets();
      int32_t max_len = 0;
      for (int64_t i = 0; i < n; ++i) max_len = std::max(max_len, off[i + 1] - off[i]);
      cnt = std::min(cnt, max_len + 1);
      encodeString(v, n, buf, offset, cnt, desc);
      complete = max_len < cnt && (n == 0 || std::memchr(v.stringData() + off[0], 0, static_cast<size_t>(off[n] - off[0])) == nullptr);
      return hdr + cnt;
    }
    default: return hdr;  // nested: decided by the full comparison
  }
  complete = cnt == width;
  return hdr + cnt;
}


// Encodes the keys' prefixes into buf (n rows of kPrefixBytes); sets
// tail_from to the first key the prefix does not decide; returns bytes used.
int encodeAll(const std::vector<VectorPtr>& keys, const std::vector<SortOrderSpec>& specs, int64_t n, uint8_t* buf,
              size_t& tail_from) {
  int offset = 0;
  tail_from = keys.size();
  for (size_t k = 0; k < keys.size(); ++k) {
    bool complete = false;
    offset += encodeKey(*keys[k], specs[k], n, buf, offset, complete);
    if (!complete) {
      tail_from = k;
      break;
    }
  }
  return offset;
}

inline uint64_t loadBE(const uint8_t* p) {
  uint64_t v;
  std::memcpy(&v, p, 8);
  return __builtin_bswap64(v);
}

int compareValues(const Value& a, const Value& b);

inline bool isNullRowAny(const Vector& v, int64_t i) { return v.typeId() == TypeId::Null || v.isNull(i); }

// A key compared after prefix ties, read straight from its flat arrays.
struct TailKey {
  enum Kind { I8, I16, I32, I64, I128, U8, F32, F64, Str, Generic } kind;
  const Vector* v;
  const uint8_t* valid;
  const uint8_t* vals;
  const int32_t* off;
  const char* data;
  bool asc;
  bool nulls_first;
};

TailKey makeTailKey(const Vector& v, const SortOrderSpec& spec) {
  TailKey k{TailKey::Generic, &v, nullptr, nullptr, nullptr, nullptr, spec.ascending, spec.nulls_first};
  if (!v.isFlat() || v.typeId() == TypeId::Null) return k;
  k.valid = v.validity();
  switch (v.typeId()) {
    case TypeId::Boolean: k.kind = TailKey::U8; break;
    case TypeId::Byte: k.kind = TailKey::I8; break;
    case TypeId::Short: k.kind = TailKey::I16; break;
    case TypeId::Integer:
    case TypeId::Date:
    case TypeId::YearMonthInterval: k.kind = TailKey::I32; break;
    case TypeId::Long:
    case TypeId::Timestamp:
    case TypeId::TimestampNTZ:
    case TypeId::DayTimeInterval: k.kind = TailKey::I64; break;
    case TypeId::Decimal: k.kind = TailKey::I128; break;
    case TypeId::Float: k.kind = TailKey::F32; break;
    case TypeId::Double: k.kind = TailKey::F64; break;
    case TypeId::String:
    case TypeId::Binary:
      k.kind = TailKey::Str;
      k.off = v.offsets();
      k.data = v.stringData();
      return k;
    default: return k;
  }
  k.vals = v.valuesBuffer()->data();
  return k;
}

template <class T>
int cmp(T a, T b) {
  return a < b ? -1 : (a > b ? 1 : 0);
}

int compareDoubles(double a, double b) {
  bool an = std::isnan(a), bn = std::isnan(b);
  if (an || bn) return an && bn ? 0 : (an ? 1 : -1);
  return cmp(a, b);  // -0.0 == 0.0 holds for ==
}

int compareValues(const Value& a, const Value& b) {
  if (a.isNull() || b.isNull()) return a.isNull() == b.isNull() ? 0 : (a.isNull() ? -1 : 1);
  switch (a.type()->id()) {
    case TypeId::Boolean: return cmp(a.getBool(), b.getBool());
    case TypeId::Float:
    case TypeId::Double: return compareDoubles(a.getDouble(), b.getDouble());
    case TypeId::Decimal: return cmp(a.getDecimal(), b.getDecimal());
    case TypeId::String:
    case TypeId::Binary: {
      int c = a.getString().compare(b.getString());  // char_traits<char>::compare is unsigned (memcmp)
      return c < 0 ? -1 : (c > 0 ? 1 : 0);
    }
    case TypeId::Array:
    case TypeId::Struct:
    case TypeId::Map: {
      const auto& x = a.children();
      const auto& y = b.children();
      for (size_t i = 0; i < std::min(x.size(), y.size()); ++i) {
        int c = compareValues(x[i], y[i]);
        if (c) return c;
      }
      return cmp(x.size(), y.size());
    }
    case TypeId::Null: return 0;
    default: return cmp(a.getLong(), b.getLong());
  }
}

template <class T>
inline int cmpAt(const uint8_t* vals, uint32_t a, uint32_t b) {
  T x, y;
  std::memcpy(&x, vals + static_cast<size_t>(a) * sizeof(T), sizeof(T));
  std::memcpy(&y, vals + static_cast<size_t>(b) * sizeof(T), sizeof(T));
  return cmp(x, y);
}

int compareTail(const TailKey& k, uint32_t a, uint32_t b) {
  int c;
  if (k.kind == TailKey::Generic) {
    bool an = isNullRowAny(*k.v, a), bn = isNullRowAny(*k.v, b);
    if (an || bn) return an == bn ? 0 : ((an == k.nulls_first) ? -1 : 1);
    c = compareKeyValues(*k.v, a, *k.v, b);
    return k.asc ? c : -c;
  }
  if (k.valid) {
    bool an = !bits::get(k.valid, a), bn = !bits::get(k.valid, b);
    if (an || bn) return an == bn ? 0 : ((an == k.nulls_first) ? -1 : 1);
  }
  switch (k.kind) {
    case TailKey::U8: c = cmpAt<uint8_t>(k.vals, a, b); break;
    case TailKey::I8: c = cmpAt<int8_t>(k.vals, a, b); break;
    case TailKey::I16: c = cmpAt<int16_t>(k.vals, a, b); break;
    case TailKey::I32: c = cmpAt<int32_t>(k.vals, a, b); break;
    case TailKey::I64: c = cmpAt<int64_t>(k.vals, a, b); break;
    case TailKey::I128: c = cmpAt<int128_t>(k.vals, a, b); break;
    case TailKey::F32: {
      float x, y;
      std::memcpy(&x, k.vals + a * 4ull, 4);
      std::memcpy(&y, k.vals + b * 4ull, 4);
      c = compareDoubles(x, y);
      break;
    }
    case TailKey::F64: {
      double x, y;
      std::memcpy(&x, k.vals + a * 8ull, 8);
      std::memcpy(&y, k.vals + b * 8ull, 8);
      c = compareDoubles(x, y);
      break;
    }
    default: {
      int32_t al = k.off[a + 1] - k.off[a], bl = k.off[b + 1] - k.off[b];
      int32_t len = std::min(al, bl);
      c = len ? std::memcmp(k.data + k.off[a], k.data + k.off[b], static_cast<size_t>(len)) : 0;
      c = c ? (c < 0 ? -1 : 1) : cmp(al, bl);
    }
  }
  return k.asc ? c : -c;
}

}  // namespace

int compareKeyValues(const Vector& x, int64_t a, const Vector& y, int64_t b) {
  DecodedVector dx(x), dy(y);
  bool an = x.typeId() == TypeId::Null || dx.isNull(a);
  bool bn = y.typeId() == TypeId::Null || dy.isNull(b);
  if (an || bn) return an == bn ? 0 : (an ? -1 : 1);
  switch (x.typeId()) {
    case TypeId::Boolean: return cmp(dx.valueAt<uint8_t>(a), dy.valueAt<uint8_t>(b));
    case TypeId::Byte: return cmp(dx.valueAt<int8_t>(a), dy.valueAt<int8_t>(b));
    case TypeId::Short: return cmp(dx.valueAt<int16_t>(a), dy.valueAt<int16_t>(b));
    case TypeId::Integer:
    case TypeId::Date:
    case TypeId::YearMonthInterval: return cmp(dx.valueAt<int32_t>(a), dy.valueAt<int32_t>(b));
    case TypeId::Long:
    case TypeId::Timestamp:
    case TypeId::TimestampNTZ:
    case TypeId::DayTimeInterval: return cmp(dx.valueAt<int64_t>(a), dy.valueAt<int64_t>(b));
    case TypeId::Float: return compareDoubles(dx.valueAt<float>(a), dy.valueAt<float>(b));
    case TypeId::Double: return compareDoubles(dx.valueAt<double>(a), dy.valueAt<double>(b));
    case TypeId::Decimal: return cmp(dx.valueAt<int128_t>(a), dy.valueAt<int128_t>(b));
    case TypeId::String:
    case TypeId::Binary: {
      std::string_view s = dx.stringAt(a), t = dy.stringAt(b);
      size_t len = std::min(s.size(), t.size());
      int c = len ? std::memcmp(s.data(), t.data(), len) : 0;
      if (c) return c < 0 ? -1 : 1;
      return cmp(s.size(), t.size());
    }
    default: return compareValues(x.getValue(a), y.getValue(b));
  }
}

std::vector<uint8_t> rowsNotAfter(const std::vector<VectorPtr>& keys, const std::vector<SortOrderSpec>& specs,
                                  int64_t n, int64_t pivot) {
  std::vector<uint8_t> buf(static_cast<size_t>(n) * kPrefixBytes, 0);
  size_t tail_from = 0;
  encodeAll(keys, specs, n, buf.data(), tail_from);
  std::vector<TailKey> tail_keys;
  for (size_t k = tail_from; k < keys.size(); ++k) tail_keys.push_back(makeTailKey(*keys[k], specs[k]));
  const uint8_t* pp = buf.data() + pivot * kPrefixBytes;
  uint64_t p0 = loadBE(pp), p1 = loadBE(pp + 8);
  std::vector<uint8_t> out(static_cast<size_t>(n));
  for (int64_t i = 0; i < n; ++i) {
    const uint8_t* p = buf.data() + i * kPrefixBytes;
    uint64_t k0 = loadBE(p), k1 = loadBE(p + 8);
    bool keep;
    if (k0 != p0) {
      keep = k0 < p0;
    } else if (k1 != p1) {
      keep = k1 < p1;
    } else {
      int c = 0;
      for (const TailKey& k : tail_keys) {
        c = compareTail(k, static_cast<uint32_t>(i), static_cast<uint32_t>(pivot));
        if (c) break;
      }
      keep = c <= 0;
    }
    out[i] = static_cast<uint8_t>(keep);
  }
  return out;
}

std::vector<uint32_t> sortRows(const std::vector<VectorPtr>& keys, const std::vector<SortOrderSpec>& specs, int64_t n,
                               const uint64_t* ordinals, int64_t limit, ThreadPool* pool,
                               bool order_selected) {
  std::vector<uint8_t> buf(static_cast<size_t>(n) * kPrefixBytes, 0);
  size_t tail_from = 0;
  int offset = encodeAll(keys, specs, n, buf.data(), tail_from);
  bool has_tail = tail_from < keys.size();
  if (!has_tail && !ordinals && offset <= 8) {
    // One 8-byte prefix decides everything: 16-byte records (key, row).
    std::vector<Record8> recs(static_cast<size_t>(n));
    for (int64_t i = 0; i < n; ++i) recs[i] = Record8{loadBE(buf.data() + i * kPrefixBytes), static_cast<uint64_t>(i)};
    buf = {};
    auto less = [](const Record8& x, const Record8& y) { return x.k != y.k ? x.k < y.k : x.idx < y.idx; };
    if (n >= 4096 && (limit < 0 || limit >= n)) {
      radixSort(recs);
    } else {
      sortRecords(recs, less, n, limit, pool, order_selected);
    }
    std::vector<uint32_t> out(recs.size());
    for (size_t i = 0; i < recs.size(); ++i) out[i] = static_cast<uint32_t>(recs[i].idx);
    return out;
  }
  std::vector<Record> recs(static_cast<size_t>(n));
  for (int64_t i = 0; i < n; ++i) {
    const uint8_t* p = buf.data() + i * kPrefixBytes;
    recs[i] = Record{loadBE(p), loadBE(p + 8), ordinals ? ordinals[i] : static_cast<uint64_t>(i),
                     static_cast<uint32_t>(i)};
  }
  buf = {};
  std::vector<TailKey> tail_keys;
  for (size_t k = tail_from; k < keys.size(); ++k) tail_keys.push_back(makeTailKey(*keys[k], specs[k]));
  auto less = [&](const Record& x, const Record& y) {
    if (x.k0 != y.k0) return x.k0 < y.k0;
    if (x.k1 != y.k1) return x.k1 < y.k1;
    for (const TailKey& k : tail_keys) {
      int c = compareTail(k, x.idx, y.idx);
      if (c) return c < 0;
    }
    return x.ord < y.ord;
  };
  sortRecords(recs, less, n, limit, pool, order_selected);
  std::vector<uint32_t> out(recs.size());
  for (size_t i = 0; i < recs.size(); ++i) out[i] = recs[i].idx;
  return out;
}

}  // namespace loch

#include "loch/exec/sort/row_sorter.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstddef>
#include <cstring>
#include <numeric>
#include <type_traits>

#include "loch/common/exception.h"
#include "loch/common/thread_pool.h"
#include "loch/vector/decoded_vector.h"
#include "loch/vector/vector_ops.h"

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
void encodeFixed(const Vector& v, int64_t n, uint8_t* buf, int stride, int offset, int cnt, bool desc) {
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
      std::memcpy(buf + i * stride + offset, &u, static_cast<size_t>(cnt));
    }
  } else {
    for (int64_t i = 0; i < n; ++i) {
      if (valid && !bits::get(valid, i)) continue;
      storeBE(buf + i * stride + offset, normalize<T>(vals[i]), static_cast<int>(sizeof(T)), cnt, desc);
    }
  }
}

void encodeString(const Vector& v, int64_t n, uint8_t* buf, int stride, int offset, int cnt, bool desc) {
  const int32_t* off = v.offsets();
  const char* data = v.stringData();
  const uint8_t* valid = v.validity();
  for (int64_t i = 0; i < n; ++i) {
    if (valid && !bits::get(valid, i)) continue;
    uint8_t* dst = buf + i * stride + offset;
    int len = std::min(cnt, off[i + 1] - off[i]);
    std::memcpy(dst, data + off[i], static_cast<size_t>(len));
    if (desc) {
      for (int j = 0; j < cnt; ++j) dst[j] = static_cast<uint8_t>(~dst[j]);
    }
  }
}

// How one key is laid out in the prefix: a null byte (only when some row is
// NULL: NULL sorts as 0 (first) or 2 (last) around valid rows' 1), then `cnt`
// value bytes; `complete` when the prefix decides the key entirely. Planned
// from all of the key's parts, so that parts can be encoded separately.
struct KeyPlan {
  int hdr = 0;
  int cnt = 0;
  bool complete = false;
};

KeyPlan planKey(const DataType& type, const std::vector<const Vector*>& parts, int offset) {
  KeyPlan p;
  int avail = kPrefixBytes - offset;
  if (avail <= 0) return p;
  if (type.id() == TypeId::Null) {
    p.complete = true;  // all rows NULL: the key never decides
    return p;
  }
  for (const Vector* v : parts) {
    if (v->validity() && v->nullCount() > 0) p.hdr = 1;
  }
  int cnt = avail - p.hdr;
  if (cnt <= 0) return p;
  int width = 0;
  switch (type.id()) {
    case TypeId::Boolean:
    case TypeId::Byte: width = 1; break;
    case TypeId::Short: width = 2; break;
    case TypeId::Integer:
    case TypeId::Date:
    case TypeId::YearMonthInterval:
    case TypeId::Float: width = 4; break;
    case TypeId::Long:
    case TypeId::Timestamp:
    case TypeId::TimestampNTZ:
    case TypeId::DayTimeInterval:
    case TypeId::Double: width = 8; break;
    case TypeId::Decimal: width = 16; break;
    case TypeId::String:
    case TypeId::Binary: {
      // Strings shorter than the prefix and free of zero bytes are decided
      // by their zero-padded prefix; otherwise ties look at the whole string.
      int32_t max_len = 0;
      bool zero = false;
      for (const Vector* v : parts) {
        const int32_t* off = v->offsets();
        int64_t n = v->size();
        for (int64_t i = 0; i < n; ++i) max_len = std::max(max_len, off[i + 1] - off[i]);
        zero = zero || (n > 0 && std::memchr(v->stringData() + off[0], 0, static_cast<size_t>(off[n] - off[0])) != nullptr);
      }
      p.cnt = std::min(cnt, max_len + 1);
      p.complete = max_len < p.cnt && !zero;
      return p;
    }
    default: return p;  // nested: decided by the full comparison
  }
  p.cnt = std::min(cnt, width);
  p.complete = p.cnt == width;
  return p;
}

// Encodes rows [0, n) of one part of a key planned as `p` at byte `offset`.
void encodeKeyPart(const Vector& v, const KeyPlan& p, const SortOrderSpec& spec, int64_t n, uint8_t* buf, int stride,
                   int offset) {
  if (p.hdr) {
    const uint8_t* valid = v.validity();
    uint8_t null_byte = spec.nulls_first ? 0 : 2;
    for (int64_t i = 0; i < n; ++i) buf[i * stride + offset] = !valid || bits::get(valid, i) ? 1 : null_byte;
  }
  if (p.cnt <= 0) return;
  offset += p.hdr;
  int cnt = p.cnt;
  bool desc = !spec.ascending;
  switch (v.typeId()) {
    case TypeId::Boolean: encodeFixed<uint8_t>(v, n, buf, stride, offset, cnt, desc); break;
    case TypeId::Byte: encodeFixed<int8_t>(v, n, buf, stride, offset, cnt, desc); break;
    case TypeId::Short: encodeFixed<int16_t>(v, n, buf, stride, offset, cnt, desc); break;
    case TypeId::Integer:
    case TypeId::Date:
    case TypeId::YearMonthInterval: encodeFixed<int32_t>(v, n, buf, stride, offset, cnt, desc); break;
    case TypeId::Long:
    case TypeId::Timestamp:
    case TypeId::TimestampNTZ:
    case TypeId::DayTimeInterval: encodeFixed<int64_t>(v, n, buf, stride, offset, cnt, desc); break;
    case TypeId::Float: encodeFixed<float>(v, n, buf, stride, offset, cnt, desc); break;
    case TypeId::Double: encodeFixed<double>(v, n, buf, stride, offset, cnt, desc); break;
    case TypeId::Decimal: encodeFixed<int128_t>(v, n, buf, stride, offset, cnt, desc); break;
    case TypeId::String:
    case TypeId::Binary: encodeString(v, n, buf, stride, offset, cnt, desc); break;
    default: break;
  }
}

// Encodes the prefixes of keys given in parts (key_parts[k][q]: part q of key
// k, part_rows[q] rows, parts in row order) into buf, `stride` bytes per row;
// sets tail_from to the first key the prefix does not decide and key_end[k]
// to the end of key k's bytes; returns the bytes used.
int encodeParts(const std::vector<std::vector<const Vector*>>& key_parts, const std::vector<DataTypePtr>& types,
                const std::vector<int64_t>& part_rows, const std::vector<SortOrderSpec>& specs, uint8_t* buf,
                int stride, size_t& tail_from, std::vector<int>* key_end) {
  int offset = 0;
  tail_from = key_parts.size();
  for (size_t k = 0; k < key_parts.size(); ++k) {
    KeyPlan plan = planKey(*types[k], key_parts[k], offset);
    int64_t row = 0;
    for (size_t q = 0; q < part_rows.size(); ++q) {
      encodeKeyPart(*key_parts[k][q], plan, specs[k], part_rows[q], buf + row * stride, stride, offset);
      row += part_rows[q];
    }
    offset += plan.hdr + plan.cnt;
    if (key_end) key_end->push_back(offset);
    if (!plan.complete) {
      tail_from = k;
      break;
    }
  }
  return offset;
}

// encodeParts for keys of one part of n rows.
int encodeAll(const std::vector<VectorPtr>& keys, const std::vector<SortOrderSpec>& specs, int64_t n, uint8_t* buf,
              size_t& tail_from, std::vector<int>* key_end = nullptr, int stride = kPrefixBytes) {
  std::vector<std::vector<const Vector*>> key_parts;
  std::vector<DataTypePtr> types;
  for (const auto& k : keys) {
    key_parts.push_back({k.get()});
    types.push_back(k->type());
  }
  return encodeParts(key_parts, types, {n}, specs, buf, stride, tail_from, key_end);
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

// ---- MSD radix sort of (prefix, row) records --------------------------------

struct RadixRec {
  uint64_t k0;
  uint64_t k1;
  uint32_t idx;
  uint32_t pad;
};

inline unsigned radixByte(const RadixRec& r, int b) {
  return b < 8 ? static_cast<unsigned>(r.k0 >> (56 - 8 * b)) & 0xFFu
               : static_cast<unsigned>(r.k1 >> (56 - 8 * (b - 8))) & 0xFFu;
}

// Most significant digit radix sort on the 16 prefix bytes, bucket by bucket,
// with ping-pong buffers; buckets that are small or whose prefix bytes are
// exhausted are finished by a comparison sort on the whole key (prefix, tail
// keys, row index), so the order is total and the same as sortRecords'.
class MsdSorter {
 public:
  static constexpr int64_t kLeaf = 192;

  // main: the records; tmp: scratch of the same length (may be null when
  // only splitInPlace or leaf sorts are used).
  MsdSorter(RadixRec* main, RadixRec* tmp, int bytes, const std::array<bool, kPrefixBytes>& varying,
            const std::vector<TailKey>& tail)
      : main_(main), tmp_(tmp), bytes_(bytes), varying_(varying), tail_(tail) {}

  bool less(const RadixRec& x, const RadixRec& y) const {
    if (x.k0 != y.k0) return x.k0 < y.k0;
    if (x.k1 != y.k1) return x.k1 < y.k1;
    for (const TailKey& k : tail_) {
      int c = compareTail(k, x.idx, y.idx);
      if (c) return c < 0;
    }
    return x.idx < y.idx;
  }

  // A bucket still to sort: records [lo, lo + n) live in `in_main ? main : tmp`
  // and are decided up to digit `byte`.
  struct Task {
    int64_t lo;
    int64_t n;
    int byte;
    bool in_main;
  };

  // Sorts the bucket completely (result in main_).
  void sort(const Task& t) {
    int byte = nextByte(t.byte);
    RadixRec* src = (t.in_main ? main_ : tmp_) + t.lo;
    RadixRec* dst = (t.in_main ? tmp_ : main_) + t.lo;
    if (t.n <= kLeaf || byte >= bytes_) {
      finishLeaf(src, dst, t.n, t.in_main);
      return;
    }
    std::array<int64_t, 257> start{};
    if (!scatter(src, dst, t.n, byte, start)) {
      sort(Task{t.lo, t.n, byte + 1, t.in_main});
      return;
    }
    for (int b = 0; b < 256; ++b) {
      int64_t cnt = start[b + 1] - start[b];
      if (cnt > 0) sort(Task{t.lo + start[b], cnt, byte + 1, !t.in_main});
    }
  }

  // Splits a bucket of main_ by one digit in place (American flag sort: no
  // second buffer) without recursing: appends the sub-buckets, or the bucket
  // itself one digit further when its digit is constant.
  void splitInPlace(const Task& t, std::vector<Task>& out) const {
    int byte = nextByte(t.byte);
    RadixRec* a = main_ + t.lo;
    if (t.n <= kLeaf || byte >= bytes_) {
      out.push_back(Task{t.lo, t.n, bytes_, true});
      return;
    }
    std::array<int64_t, 256> count{};
    for (int64_t i = 0; i < t.n; ++i) ++count[radixByte(a[i], byte)];
    if (count[radixByte(a[0], byte)] == t.n) {
      out.push_back(Task{t.lo, t.n, byte + 1, true});
      return;
    }
    std::array<int64_t, 256> next, end;
    int64_t sum = 0;
    for (int b = 0; b < 256; ++b) {
      next[b] = sum;
      sum += count[b];
      end[b] = sum;
    }
    for (int b = 0; b < 256; ++b) {
      while (next[b] < end[b]) {
        RadixRec r = a[next[b]];
        unsigned d = radixByte(r, byte);
        while (d != static_cast<unsigned>(b)) {
          std::swap(r, a[next[d]++]);
          d = radixByte(r, byte);
        }
        a[next[b]++] = r;
      }
    }
    int64_t lo = 0;
    for (int b = 0; b < 256; ++b) {
      if (count[b] > 0) out.push_back(Task{t.lo + lo, count[b], byte + 1, true});
      lo += count[b];
    }
  }

 private:
  int nextByte(int byte) const {
    while (byte < bytes_ && !varying_[byte]) ++byte;
    return byte;
  }

  void finishLeaf(RadixRec* src, RadixRec* dst, int64_t n, bool in_main) const {
    std::sort(src, src + n, [this](const RadixRec& x, const RadixRec& y) { return less(x, y); });
    if (!in_main) std::memcpy(dst, src, static_cast<size_t>(n) * sizeof(RadixRec));
  }

  // Counting sort of src by digit `byte` into dst; false (nothing moved) when
  // every record has the same digit. start[b] is bucket b's first record.
  static bool scatter(const RadixRec* src, RadixRec* dst, int64_t n, int byte, std::array<int64_t, 257>& start) {
    std::array<int64_t, 256> count{};
    for (int64_t i = 0; i < n; ++i) ++count[radixByte(src[i], byte)];
    if (count[radixByte(src[0], byte)] == n) return false;
    int64_t sum = 0;
    for (int b = 0; b < 256; ++b) {
      start[b] = sum;
      sum += count[b];
    }
    start[256] = sum;
    std::array<int64_t, 256> pos;
    std::copy(start.begin(), start.begin() + 256, pos.begin());
    for (int64_t i = 0; i < n; ++i) dst[pos[radixByte(src[i], byte)]++] = src[i];
    return true;
  }

  RadixRec* main_;
  RadixRec* tmp_;
  int bytes_;
  const std::array<bool, kPrefixBytes>& varying_;
  const std::vector<TailKey>& tail_;
};

// Sorts recs with MsdSorter: buckets larger than a share of the rows are
// split in place on the calling thread, then the buckets are sorted, largest
// first, in parallel on the pool, each with a scratch buffer of its own size
// (so the sort needs far less than a second copy of the records).
void msdSort(std::vector<RadixRec>& recs, int bytes, const std::vector<TailKey>& tail, ThreadPool* pool) {
  int64_t n = static_cast<int64_t>(recs.size());
  if (n == 0) return;
  std::array<bool, kPrefixBytes> varying{};
  uint64_t d0 = 0, d1 = 0;
  for (const RadixRec& r : recs) {
    d0 |= r.k0 ^ recs[0].k0;
    d1 |= r.k1 ^ recs[0].k1;
  }
  for (int b = 0; b < kPrefixBytes; ++b) varying[b] = radixByte(RadixRec{d0, d1, 0, 0}, b) != 0;
  int threads = pool ? pool->threads() : 1;
  int64_t big = std::max<int64_t>(MsdSorter::kLeaf, std::max<int64_t>(n / (static_cast<int64_t>(threads) * 16), 4096));
  MsdSorter splitter(recs.data(), nullptr, bytes, varying, tail);
  std::vector<MsdSorter::Task> pending{MsdSorter::Task{0, n, 0, true}}, ready;
  while (!pending.empty()) {
    MsdSorter::Task t = pending.back();
    pending.pop_back();
    if (t.n <= big || t.byte >= bytes) {
      ready.push_back(t);
      continue;
    }
    std::vector<MsdSorter::Task> parts;
    splitter.splitInPlace(t, parts);
    if (parts.size() == 1 && parts[0].byte >= bytes) {
      ready.push_back(parts[0]);
    } else {
      pending.insert(pending.end(), parts.begin(), parts.end());
    }
  }
  std::sort(ready.begin(), ready.end(), [](const auto& a, const auto& b) { return a.n > b.n; });
  auto sortTask = [&](const MsdSorter::Task& t, std::vector<RadixRec>& scratch) {
    if (t.n <= MsdSorter::kLeaf || t.byte >= bytes) {
      MsdSorter(recs.data() + t.lo, nullptr, bytes, varying, tail).sort(MsdSorter::Task{0, t.n, bytes, true});
      return;
    }
    if (static_cast<int64_t>(scratch.size()) < t.n) scratch.resize(static_cast<size_t>(t.n));
    MsdSorter(recs.data() + t.lo, scratch.data(), bytes, varying, tail).sort(MsdSorter::Task{0, t.n, t.byte, true});
  };
  if (threads > 1 && ready.size() > 1 && n >= 65536) {
    std::vector<std::vector<RadixRec>> scratch(static_cast<size_t>(threads));
    pool->parallelFor(static_cast<int64_t>(ready.size()),
                      [&](int64_t i, int worker) { sortTask(ready[i], scratch[static_cast<size_t>(worker)]); });
  } else {
    std::vector<RadixRec> scratch;
    for (const auto& t : ready) sortTask(t, scratch);
  }
}

// first_diff[i]: the first key in which sorted row i differs from row i - 1
// (keys.size() when equal; 0 for row 0), from the sorted records.
void recordKeyChanges(const std::vector<RadixRec>& recs, const std::vector<int>& key_end, size_t tail_from,
                      const std::vector<TailKey>& tail, size_t num_keys, uint16_t* first_diff) {
  std::array<uint16_t, kPrefixBytes> key_of_byte{};
  for (int b = 0; b < kPrefixBytes; ++b) {
    size_t k = 0;
    while (k < key_end.size() && key_end[k] <= b) ++k;
    key_of_byte[b] = static_cast<uint16_t>(std::min(k, tail_from));
  }
  int64_t n = static_cast<int64_t>(recs.size());
  if (n > 0) first_diff[0] = 0;
  for (int64_t i = 1; i < n; ++i) {
    const RadixRec& x = recs[i - 1];
    const RadixRec& y = recs[i];
    uint16_t d;
    if (x.k0 != y.k0) {
      d = key_of_byte[__builtin_clzll(x.k0 ^ y.k0) / 8];
    } else if (x.k1 != y.k1) {
      d = key_of_byte[8 + __builtin_clzll(x.k1 ^ y.k1) / 8];
    } else {
      d = static_cast<uint16_t>(num_keys);
      for (size_t k = 0; k < tail.size(); ++k) {
        if (compareTail(tail[k], x.idx, y.idx) != 0) {
          d = static_cast<uint16_t>(tail_from + k);
          break;
        }
      }
    }
    first_diff[i] = d;
  }
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

std::vector<uint32_t> sortRows(std::vector<VectorPtr> keys, const std::vector<SortOrderSpec>& specs, int64_t n,
                               const uint64_t* ordinals, int64_t limit, ThreadPool* pool,
                               bool order_selected, std::vector<uint16_t>* first_diff) {
  bool full = limit < 0 || limit >= n;
  if (first_diff && (ordinals || !full || keys.size() >= UINT16_MAX)) {
    throw InternalException("sortRows: key changes need a full sort without ordinals and fewer than 65535 keys");
  }
  size_t tail_from = 0;
  std::vector<int> key_end;
  if (keys.empty()) {
    std::vector<uint32_t> out(static_cast<size_t>(full ? n : std::max<int64_t>(limit, 0)));
    std::iota(out.begin(), out.end(), 0u);
    if (first_diff) first_diff->assign(out.size(), 0);
    return out;
  }
  if (!ordinals && full) {
    std::vector<std::vector<VectorPtr>> parts(1);
    parts[0] = std::move(keys);
    return sortRowParts(std::move(parts), specs, pool, first_diff);
  }
  std::vector<uint8_t> buf(static_cast<size_t>(n) * kPrefixBytes, 0);
  int offset = encodeAll(keys, specs, n, buf.data(), tail_from, &key_end);
  bool has_tail = tail_from < keys.size();
  if (!has_tail && !ordinals && offset <= 8) {
    // One 8-byte prefix decides everything: 16-byte records (key, row).
    std::vector<Record8> recs(static_cast<size_t>(n));
    for (int64_t i = 0; i < n; ++i) recs[i] = Record8{loadBE(buf.data() + i * kPrefixBytes), static_cast<uint64_t>(i)};
    buf = {};
    auto less = [](const Record8& x, const Record8& y) { return x.k != y.k ? x.k < y.k : x.idx < y.idx; };
    sortRecords(recs, less, n, limit, pool, order_selected);
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

namespace loch {

std::vector<uint32_t> sortRowParts(std::vector<std::vector<VectorPtr>> parts, const std::vector<SortOrderSpec>& specs,
                                   ThreadPool* pool, std::vector<uint16_t>* first_diff) {
  size_t num_keys = specs.size();
  if (first_diff && num_keys >= UINT16_MAX) {
    throw InternalException("sortRowParts: key changes need fewer than 65535 keys");
  }
  std::vector<int64_t> part_rows;
  std::vector<std::vector<const Vector*>> key_parts(num_keys);
  std::vector<DataTypePtr> types(num_keys);
  int64_t n = 0;
  for (const auto& part : parts) {
    if (part.size() != num_keys) throw InternalException("sortRowParts: a part has the wrong number of keys");
    if (num_keys == 0) continue;  // rows are only known through keys
    part_rows.push_back(part[0]->size());
    n += part[0]->size();
    for (size_t k = 0; k < num_keys; ++k) {
      key_parts[k].push_back(part[k].get());
      types[k] = part[k]->type();
    }
  }
  if (n > static_cast<int64_t>(UINT32_MAX)) throw InternalException("sortRowParts: more than 2^32 rows");
  // Prefixes are encoded straight into the records (big-endian bytes in
  // k0/k1), then turned into native integers in place.
  static_assert(sizeof(RadixRec) == 24 && offsetof(RadixRec, idx) == 16);
  std::vector<RadixRec> recs(static_cast<size_t>(n), RadixRec{0, 0, 0, 0});
  size_t tail_from = num_keys;
  std::vector<int> key_end;
  int offset = num_keys == 0 ? 0
                             : encodeParts(key_parts, types, part_rows, specs, reinterpret_cast<uint8_t*>(recs.data()),
                                           static_cast<int>(sizeof(RadixRec)), tail_from, &key_end);
  for (int64_t i = 0; i < n; ++i) {
    recs[i].k0 = __builtin_bswap64(recs[i].k0);
    recs[i].k1 = __builtin_bswap64(recs[i].k1);
    recs[i].idx = static_cast<uint32_t>(i);
  }
  // Only the keys the prefix does not decide are read again, as whole columns;
  // the caller's copies of the others are dropped here.
  std::vector<VectorPtr> tail_cols;
  for (size_t k = tail_from; k < num_keys; ++k) {
    if (parts.size() == 1) {
      tail_cols.push_back(parts[0][k]->flatten());
    } else {
      std::vector<VectorPtr> pieces;
      for (const auto& part : parts) pieces.push_back(part[k]);
      tail_cols.push_back(concat(types[k], pieces)->flatten());
    }
  }
  key_parts.clear();
  parts.clear();
  std::vector<TailKey> tail_keys;
  for (size_t k = tail_from; k < num_keys; ++k) tail_keys.push_back(makeTailKey(*tail_cols[k - tail_from], specs[k]));
  msdSort(recs, offset, tail_keys, pool);
  if (first_diff) {
    first_diff->resize(static_cast<size_t>(n));
    recordKeyChanges(recs, key_end, tail_from, tail_keys, num_keys, first_diff->data());
  }
  std::vector<uint32_t> out(recs.size());
  for (size_t i = 0; i < recs.size(); ++i) out[i] = recs[i].idx;
  return out;
}

namespace {

// Compares row a of x with row b of y (one key) under `spec`.
int compareUnder(const Vector& x, int64_t a, const Vector& y, int64_t b, const SortOrderSpec& spec) {
  bool an = x.typeId() == TypeId::Null || x.isNull(a);
  bool bn = y.typeId() == TypeId::Null || y.isNull(b);
  if (an || bn) return an == bn ? 0 : ((an == spec.nulls_first) ? -1 : 1);
  int c = compareKeyValues(x, a, y, b);
  return spec.ascending ? c : -c;
}

}  // namespace

bool keyPartsAlreadySorted(const std::vector<std::vector<VectorPtr>>& parts, const std::vector<SortOrderSpec>& specs,
                           std::vector<uint16_t>* first_diff) {
  size_t num_keys = specs.size();
  auto nk = static_cast<uint16_t>(std::min<size_t>(num_keys, UINT16_MAX));
  if (first_diff) first_diff->clear();
  for (const auto& part : parts) {
    if (part.size() != num_keys) throw InternalException("keyPartsAlreadySorted: a part has the wrong number of keys");
  }
  const std::vector<VectorPtr>* prev = nullptr;
  for (const auto& part : parts) {
    if (num_keys == 0) continue;
    int64_t m = part[0]->size();
    if (m == 0) continue;
    // Across the boundary: the previous part's last row against row 0.
    uint16_t d = 0;
    if (prev) {
      int64_t last = (*prev)[0]->size() - 1;
      d = nk;
      for (size_t k = 0; k < num_keys; ++k) {
        int c = compareUnder(*(*prev)[k], last, *part[k], 0, specs[k]);
        if (c > 0) return false;
        if (c < 0) {
          d = static_cast<uint16_t>(k);
          break;
        }
      }
    }
    if (first_diff) first_diff->push_back(d);
    std::vector<TailKey> keys;
    for (size_t k = 0; k < num_keys; ++k) keys.push_back(makeTailKey(*part[k], specs[k]));
    for (int64_t i = 1; i < m; ++i) {
      d = nk;
      for (size_t k = 0; k < num_keys; ++k) {
        int c = compareTail(keys[k], static_cast<uint32_t>(i - 1), static_cast<uint32_t>(i));
        if (c > 0) return false;
        if (c < 0) {
          d = static_cast<uint16_t>(k);
          break;
        }
      }
      if (first_diff) first_diff->push_back(d);
    }
    prev = &part;
  }
  return true;
}

bool keysAlreadySorted(const std::vector<VectorPtr>& keys, const std::vector<SortOrderSpec>& specs, int64_t n,
                       std::vector<uint16_t>* first_diff) {
  if (keys.empty()) {
    if (first_diff) first_diff->assign(static_cast<size_t>(std::max<int64_t>(n, 0)), 0);
    return true;
  }
  return keyPartsAlreadySorted({keys}, specs, first_diff);
}

}  // namespace loch

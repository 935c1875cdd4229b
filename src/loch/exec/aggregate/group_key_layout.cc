#include "loch/exec/aggregate/group_key_layout.h"

#include <xxhash.h>

#include <cmath>
#include <limits>

#include "loch/common/exception.h"
#include "loch/exec/aggregate/value_codec.h"
#include "loch/exec/vector_hash.h"
#include "loch/vector/decoded_vector.h"
#include "loch/vector/vector_builder.h"

namespace loch {

namespace {

// hashInt64 (vector_hash.h) is inline: it runs once or twice per key value.
inline uint64_t mix64(uint64_t v) { return hashInt64(v); }

constexpr uint64_t kGolden = 0x9E3779B97F4A7C15ULL;

/// Folds column hash `hc` of row i into hashes[i]; the first column sets it.
inline void fold(uint64_t* hashes, int64_t i, uint64_t hc, bool first) {
  hashes[i] = first ? hc : mix64(hashes[i] ^ (hc + kGolden));
}

template <class T>
inline T normalized(T v) {
  if constexpr (std::is_floating_point_v<T>) {
    if (v == 0) return 0;
    if (std::isnan(v)) return std::numeric_limits<T>::quiet_NaN();
  }
  return v;
}

/// Hash of a normalised fixed-width value: a function of its bytes.
template <class T>
inline uint64_t hashFixedValue(T v) {
  if constexpr (sizeof(T) == 16) {
    uint64_t lo, hi;
    std::memcpy(&lo, &v, 8);
    std::memcpy(&hi, reinterpret_cast<const char*>(&v) + 8, 8);
    return mix64(lo ^ mix64(hi + kGolden));
  } else {
    uint64_t bits = 0;
    std::memcpy(&bits, &v, sizeof(T));
    return mix64(bits);
  }
}

/// Hash of a string key's words: of its inline bytes for short strings, of
/// the content for long ones (so it never depends on where a string lives).
inline uint64_t hashStringWords(uint64_t w0, uint64_t w1) {
  uint32_t len = static_cast<uint32_t>(w0);
  if (len <= string_key::kInlineMax) return mix64(w0 ^ mix64(w1 + kGolden));
  return XXH3_64bits(reinterpret_cast<const char*>(static_cast<uintptr_t>(w1)), len);
}

inline uint64_t hashStringKey(const uint8_t* key) {
  uint64_t w0, w1;
  std::memcpy(&w0, key, 8);
  std::memcpy(&w1, key + 8, 8);
  return hashStringWords(w0, w1);
}

template <class T>
void encodeFixed(const Vector& v, int64_t n, uint8_t* out, uint32_t row_width, size_t column, uint32_t offset,
                 uint64_t* hashes, bool first) {
  DecodedVector d(v);
  bool nulls = d.mayHaveNulls();
  if (d.isIdentity() && !nulls) {
    const T* vals = v.values<T>();
    for (int64_t i = 0; i < n; ++i) {
      T x = normalized(vals[i]);
      std::memcpy(out + i * row_width + offset, &x, sizeof(T));
      fold(hashes, i, hashFixedValue(x), first);
    }
    return;
  }
  for (int64_t i = 0; i < n; ++i) {
    uint8_t* row = out + i * row_width;
    if (nulls && d.isNull(i)) {
      row[column] = 1;
      fold(hashes, i, kNullHash, first);
      continue;
    }
    T x = normalized(d.valueAt<T>(i));
    std::memcpy(row + offset, &x, sizeof(T));
    fold(hashes, i, hashFixedValue(x), first);
  }
}

/// Dictionary and constant inputs: each distinct entry is turned into a key
/// and hashed once, then rows copy their entry's (Parquet dictionary pages
/// arrive as dictionary vectors, usually with far fewer entries than rows).
bool encodeStringEntries(const Vector& v, int64_t n, uint8_t* out, uint32_t row_width, size_t column,
                         uint32_t offset, uint64_t* hashes, bool first) {
  if (v.encoding() == VectorEncoding::Flat) return false;
  const Vector& dict = *v.dictionary();
  int64_t entries = dict.size();
  if (v.encoding() == VectorEncoding::Dictionary && entries > n) return false;
  std::vector<uint8_t> keys(static_cast<size_t>(entries) * string_key::kSize);
  std::vector<uint64_t> entry_hashes(static_cast<size_t>(entries));
  for (int64_t e = 0; e < entries; ++e) {
    if (dict.isNull(e)) continue;
    uint8_t* key = keys.data() + e * string_key::kSize;
    string_key::make(dict.stringAt(e), key);
    entry_hashes[static_cast<size_t>(e)] = hashStringKey(key);
  }
  DecodedVector d(v);
  for (int64_t i = 0; i < n; ++i) {
    uint8_t* row = out + i * row_width;
    if (d.isNull(i)) {
      row[column] = 1;
      fold(hashes, i, kNullHash, first);
      continue;
    }
    int64_t e = d.index(i);
    std::memcpy(row + offset, keys.data() + e * string_key::kSize, string_key::kSize);
    fold(hashes, i, entry_hashes[static_cast<size_t>(e)], first);
  }
  return true;
}

void encodeString(const Vector& v, int64_t n, uint8_t* out, uint32_t row_width, size_t column, uint32_t offset,
                  uint64_t* hashes, bool first) {
  if (encodeStringEntries(v, n, out, row_width, column, offset, hashes, first)) return;
  DecodedVector d(v);
  bool nulls = d.mayHaveNulls();
  for (int64_t i = 0; i < n; ++i) {
    uint8_t* row = out + i * row_width;
    if (nulls && d.isNull(i)) {
      row[column] = 1;
      fold(hashes, i, kNullHash, first);
      continue;
    }
    uint64_t w0, w1;
    string_key::words(d.stringAt(i), w0, w1);
    std::memcpy(row + offset, &w0, 8);
    std::memcpy(row + offset + 8, &w1, 8);
    fold(hashes, i, hashStringWords(w0, w1), first);
  }
}

// Slow path (one Value per row): nested keys are rare and costly anyway.
void encodeNested(const Vector& v, int64_t n, uint8_t* out, uint32_t row_width, size_t column, uint32_t offset,
                  uint64_t* hashes, bool first, std::string& scratch) {
  scratch.clear();
  std::vector<size_t> starts(static_cast<size_t>(n) + 1, 0);
  for (int64_t i = 0; i < n; ++i) {
    starts[static_cast<size_t>(i)] = scratch.size();
    if (v.isNull(i)) {
      out[i * row_width + column] = 1;
      continue;
    }
    encodeKeyValue(v.getValue(i), *v.type(), scratch);
  }
  starts[static_cast<size_t>(n)] = scratch.size();
  // Keys are made only now: scratch no longer moves.
  for (int64_t i = 0; i < n; ++i) {
    if (out[i * row_width + column]) {
      fold(hashes, i, kNullHash, first);
      continue;
    }
    size_t b = starts[static_cast<size_t>(i)], e = starts[static_cast<size_t>(i) + 1];
    uint8_t* key = out + i * row_width + offset;
    string_key::make(std::string_view(scratch.data() + b, e - b), key);
    fold(hashes, i, hashStringKey(key), first);
  }
}

template <class Fn>
void dispatchWidth(TypeId id, Fn&& fn) {
  switch (id) {
    case TypeId::Boolean: fn.template operator()<uint8_t>(); break;
    case TypeId::Byte: fn.template operator()<int8_t>(); break;
    case TypeId::Short: fn.template operator()<int16_t>(); break;
    case TypeId::Integer:
    case TypeId::Date:
    case TypeId::YearMonthInterval: fn.template operator()<int32_t>(); break;
    case TypeId::Float: fn.template operator()<float>(); break;
    case TypeId::Double: fn.template operator()<double>(); break;
    case TypeId::Decimal: fn.template operator()<__int128>(); break;
    default: fn.template operator()<int64_t>(); break;
  }
}

}  // namespace

GroupKeyLayout::GroupKeyLayout(const std::vector<DataTypePtr>& types) {
  uint32_t pos = static_cast<uint32_t>(types.size());  // NULL flags first
  for (const auto& t : types) {
    Column c;
    c.type = t;
    if (t->isStringLike()) {
      c.is_string = true;
      c.width = string_key::kSize;
    } else if (t->id() == TypeId::Null) {
      c.width = 0;
    } else if (t->fixedWidth() > 0) {
      c.width = t->fixedWidth();
      c.offset = pos;
      pos += static_cast<uint32_t>(c.width);
    } else {
      c.is_string = true;
      c.is_nested = true;
      c.width = string_key::kSize;
    }
    columns_.push_back(c);
  }
  fixed_end_ = pos;
  for (auto& c : columns_) {
    if (!c.is_string) continue;
    c.offset = pos;
    string_offsets_.push_back(pos);
    pos += string_key::kSize;
    has_strings_ = true;
  }
  width_ = pos;
}

void GroupKeyLayout::encode(const std::vector<VectorPtr>& keys, int64_t n, uint8_t* out, uint64_t* hashes,
                            std::vector<std::string>& scratch) const {
  std::memset(out, 0, static_cast<size_t>(n) * width_);
  scratch.resize(columns_.size());
  for (size_t c = 0; c < columns_.size(); ++c) {
    const Column& col = columns_[c];
    const Vector& v = *keys[c];
    bool first = c == 0;
    if (col.type->id() == TypeId::Null) {
      for (int64_t i = 0; i < n; ++i) {
        out[i * width_ + c] = 1;
        fold(hashes, i, kNullHash, first);
      }
    } else if (col.is_nested) {
      encodeNested(v, n, out, width_, c, col.offset, hashes, first, scratch[c]);
    } else if (col.is_string) {
      encodeString(v, n, out, width_, c, col.offset, hashes, first);
    } else {
      dispatchWidth(col.type->id(),
                    [&]<class T>() { encodeFixed<T>(v, n, out, width_, c, col.offset, hashes, first); });
    }
  }
}

VectorPtr GroupKeyLayout::decode(size_t c, const uint8_t* const* rows, int64_t n) const {
  const Column& col = columns_[c];
  if (col.type->id() == TypeId::Null) return Vector::makeNull(col.type, n);
  if (col.is_string) {
    VectorBuilder b(col.type, n);
    for (int64_t i = 0; i < n; ++i) {
      if (rows[i][c]) {
        b.appendNull();
        continue;
      }
      std::string_view bytes = string_key::view(rows[i] + col.offset);
      if (col.is_nested) {
        b.appendValue(decodeKeyValue(col.type, bytes));
      } else {
        b.appendString(bytes);
      }
    }
    return b.finish();
  }
  VectorPtr out = Vector::makeFlat(col.type, n);
  uint8_t* dst = out->valuesBuffer()->data();
  size_t w = static_cast<size_t>(col.width);
  for (int64_t i = 0; i < n; ++i) {
    if (rows[i][c]) {
      out->setNull(i);
    } else {
      std::memcpy(dst + static_cast<size_t>(i) * w, rows[i] + col.offset, w);
    }
  }
  return out;
}

}  // namespace loch

#pragma once
// Row layout of grouping keys inside the aggregate hash table. A key row is
//   [one NULL-flag byte per key column][fixed-width values][string keys]
// Fixed-width values are normalised (-0.0 -> 0.0, one NaN) and zero when
// NULL, so two key rows are equal iff their fixed parts are byte-equal and
// their strings are equal. A string key is 16 bytes (the "German string" of
// Umbra and DuckDB's string_t):
//   [uint32 len][first 4 bytes][next 8 bytes, zero-padded]   len <= 12
//   [uint32 len][first 4 bytes][const char* to all len bytes] len > 12
// so short strings (most grouping keys: countries, categories, codes) are
// compared and stored without touching any other memory, and long strings
// are rejected on length and prefix before a memcmp. A long string's
// pointer points into the input batch while probing and into the table's
// string arena once a group is stored. Nested keys (arrays, maps, structs)
// are held like strings, as their canonical encoding (value_codec.h).

#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

#include "loch/vector/record_batch.h"

namespace loch {

/// The 16-byte string key described above.
namespace string_key {
constexpr uint32_t kSize = 16;
constexpr uint32_t kInlineMax = 12;

inline uint32_t length(const uint8_t* key) {
  uint32_t len;
  std::memcpy(&len, key, 4);
  return len;
}
/// The two 8-byte words of the key of `s` (the pointer, if any, refers to
/// s). Built from a few overlapping loads rather than a variable-length
/// memcpy, as this runs for every string key of every input row.
inline void words(std::string_view s, uint64_t& w0, uint64_t& w1) {
  const char* p = s.data();
  uint64_t len = s.size();
  auto load4 = [](const char* q) {
    uint32_t v;
    std::memcpy(&v, q, 4);
    return static_cast<uint64_t>(v);
  };
  auto load8 = [](const char* q) {
    uint64_t v;
    std::memcpy(&v, q, 8);
    return v;
  };
  if (len > kInlineMax) {
    w0 = len | (load4(p) << 32);
    w1 = reinterpret_cast<uintptr_t>(p);
  } else if (len >= 8) {
    w0 = len | (load4(p) << 32);
    w1 = load8(p + len - 8) >> ((12 - len) * 8);  // bytes 4..len, zero above
  } else if (len >= 4) {
    w0 = len | (load4(p) << 32);
    w1 = load4(p + len - 4) >> ((8 - len) * 8);
  } else {
    uint64_t prefix = 0;
    for (uint64_t i = 0; i < len; ++i) prefix |= static_cast<uint64_t>(static_cast<uint8_t>(p[i])) << (8 * i);
    w0 = len | (prefix << 32);
    w1 = 0;
  }
}
/// Writes the 16-byte key of `s` (the pointer, if any, refers to s).
inline void make(std::string_view s, uint8_t* out) {
  uint64_t w0, w1;
  words(s, w0, w1);
  std::memcpy(out, &w0, 8);
  std::memcpy(out + 8, &w1, 8);
}
/// Pointer to all bytes of a long string's key (len > 12).
inline const char* pointer(const uint8_t* key) {
  const char* p;
  std::memcpy(&p, key + 8, sizeof p);
  return p;
}
inline void setPointer(uint8_t* key, const char* p) { std::memcpy(key + 8, &p, sizeof p); }
/// The string of a key; for short strings it points into the key itself.
inline std::string_view view(const uint8_t* key) {
  uint32_t len = length(key);
  if (len <= kInlineMax) return {reinterpret_cast<const char*>(key + 4), len};
  return {pointer(key), len};
}
inline bool equal(const uint8_t* a, const uint8_t* b) {
  uint64_t a0, b0, a1, b1;
  std::memcpy(&a0, a, 8);
  std::memcpy(&b0, b, 8);
  if (a0 != b0) return false;  // length or prefix differ
  uint32_t len = static_cast<uint32_t>(a0);
  if (len <= kInlineMax) {
    std::memcpy(&a1, a + 8, 8);
    std::memcpy(&b1, b + 8, 8);
    return a1 == b1;
  }
  return std::memcmp(pointer(a) + 4, pointer(b) + 4, len - 4) == 0;
}
}  // namespace string_key

/// Column offsets of a key row for a list of key types.
class GroupKeyLayout {
 public:
  struct Column {
    DataTypePtr type;
    uint32_t offset = 0;  // of the value (fixed) or string key (string)
    int width = 0;        // value bytes (fixed); 16 for strings
    bool is_string = false;  // string, binary or nested: held as a string key
    bool is_nested = false;
  };

  explicit GroupKeyLayout(const std::vector<DataTypePtr>& types);

  const std::vector<Column>& columns() const { return columns_; }
  /// Bytes of one key row.
  uint32_t width() const { return width_; }
  /// Bytes compared as raw bytes (flags and fixed values).
  uint32_t fixedWidth() const { return fixed_end_; }
  bool hasStrings() const { return has_strings_; }

  /// Writes the key rows of `keys` (n rows each, any encoding) into `out`
  /// (n * width() bytes) and the hash of each key row into `hashes` (n
  /// entries). Hashes depend only on the key values (not on the input's
  /// encoding or batch), and equal keys (NULL = NULL, NaN = NaN, -0.0 =
  /// 0.0) hash equally. Encoded nested keys are kept in `scratch`, which
  /// must outlive the use of `out`; long strings refer to the input vectors.
  void encode(const std::vector<VectorPtr>& keys, int64_t n, uint8_t* out, uint64_t* hashes,
              std::vector<std::string>& scratch) const;
  /// Whether two key rows hold the same key.
  bool equal(const uint8_t* a, const uint8_t* b) const {
    if (!bytesEqual(a, b, fixed_end_)) return false;
    if (!has_strings_) return true;
    for (uint32_t off : string_offsets_)
      if (!string_key::equal(a + off, b + off)) return false;
    return true;
  }
  /// Offsets of the string keys within a row.
  const std::vector<uint32_t>& stringOffsets() const { return string_offsets_; }

  /// Key column `c` of `rows` (n key-row pointers) as a flat vector.
  VectorPtr decode(size_t c, const uint8_t* const* rows, int64_t n) const;

 private:
  /// memcmp without a call for the common short keys: two overlapping
  /// loads cover any length in [1, 32].
  static bool bytesEqual(const uint8_t* a, const uint8_t* b, uint32_t len) {
    if (len >= 8 && len <= 16) return equal8(a, b) & equal8(a + len - 8, b + len - 8);
    if (len > 16 && len <= 32)
      return equal8(a, b) & equal8(a + 8, b + 8) & equal8(a + len - 16, b + len - 16) &
             equal8(a + len - 8, b + len - 8);
    if (len >= 4 && len < 8) {
      uint32_t a0, b0, a1, b1;
      std::memcpy(&a0, a, 4);
      std::memcpy(&b0, b, 4);
      std::memcpy(&a1, a + len - 4, 4);
      std::memcpy(&b1, b + len - 4, 4);
      return a0 == b0 && a1 == b1;
    }
    if (len < 4) return len == 0 || (a[0] == b[0] && a[len / 2] == b[len / 2] && a[len - 1] == b[len - 1]);
    return std::memcmp(a, b, len) == 0;
  }
  static bool equal8(const uint8_t* a, const uint8_t* b) {
    uint64_t x, y;
    std::memcpy(&x, a, 8);
    std::memcpy(&y, b, 8);
    return x == y;
  }

  std::vector<Column> columns_;
  std::vector<uint32_t> string_offsets_;
  uint32_t fixed_end_ = 0;
  uint32_t width_ = 0;
  bool has_strings_ = false;
};

}  // namespace loch

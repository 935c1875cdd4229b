#pragma once
// Row layout of grouping keys inside the aggregate hash table. A key row is
//   [one NULL-flag byte per key column][fixed-width values][string refs]
// Fixed-width values are normalised (-0.0 -> 0.0, one NaN) and zero when
// NULL, so two key rows are equal iff their fixed parts are byte-equal and
// their strings are equal. A string ref is {const char* data; uint32 len}:
// into the input batch while probing, into the table's string arena once a
// group is stored. Nested keys (arrays, maps, structs) are held like
// strings, as their canonical encoding (value_codec.h).

#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

#include "loch/vector/record_batch.h"

namespace loch {

struct StringRef {
  const char* data;
  uint32_t len;
  uint32_t pad;
};
static_assert(sizeof(StringRef) == 16);

/// Column offsets of a key row for a list of key types.
class GroupKeyLayout {
 public:
  struct Column {
    DataTypePtr type;
    uint32_t offset = 0;  // of the value (fixed) or StringRef (string)
    int width = 0;        // value bytes (fixed); 16 for strings
    bool is_string = false;  // string, binary or nested: held as a StringRef
    bool is_nested = false;
  };

  explicit GroupKeyLayout(const std::vector<DataTypePtr>& types);

  const std::vector<Column>& columns() const { return columns_; }
  /// Bytes of one key row.
  uint32_t width() const { return width_; }
  /// Bytes compared with memcmp (flags and fixed values).
  uint32_t fixedWidth() const { return fixed_end_; }
  bool hasStrings() const { return has_strings_; }

  /// Writes the key rows of `keys` (n rows each) into out (n * width()
  /// bytes). Encoded nested keys are kept in `scratch`, which must outlive
  /// the use of `out`.
  void encode(const std::vector<VectorPtr>& keys, int64_t n, uint8_t* out, std::vector<std::string>& scratch) const;
  /// Hash of every key row of `rows` (n rows of width()).
  void hashRows(const uint8_t* rows, int64_t n, uint64_t* out) const;
  /// Hash of one key row.
  uint64_t hashRow(const uint8_t* row) const;
  /// Whether two key rows hold the same key.
  bool equal(const uint8_t* a, const uint8_t* b) const {
    if (!bytesEqual(a, b, fixed_end_)) return false;
    if (!has_strings_) return true;
    for (uint32_t off : string_offsets_) {
      StringRef x, y;
      std::memcpy(&x, a + off, sizeof x);
      std::memcpy(&y, b + off, sizeof y);
      if (x.len != y.len || (x.len && std::memcmp(x.data, y.data, x.len) != 0)) return false;
    }
    return true;
  }
  /// Offsets of the string refs within a row.
  const std::vector<uint32_t>& stringOffsets() const { return string_offsets_; }

  /// Key column `c` of `rows` (n key-row pointers) as a flat vector.
  VectorPtr decode(size_t c, const uint8_t* const* rows, int64_t n) const;

 private:
  /// memcmp without a call for the common short keys: two overlapping
  /// 8-byte (or 4-byte) loads cover any length in [8, 16] (or [4, 8)).
  static bool bytesEqual(const uint8_t* a, const uint8_t* b, uint32_t len) {
    if (len >= 8 && len <= 16) {
      uint64_t a0, b0, a1, b1;
      std::memcpy(&a0, a, 8);
      std::memcpy(&b0, b, 8);
      std::memcpy(&a1, a + len - 8, 8);
      std::memcpy(&b1, b + len - 8, 8);
      return a0 == b0 && a1 == b1;
    }
    if (len >= 4 && len < 8) {
      uint32_t a0, b0, a1, b1;
      std::memcpy(&a0, a, 4);
      std::memcpy(&b0, b, 4);
      std::memcpy(&a1, a + len - 4, 4);
      std::memcpy(&b1, b + len - 4, 4);
      return a0 == b0 && a1 == b1;
    }
    return std::memcmp(a, b, len) == 0;
  }

  std::vector<Column> columns_;
  std::vector<uint32_t> string_offsets_;
  uint32_t fixed_end_ = 0;
  uint32_t width_ = 0;
  bool has_strings_ = false;
};

}  // namespace loch

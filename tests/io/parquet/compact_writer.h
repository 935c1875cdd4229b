#pragma once
// Test-only Thrift compact-protocol writer used to build footers and page
// headers byte by byte (including malformed ones).

#include <cstdint>
#include <string>
#include <vector>

namespace loch::parquet::testing {

class CompactWriter {
 public:
  std::vector<uint8_t> bytes;

  void varint(uint64_t v) {
    while (v >= 0x80) {
      bytes.push_back(static_cast<uint8_t>(v | 0x80));
      v >>= 7;
    }
    bytes.push_back(static_cast<uint8_t>(v));
  }
  static uint64_t zigzag(int64_t v) { return (static_cast<uint64_t>(v) << 1) ^ static_cast<uint64_t>(v >> 63); }

  /// Field header with a delta from the previous id in this struct.
  void field(int16_t id, uint8_t type) {
    int delta = id - last_.back();
    if (delta > 0 && delta <= 15) {
      bytes.push_back(static_cast<uint8_t>((delta << 4) | type));
    } else {
      bytes.push_back(type);
      varint(zigzag(id));
    }
    last_.back() = id;
  }
  void beginStruct() { last_.push_back(0); }
  void endStruct() {
    bytes.push_back(0);
    last_.pop_back();
  }
  void i32(int16_t id, int32_t v) { field(id, 5); varint(zigzag(v)); }
  void i64(int16_t id, int64_t v) { field(id, 6); varint(zigzag(v)); }
  void boolean(int16_t id, bool v) { field(id, v ? 1 : 2); }
  void str(int16_t id, const std::string& s) { field(id, 8); rawString(s); }
  void rawString(const std::string& s) {
    varint(s.size());
    bytes.insert(bytes.end(), s.begin(), s.end());
  }
  void listHeader(int16_t id, uint8_t elem_type, uint32_t size) {
    field(id, 9);
    if (size < 15) {
      bytes.push_back(static_cast<uint8_t>((size << 4) | elem_type));
    } else {
      bytes.push_back(static_cast<uint8_t>(0xf0 | elem_type));
      varint(size);
    }
  }
  void structField(int16_t id) { field(id, 12); beginStruct(); }

 private:
  std::vector<int16_t> last_{0};
};

/// Appends a page (its header, then its body) to a column chunk.
inline void appendPage(std::vector<uint8_t>& chunk, const CompactWriter& header, const std::vector<uint8_t>& body) {
  chunk.insert(chunk.end(), header.bytes.begin(), header.bytes.end());
  chunk.insert(chunk.end(), body.begin(), body.end());
}

/// PageHeader fields 1-3 (type, uncompressed and compressed size, both
/// `size`); the caller adds the page kind's own header and closes it.
inline CompactWriter pageHeader(int type, size_t size) {
  CompactWriter w;
  w.i32(1, type);
  w.i32(2, static_cast<int32_t>(size));
  w.i32(3, static_cast<int32_t>(size));
  return w;
}

}  // namespace loch::parquet::testing

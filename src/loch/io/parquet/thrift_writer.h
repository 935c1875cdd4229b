#pragma once
// Encoder for the Thrift compact protocol (Apache Thrift
// doc/specs/thrift-compact-protocol.md), used to write Parquet footers and
// page headers. Mirror of CompactReader.

#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

#include "loch/io/parquet/thrift_compact.h"

namespace loch::parquet {

class CompactWriter {
 public:
  std::vector<uint8_t>& bytes() { return bytes_; }

  void beginStruct() { last_.push_back(0); }
  /// Writes the STOP byte and leaves the struct.
  void endStruct() {
    bytes_.push_back(0);
    last_.pop_back();
  }

  void fieldI32(int16_t id, int32_t v) {
    field(id, CompactType::kI32);
    varint(zigzag(v));
  }
  void fieldI16(int16_t id, int16_t v) {
    field(id, CompactType::kI16);
    varint(zigzag(v));
  }
  void fieldByte(int16_t id, int8_t v) {
    field(id, CompactType::kByte);
    bytes_.push_back(static_cast<uint8_t>(v));
  }
  void fieldI64(int16_t id, int64_t v) {
    field(id, CompactType::kI64);
    varint(zigzag(v));
  }
  void fieldBool(int16_t id, bool v) { field(id, v ? CompactType::kBoolTrue : CompactType::kBoolFalse); }
  void fieldBinary(int16_t id, std::string_view v) {
    field(id, CompactType::kBinary);
    binary(v);
  }
  /// Field header of a nested struct; follow with beginStruct ... endStruct.
  void fieldStruct(int16_t id) { field(id, CompactType::kStruct); }
  /// Field header of a list; follow with the elements.
  void fieldList(int16_t id, CompactType element, size_t size) {
    field(id, CompactType::kList);
    listHeader(element, size);
  }

  void listHeader(CompactType element, size_t size) {
    if (size < 15) {
      bytes_.push_back(static_cast<uint8_t>((size << 4) | static_cast<uint8_t>(element)));
    } else {
      bytes_.push_back(static_cast<uint8_t>(0xF0 | static_cast<uint8_t>(element)));
      varint(size);
    }
  }
  void i32(int32_t v) { varint(zigzag(v)); }
  void binary(std::string_view v) {
    varint(v.size());
    bytes_.insert(bytes_.end(), v.begin(), v.end());
  }

  void varint(uint64_t v) {
    while (v >= 0x80) {
      bytes_.push_back(static_cast<uint8_t>(v | 0x80));
      v >>= 7;
    }
    bytes_.push_back(static_cast<uint8_t>(v));
  }
  static uint64_t zigzag(int64_t v) { return (static_cast<uint64_t>(v) << 1) ^ static_cast<uint64_t>(v >> 63); }

 private:
  void field(int16_t id, CompactType type) {
    int delta = id - last_.back();
    if (delta > 0 && delta <= 15) {
      bytes_.push_back(static_cast<uint8_t>((delta << 4) | static_cast<uint8_t>(type)));
    } else {
      bytes_.push_back(static_cast<uint8_t>(type));
      varint(zigzag(id));
    }
    last_.back() = id;
  }

  std::vector<uint8_t> bytes_;
  std::vector<int16_t> last_{0};
};

}  // namespace loch::parquet

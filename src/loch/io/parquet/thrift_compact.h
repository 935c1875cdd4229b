#pragma once
// Bounds-checked decoder for the Thrift compact protocol, the serialization
// of every Parquet footer and page header. Spec: Apache Thrift
// "doc/specs/thrift-compact-protocol.md" (varints, zigzag ints, field-id
// deltas, list/set/map headers, booleans folded into field headers).
//
// The reader never reads past the buffer it was given: every malformed
// input (truncation, over-long varint, bad type nibble, absurd container
// size, nesting deeper than the limit) throws IOException(PARQUET_CORRUPT_FILE).

#include <cstddef>
#include <cstdint>
#include <string>

namespace loch::parquet {

/// Wire type nibble of the compact protocol.
enum class CompactType : uint8_t {
  kStop = 0,
  kBoolTrue = 1,
  kBoolFalse = 2,
  kByte = 3,
  kI16 = 4,
  kI32 = 5,
  kI64 = 6,
  kDouble = 7,
  kBinary = 8,
  kList = 9,
  kSet = 10,
  kMap = 11,
  kStruct = 12,
};

/// A struct field header: the field id and its wire type. For booleans the
/// value itself is the type (kBoolTrue / kBoolFalse).
struct FieldHeader {
  int16_t id = 0;
  CompactType type = CompactType::kStop;
};

/// A list or set header: element wire type and element count.
struct ListHeader {
  CompactType element_type = CompactType::kStop;
  uint32_t size = 0;
};

/// A map header: key/value wire types and entry count.
struct MapHeader {
  CompactType key_type = CompactType::kStop;
  CompactType value_type = CompactType::kStop;
  uint32_t size = 0;
};

/// Sequential reader over one compact-protocol buffer. Not thread-safe; make
/// one per buffer. Usage for a struct:
///   reader.beginStruct();
///   FieldHeader f;
///   while (reader.nextField(f)) { switch (f.id) { ... default: reader.skip(f.type); } }
///   reader.endStruct();
class CompactReader {
 public:
  /// `data` must stay alive while the reader is used; `size` is in bytes.
  /// `max_depth` bounds struct/container nesting (protects the stack).
  CompactReader(const uint8_t* data, size_t size, int max_depth = 64);

  /// Enters a struct: field-id deltas restart from 0. Throws when nesting
  /// exceeds max_depth.
  void beginStruct();
  /// Reads the next field header. Returns false at the STOP byte (the header
  /// is then left unchanged).
  bool nextField(FieldHeader& out);
  /// Leaves a struct entered with beginStruct (after nextField returned false).
  void endStruct();

  /// Value readers. Each throws on truncation or an out-of-range varint.
  int8_t readByte();
  int16_t readI16();
  int32_t readI32();
  int64_t readI64();
  double readDouble();
  /// A binary/string value as a copy.
  std::string readString();
  /// A binary value without copying: sets `*data`, returns its length. The
  /// pointer aliases the input buffer.
  size_t readBinary(const uint8_t** data);
  /// The value of a boolean struct field (stored in the header's type).
  static bool fieldBool(const FieldHeader& header);
  /// A boolean list/set element (one byte on the wire).
  bool readBoolElement();

  /// Container headers. Sizes larger than the remaining input are rejected:
  /// every element takes at least one byte on the wire (booleans too, inside
  /// containers), so such a size can only come from corrupt data.
  ListHeader readListHeader();
  MapHeader readMapHeader();

  /// Skips one value of the given wire type (recursively for containers and
  /// structs); used for unknown fields so newer files stay readable.
  void skip(CompactType type);

  /// Bytes consumed so far.
  size_t position() const { return pos_; }
  /// Bytes left.
  size_t remaining() const { return size_ - pos_; }

 private:
  uint64_t readVarint(int max_bytes);
  uint8_t readRawByte();
  void enter();
  void leave() { --depth_; }
  static CompactType checkType(uint8_t nibble);

  const uint8_t* data_;
  size_t size_;
  size_t pos_ = 0;
  int max_depth_;
  int depth_ = 0;
  // Last field id of each open struct; fixed depth so no allocation.
  int16_t last_field_id_[128] = {};
};

/// Zigzag-decodes a 64-bit value: 0,1,2,3 -> 0,-1,1,-2.
inline int64_t zigzagDecode(uint64_t v) {
  return static_cast<int64_t>((v >> 1) ^ (~(v & 1) + 1));
}

}  // namespace loch::parquet

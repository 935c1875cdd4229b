#include "loch/io/parquet/thrift_compact.h"

#include <algorithm>
#include <cstring>

#include "loch/io/parquet/parquet_error.h"

namespace loch::parquet {

CompactReader::CompactReader(const uint8_t* data, size_t size, int max_depth)
    : data_(data), size_(size), max_depth_(std::min(max_depth, 127)) {}

uint8_t CompactReader::readRawByte() {
  if (pos_ >= size_) throwCorrupt("truncated Thrift data");
  return data_[pos_++];
}

uint64_t CompactReader::readVarint(int max_bytes) {
  uint64_t result = 0;
  for (int i = 0; i < max_bytes; ++i) {
    uint8_t b = readRawByte();
    result |= static_cast<uint64_t>(b & 0x7f) << (7 * i);
    if ((b & 0x80) == 0) return result;
  }
  throwCorrupt("Thrift varint too long");
}

CompactType CompactReader::checkType(uint8_t nibble) {
  if (nibble > static_cast<uint8_t>(CompactType::kStruct)) {
    throwCorrupt("invalid Thrift compact type " + std::to_string(nibble));
  }
  return static_cast<CompactType>(nibble);
}

void CompactReader::enter() {
  if (depth_ + 1 > max_depth_) throwCorrupt("Thrift nesting too deep");
  ++depth_;
}

void CompactReader::beginStruct() {
  enter();
  last_field_id_[depth_] = 0;
}

void CompactReader::endStruct() { leave(); }

bool CompactReader::nextField(FieldHeader& out) {
  uint8_t b = readRawByte();
  if (b == 0) return false;
  CompactType type = checkType(b & 0x0f);
  int delta = b >> 4;
  int16_t id;
  if (delta == 0) {
    id = readI16();  // long form: explicit zigzag field id
  } else {
    int next = last_field_id_[depth_] + delta;
    if (next > INT16_MAX) throwCorrupt("Thrift field id overflow");
    id = static_cast<int16_t>(next);
  }
  last_field_id_[depth_] = id;
  out.id = id;
  out.type = type;
  return true;
}

int8_t CompactReader::readByte() { return static_cast<int8_t>(readRawByte()); }

int16_t CompactReader::readI16() {
  int64_t v = zigzagDecode(readVarint(3));
  if (v < INT16_MIN || v > INT16_MAX) throwCorrupt("Thrift i16 out of range");
  return static_cast<int16_t>(v);
}

int32_t CompactReader::readI32() {
  int64_t v = zigzagDecode(readVarint(5));
  if (v < INT32_MIN || v > INT32_MAX) throwCorrupt("Thrift i32 out of range");
  return static_cast<int32_t>(v);
}

int64_t CompactReader::readI64() { return zigzagDecode(readVarint(10)); }

double CompactReader::readDouble() {
  if (remaining() < 8) throwCorrupt("truncated Thrift double");
  double d;
  std::memcpy(&d, data_ + pos_, 8);  // little-endian on the wire and on x86/arm
  pos_ += 8;
  return d;
}

size_t CompactReader::readBinary(const uint8_t** data) {
  uint64_t len = readVarint(5);
  if (len > remaining()) throwCorrupt("truncated Thrift binary");
  *data = data_ + pos_;
  pos_ += len;
  return static_cast<size_t>(len);
}

std::string CompactReader::readString() {
  const uint8_t* p;
  size_t n = readBinary(&p);
  return std::string(reinterpret_cast<const char*>(p), n);
}

bool CompactReader::fieldBool(const FieldHeader& header) {
  if (header.type == CompactType::kBoolTrue) return true;
  if (header.type == CompactType::kBoolFalse) return false;
  throwCorrupt("Thrift field is not a boolean");
}

bool CompactReader::readBoolElement() {
  // Writers differ on false inside containers (2 per spec, 0 in some), so
  // only 1 means true.
  return readRawByte() == 1;
}

ListHeader CompactReader::readListHeader() {
  uint8_t b = readRawByte();
  ListHeader h;
  h.element_type = checkType(b & 0x0f);
  uint64_t size = b >> 4;
  if (size == 15) size = readVarint(5);
  // Every element occupies at least one byte, so a larger count is a lie.
  if (size > remaining()) throwCorrupt("Thrift list size exceeds input");
  h.size = static_cast<uint32_t>(size);
  return h;
}

MapHeader CompactReader::readMapHeader() {
  MapHeader h;
  uint64_t size = readVarint(5);
  if (size > remaining()) throwCorrupt("Thrift map size exceeds input");
  h.size = static_cast<uint32_t>(size);
  if (size > 0) {
    uint8_t kv = readRawByte();
    h.key_type = checkType(kv >> 4);
    h.value_type = checkType(kv & 0x0f);
  }
  return h;
}

void CompactReader::skip(CompactType type) {
  switch (type) {
    case CompactType::kBoolTrue:
    case CompactType::kBoolFalse:
      return;  // value lives in the field header
    case CompactType::kByte:
      readRawByte();
      return;
    case CompactType::kI16:
    case CompactType::kI32:
    case CompactType::kI64:
      readVarint(10);
      return;
    case CompactType::kDouble:
      readDouble();
      return;
    case CompactType::kBinary: {
      const uint8_t* p;
      readBinary(&p);
      return;
    }
    case CompactType::kList:
    case CompactType::kSet: {
      ListHeader h = readListHeader();
      enter();
      for (uint32_t i = 0; i < h.size; ++i) {
        if (h.element_type == CompactType::kBoolTrue ||
            h.element_type == CompactType::kBoolFalse) {
          readRawByte();
        } else {
          skip(h.element_type);
        }
      }
      leave();
      return;
    }
    case CompactType::kMap: {
      MapHeader h = readMapHeader();
      enter();
      for (uint32_t i = 0; i < h.size; ++i) {
        for (CompactType t : {h.key_type, h.value_type}) {
          if (t == CompactType::kBoolTrue || t == CompactType::kBoolFalse) {
            readRawByte();
          } else {
            skip(t);
          }
        }
      }
      leave();
      return;
    }
    case CompactType::kStruct: {
      beginStruct();
      FieldHeader f;
      while (nextField(f)) skip(f.type);
      endStruct();
      return;
    }
    case CompactType::kStop:
      break;
  }
  throwCorrupt("cannot skip Thrift STOP type");
}

}  // namespace loch::parquet

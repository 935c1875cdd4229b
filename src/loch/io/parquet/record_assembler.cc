#include "loch/io/parquet/record_assembler.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <limits>

#include "loch/common/exception.h"
#include "loch/io/parquet/parquet_error.h"

namespace loch::parquet {

namespace {

constexpr int64_t kJulianEpochDay = 2440588;  // Julian day number of 1970-01-01
constexpr int64_t kMicrosPerDay = 86400LL * 1000 * 1000;

int64_t floorDiv(int64_t a, int64_t b) {
  int64_t q = a / b;
  return (a % b != 0 && ((a < 0) != (b < 0))) ? q - 1 : q;
}

// Levels of one leaf with defaults for columns that store none.
struct Levels {
  const ColumnChunkData& c;
  int16_t def(int64_t i) const { return c.def_levels.empty() ? c.max_definition_level : c.def_levels[i]; }
  int16_t rep(int64_t i) const { return c.rep_levels.empty() ? 0 : c.rep_levels[i]; }
};

const ColumnChunkData& leafData(const std::vector<const ColumnChunkData*>& leaves, int index) {
  if (index < 0 || static_cast<size_t>(index) >= leaves.size() || leaves[index] == nullptr) {
    throw InternalException("Parquet record assembly is missing leaf column " + std::to_string(index));
  }
  return *leaves[index];
}

int32_t checkedInt32(int64_t v, const char* what) {
  if (v > std::numeric_limits<int32_t>::max()) {
    throw UnsupportedException(std::string("Parquet row group holds more than 2^31-1 ") + what +
                               " in one column; smaller row groups are needed");
  }
  return static_cast<int32_t>(v);
}

// Big-endian two's complement (Parquet DECIMAL on byte arrays) to int128.
int128_t decimalFromBigEndian(const uint8_t* p, size_t n) {
  if (n == 0) return 0;
  bool negative = (p[0] & 0x80) != 0;
  size_t skip = 0;
  if (n > 16) {
    // Wider than 128 bits: the extra leading bytes must be pure sign extension.
    skip = n - 16;
    for (size_t i = 0; i < skip; ++i) {
      if (p[i] != (negative ? 0xff : 0x00)) throw UnsupportedException("Parquet decimal value exceeds 128 bits");
    }
  }
  unsigned __int128 v = negative ? ~static_cast<unsigned __int128>(0) : 0;
  for (size_t i = skip; i < n; ++i) v = (v << 8) | p[i];
  return static_cast<int128_t>(v);
}

class Assembler {
 public:
  explicit Assembler(const std::vector<const ColumnChunkData*>& leaves) : leaves_(leaves) {}

  // Builds `node` over the entries of its leaves; `expected` is the slot
  // count the parent computed (checked, to catch inconsistent columns).
  VectorPtr build(const SparkNode& node, int64_t expected) {
    VectorPtr v;
    switch (node.kind) {
      case SparkNode::Kind::kPrimitive:
        v = node.leaf < 0 ? Vector::makeFlat(NullType(), expected) : buildPrimitive(node);
        break;
      case SparkNode::Kind::kStruct: v = buildStruct(node); break;
      case SparkNode::Kind::kList:
      case SparkNode::Kind::kMap: v = buildList(node); break;
    }
    if (v->size() != expected) {
      throwCorrupt("column '" + node.name + "' yields " + std::to_string(v->size()) + " values where " +
                   std::to_string(expected) + " are expected");
    }
    return v;
  }

 private:
  static bool isSlot(const SparkNode& node, int16_t d, int16_t r) {
    return r <= node.rep_level && d >= node.slot_def_level;
  }

  // Slot validity of a group node, from its first leaf.
  std::vector<uint8_t> groupSlots(const SparkNode& node) {
    const ColumnChunkData& c = leafData(leaves_, node.leaves.front());
    Levels lv{c};
    std::vector<uint8_t> valid;
    for (int64_t i = 0; i < c.num_levels; ++i) {
      int16_t d = lv.def(i), r = lv.rep(i);
      if (isSlot(node, d, r)) valid.push_back(d >= node.def_level);
    }
    return valid;
  }

  static void applyValidity(Vector& v, const std::vector<uint8_t>& valid) {
    for (size_t i = 0; i < valid.size(); ++i) {
      if (!valid[i]) v.setNull(static_cast<int64_t>(i));
    }
  }

  VectorPtr buildStruct(const SparkNode& node) {
    std::vector<uint8_t> valid = groupSlots(node);
    auto n = static_cast<int64_t>(valid.size());
    VectorPtr v = Vector::makeFlat(node.type, n);
    for (size_t i = 0; i < node.children.size(); ++i) v->children()[i] = build(node.children[i], n);
    applyValidity(*v, valid);
    return v;
  }

  VectorPtr buildList(const SparkNode& node) {
    const ColumnChunkData& c = leafData(leaves_, node.leaves.front());
    Levels lv{c};
    std::vector<uint8_t> valid;
    std::vector<int32_t> offsets;
    int64_t elements = 0;
    for (int64_t i = 0; i < c.num_levels; ++i) {
      int16_t d = lv.def(i), r = lv.rep(i);
      bool is_element = d >= node.element_def_level && r <= node.element_rep_level;
      if (r <= node.rep_level) {
        if (d < node.slot_def_level) continue;  // an enclosing list is empty or null
        offsets.push_back(checkedInt32(elements, "list elements"));
        valid.push_back(d >= node.def_level);
      } else if (offsets.empty()) {
        throwCorrupt("repetition levels continue a list that was never started");
      }
      if (is_element) ++elements;
    }
    offsets.push_back(checkedInt32(elements, "list elements"));
    auto n = static_cast<int64_t>(valid.size());
    VectorPtr v = Vector::makeFlat(node.type, n);
    std::memcpy(v->mutableOffsets(), offsets.data(), offsets.size() * sizeof(int32_t));
    if (node.kind == SparkNode::Kind::kList) {
      v->children()[0] = build(node.children[0], elements);
    } else {
      VectorPtr entries = Vector::makeFlat(v->child(0)->type(), elements);
      entries->children()[0] = build(node.children[0], elements);
      entries->children()[1] = build(node.children[1], elements);
      v->children()[0] = entries;
    }
    applyValidity(*v, valid);
    return v;
  }

  VectorPtr buildPrimitive(const SparkNode& node) {
    const ColumnChunkData& c = leafData(leaves_, node.leaf);
    if (c.max_repetition_level == 0 && node.slot_def_level == 0) return buildFlat(node, c);
    Levels lv{c};
    // dest[k]: slot receiving non-null value k.
    std::vector<int64_t> dest;
    dest.reserve(static_cast<size_t>(c.num_values));
    std::vector<uint8_t> valid;
    for (int64_t i = 0; i < c.num_levels; ++i) {
      int16_t d = lv.def(i), r = lv.rep(i);
      if (!isSlot(node, d, r)) continue;
      bool has_value = d == c.max_definition_level;
      if (has_value) dest.push_back(static_cast<int64_t>(valid.size()));
      valid.push_back(has_value);
    }
    if (static_cast<int64_t>(dest.size()) != c.num_values) {
      throwCorrupt("column '" + node.name + "' has " + std::to_string(c.num_values) + " values but its levels place " +
                   std::to_string(dest.size()));
    }
    auto n = static_cast<int64_t>(valid.size());
    VectorPtr v = Vector::makeFlat(node.type, n);
    convertValues(node, c, dest, *v);
    applyValidity(*v, valid);
    return v;
  }

  // A column without repetition whose slots are its levels (top-level or
  // under non-repeated structs): non-null values are packed in slot order,
  // so they are converted straight into place, and strings copied in one
  // block, without a per-value destination list.
  VectorPtr buildFlat(const SparkNode& node, const ColumnChunkData& c) {
    const int64_t n = c.num_levels;
    VectorPtr v = Vector::makeFlat(node.type, n);
    if (c.def_levels.empty() || c.num_values == n) {
      if (c.num_values != n) {
        throwCorrupt("column '" + node.name + "' has " + std::to_string(c.num_values) + " values for " +
                     std::to_string(n) + " rows");
      }
      // Every level is a value; a NULL-free chunk keeps no bitmap.
      if (node.conversion == ValueConversion::kBytes) {
        copyBytesInOrder(c, nullptr, *v);
      } else {
        convertValues(node, c, DenseSlots{}, *v);
      }
      return v;
    }
    const bool strings = node.conversion == ValueConversion::kBytes;
    std::vector<int64_t> dest;
    if (!strings) dest.reserve(static_cast<size_t>(c.num_values));
    uint8_t* validity = v->mutableValidity();
    const int16_t* def = c.def_levels.data();
    const int16_t max_def = c.max_definition_level;
    int64_t values = 0;
    for (int64_t i = 0; i < n; ++i) {
      if (def[i] == max_def) {
        if (!strings) dest.push_back(i);
        ++values;
      } else {
        bits::clear(validity, i);
      }
    }
    if (values != c.num_values) {
      throwCorrupt("column '" + node.name + "' has " + std::to_string(c.num_values) + " values but its levels place " +
                   std::to_string(values));
    }
    if (strings) {
      copyBytesInOrder(c, def, *v);
    } else {
      convertValues(node, c, SparseSlots{dest}, *v);
    }
    return v;
  }

  // Flat strings: the packed bytes are copied once; slot offsets advance
  // only at non-null slots (`def` null means every slot holds a value).
  static void copyBytesInOrder(const ColumnChunkData& c, const int16_t* def, Vector& v) {
    if (c.physical_type != PhysicalType::kByteArray) return scatterBytes(c, denseDest(c.num_values, def, c), v, false);
    const int64_t n = v.size();
    const auto& src = c.bytes.offsets;
    if (static_cast<int64_t>(c.bytes.size()) != c.num_values) {
      throwCorrupt("a string column holds " + std::to_string(c.bytes.size()) + " values where its levels place " +
                   std::to_string(c.num_values));
    }
    int32_t* offsets = v.mutableOffsets();
    checkedInt32(static_cast<int64_t>(c.bytes.data.size()), "string bytes");
    int64_t k = 0;
    for (int64_t i = 0; i < n; ++i) {
      offsets[i] = static_cast<int32_t>(src[static_cast<size_t>(k)]);
      if (def == nullptr || def[i] == c.max_definition_level) ++k;
    }
    offsets[n] = static_cast<int32_t>(src[static_cast<size_t>(k)]);
    auto data = std::make_shared<Buffer>(c.bytes.data.size());
    if (!c.bytes.data.empty()) std::memcpy(data->data(), c.bytes.data.data(), c.bytes.data.size());
    v.setDataBuffer(std::move(data));
  }

  // Slots of the non-null values for the general string scatter.
  static std::vector<int64_t> denseDest(int64_t values, const int16_t* def, const ColumnChunkData& c) {
    std::vector<int64_t> dest;
    dest.reserve(static_cast<size_t>(values));
    for (int64_t i = 0; i < c.num_levels; ++i) {
      if (def == nullptr || def[i] == c.max_definition_level) dest.push_back(i);
    }
    return dest;
  }

  // Destination slot of non-null value k.
  struct DenseSlots {
    int64_t operator()(size_t k) const { return static_cast<int64_t>(k); }
    size_t size(const ColumnChunkData& c) const { return static_cast<size_t>(c.num_values); }
  };
  struct SparseSlots {
    const std::vector<int64_t>& dest;
    int64_t operator()(size_t k) const { return dest[k]; }
    size_t size(const ColumnChunkData&) const { return dest.size(); }
  };

  static std::vector<int64_t> slotList(const ColumnChunkData& c, const DenseSlots&) {
    return denseDest(c.num_values, nullptr, c);
  }
  static const std::vector<int64_t>& slotList(const ColumnChunkData&, const SparseSlots& s) { return s.dest; }

  template <class Out, class Slots, class Fn>
  static void scatter(const ColumnChunkData& c, const Slots& slots, Vector& v, Fn&& convert) {
    Out* out = v.mutableValues<Out>();
    const size_t n = slots.size(c);
    for (size_t k = 0; k < n; ++k) out[slots(k)] = convert(k);
  }

  static void scatterBytes(const ColumnChunkData& c, const std::vector<int64_t>& dest, Vector& v,
                           bool as_uuid) {
    int64_t n = v.size();
    std::vector<int64_t> lengths(static_cast<size_t>(n), 0);
    size_t width = c.valueWidth();
    auto valueAt = [&](size_t k) -> std::string_view {
      if (c.physical_type == PhysicalType::kByteArray) return c.bytes.at(k);
      return {reinterpret_cast<const char*>(c.fixed.data()) + k * width, width};
    };
    for (size_t k = 0; k < dest.size(); ++k) lengths[dest[k]] = as_uuid ? 36 : static_cast<int64_t>(valueAt(k).size());
    int32_t* offsets = v.mutableOffsets();
    int64_t total = 0;
    for (int64_t i = 0; i < n; ++i) {
      offsets[i] = checkedInt32(total, "string bytes");
      total += lengths[i];
    }
    offsets[n] = checkedInt32(total, "string bytes");
    auto data = std::make_shared<Buffer>(static_cast<size_t>(total));
    for (size_t k = 0; k < dest.size(); ++k) {
      std::string_view s = valueAt(k);
      char* out = reinterpret_cast<char*>(data->data()) + offsets[dest[k]];
      if (as_uuid) {
        static const char* kHex = "0123456789abcdef";
        int pos = 0;
        for (size_t b = 0; b < 16; ++b) {
          if (b == 4 || b == 6 || b == 8 || b == 10) out[pos++] = '-';
          auto byte = static_cast<uint8_t>(s[b]);
          out[pos++] = kHex[byte >> 4];
          out[pos++] = kHex[byte & 15];
        }
      } else if (!s.empty()) {
        std::memcpy(out, s.data(), s.size());
      }
    }
    v.setDataBuffer(std::move(data));
  }

  static void convertValues(const SparkNode& node, const ColumnChunkData& c, const std::vector<int64_t>& dest,
                            Vector& v) {
    convertValues(node, c, SparseSlots{dest}, v);
  }

  template <class Slots>
  static void convertValues(const SparkNode& node, const ColumnChunkData& c, const Slots& dest, Vector& v) {
    const uint8_t* raw = c.fixed.data();
    size_t width = c.valueWidth();
    auto i32 = [&](size_t k) { int32_t x; std::memcpy(&x, raw + 4 * k, 4); return x; };
    auto i64 = [&](size_t k) { int64_t x; std::memcpy(&x, raw + 8 * k, 8); return x; };
    switch (node.conversion) {
      case ValueConversion::kBoolean: return scatter<uint8_t>(c, dest, v, [&](size_t k) { return raw[k]; });
      case ValueConversion::kInt32ToByte: return scatter<int8_t>(c, dest, v, [&](size_t k) { return static_cast<int8_t>(i32(k)); });
      case ValueConversion::kInt32ToShort: return scatter<int16_t>(c, dest, v, [&](size_t k) { return static_cast<int16_t>(i32(k)); });
      case ValueConversion::kInt32:
      case ValueConversion::kDate: return scatter<int32_t>(c, dest, v, i32);
      case ValueConversion::kUint32ToLong:
        return scatter<int64_t>(c, dest, v, [&](size_t k) { return static_cast<int64_t>(static_cast<uint32_t>(i32(k))); });
      case ValueConversion::kInt64:
      case ValueConversion::kTimestampMicros:
      case ValueConversion::kTimeMicrosToLong: return scatter<int64_t>(c, dest, v, i64);
      case ValueConversion::kTimestampMillis: return scatter<int64_t>(c, dest, v, [&](size_t k) { return i64(k) * 1000; });
      case ValueConversion::kTimestampNanos:
      case ValueConversion::kTimeNanosToLong: return scatter<int64_t>(c, dest, v, [&](size_t k) { return floorDiv(i64(k), 1000); });
      case ValueConversion::kTimeMillisToLong:
        return scatter<int64_t>(c, dest, v, [&](size_t k) { return static_cast<int64_t>(i32(k)) * 1000; });
      case ValueConversion::kUint64ToDecimal:
        return scatter<int128_t>(c, dest, v, [&](size_t k) { return static_cast<int128_t>(static_cast<uint64_t>(i64(k))); });
      case ValueConversion::kDecimalFromInt32: return scatter<int128_t>(c, dest, v, [&](size_t k) { return static_cast<int128_t>(i32(k)); });
      case ValueConversion::kDecimalFromInt64: return scatter<int128_t>(c, dest, v, [&](size_t k) { return static_cast<int128_t>(i64(k)); });
      case ValueConversion::kDecimalFromBytes:
        return scatter<int128_t>(c, dest, v, [&](size_t k) {
          if (c.physical_type == PhysicalType::kByteArray) {
            std::string_view s = c.bytes.at(k);
            return decimalFromBigEndian(reinterpret_cast<const uint8_t*>(s.data()), s.size());
          }
          return decimalFromBigEndian(raw + k * width, width);
        });
      case ValueConversion::kFloat: return scatter<float>(c, dest, v, [&](size_t k) { float x; std::memcpy(&x, raw + 4 * k, 4); return x; });
      case ValueConversion::kDouble: return scatter<double>(c, dest, v, [&](size_t k) { double x; std::memcpy(&x, raw + 8 * k, 8); return x; });
      case ValueConversion::kFloat16ToFloat:
        return scatter<float>(c, dest, v, [&](size_t k) { return halfToFloat(static_cast<uint16_t>(raw[2 * k] | (raw[2 * k + 1] << 8))); });
      case ValueConversion::kInt96Timestamp: return scatter<int64_t>(c, dest, v, [&](size_t k) { return int96ToMicros(raw + 12 * k); });
      case ValueConversion::kBytes: return scatterBytes(c, slotList(c, dest), v, false);
      case ValueConversion::kUuidToString: return scatterBytes(c, slotList(c, dest), v, true);
    }
  }

  const std::vector<const ColumnChunkData*>& leaves_;
};

}  // namespace

int64_t int96ToMicros(const uint8_t* value) {
  int64_t nanos;
  int32_t julian_day;
  std::memcpy(&nanos, value, 8);
  std::memcpy(&julian_day, value + 8, 4);
  // Wrapping arithmetic: out-of-range days must not be undefined behaviour.
  uint64_t micros = static_cast<uint64_t>(static_cast<int64_t>(julian_day) - kJulianEpochDay) *
                        static_cast<uint64_t>(kMicrosPerDay) +
                    static_cast<uint64_t>(floorDiv(nanos, 1000));
  return static_cast<int64_t>(micros);
}

float halfToFloat(uint16_t half) {
  int sign = (half >> 15) & 1;
  int exponent = (half >> 10) & 0x1f;
  int mantissa = half & 0x3ff;
  float value;
  if (exponent == 0) {
    value = std::ldexp(static_cast<float>(mantissa), -24);  // subnormal
  } else if (exponent == 31) {
    value = mantissa == 0 ? std::numeric_limits<float>::infinity() : std::numeric_limits<float>::quiet_NaN();
  } else {
    value = std::ldexp(static_cast<float>(mantissa + 1024), exponent - 25);
  }
  return sign ? -value : value;
}

VectorPtr assembleField(const SparkNode& field, const std::vector<const ColumnChunkData*>& leaves) {
  Assembler assembler(leaves);
  // Top-level fields have one slot per row: count them from the first leaf.
  const ColumnChunkData& first = leafData(leaves, field.leaves.empty() ? -1 : field.leaves.front());
  int64_t rows = first.max_repetition_level == 0
                     ? first.num_levels
                     : std::count(first.rep_levels.begin(), first.rep_levels.end(), int16_t{0});
  return assembler.build(field, rows);
}

}  // namespace loch::parquet

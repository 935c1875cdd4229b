#include "loch/exec/aggregate/group_key_layout.h"

#include <cmath>
#include <limits>

#include "loch/common/exception.h"
#include "loch/exec/aggregate/value_codec.h"
#include "loch/exec/vector_hash.h"
#include "loch/vector/decoded_vector.h"
#include "loch/vector/vector_builder.h"

namespace loch {

namespace {

template <class T>
inline T normalized(T v) {
  if constexpr (std::is_floating_point_v<T>) {
    if (v == 0) return 0;
    if (std::isnan(v)) return std::numeric_limits<T>::quiet_NaN();
  }
  return v;
}

template <class T>
void encodeFixed(const Vector& v, int64_t n, uint8_t* out, uint32_t row_width, size_t column, uint32_t offset) {
  DecodedVector d(v);
  bool nulls = d.mayHaveNulls();
  if (d.isIdentity() && !nulls) {
    const T* vals = v.values<T>();
    for (int64_t i = 0; i < n; ++i) {
      T x = normalized(vals[i]);
      std::memcpy(out + i * row_width + offset, &x, sizeof(T));
    }
    return;
  }
  for (int64_t i = 0; i < n; ++i) {
    uint8_t* row = out + i * row_width;
    if (nulls && d.isNull(i)) {
      row[column] = 1;
      continue;
    }
    T x = normalized(d.valueAt<T>(i));
    std::memcpy(row + offset, &x, sizeof(T));
  }
}

void encodeString(const Vector& v, int64_t n, uint8_t* out, uint32_t row_width, size_t column, uint32_t offset) {
  DecodedVector d(v);
  bool nulls = d.mayHaveNulls();
  for (int64_t i = 0; i < n; ++i) {
    uint8_t* row = out + i * row_width;
    if (nulls && d.isNull(i)) {
      row[column] = 1;
      continue;
    }
    std::string_view s = d.stringAt(i);
    StringRef ref{s.data(), static_cast<uint32_t>(s.size()), 0};
    std::memcpy(row + offset, &ref, sizeof ref);
  }
}

// Slow path (one Value per row): nested keys are rare and costly anyway.
void encodeNested(const Vector& v, int64_t n, uint8_t* out, uint32_t row_width, size_t column, uint32_t offset,
                  std::string& scratch) {
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
  for (int64_t i = 0; i < n; ++i) {
    if (out[i * row_width + column]) continue;
    size_t b = starts[static_cast<size_t>(i)], e = starts[static_cast<size_t>(i) + 1];
    StringRef ref{scratch.data() + b, static_cast<uint32_t>(e - b), 0};
    std::memcpy(out + i * row_width + offset, &ref, sizeof ref);
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
      c.width = 16;
    } else if (t->id() == TypeId::Null) {
      c.width = 0;
    } else if (t->fixedWidth() > 0) {
      c.width = t->fixedWidth();
      c.offset = pos;
      pos += static_cast<uint32_t>(c.width);
    } else {
      c.is_string = true;
      c.is_nested = true;
      c.width = 16;
    }
    columns_.push_back(c);
  }
  fixed_end_ = pos;
  for (auto& c : columns_) {
    if (!c.is_string) continue;
    c.offset = pos;
    string_offsets_.push_back(pos);
    pos += 16;
    has_strings_ = true;
  }
  width_ = pos;
}

void GroupKeyLayout::encode(const std::vector<VectorPtr>& keys, int64_t n, uint8_t* out,
                            std::vector<std::string>& scratch) const {
  std::memset(out, 0, static_cast<size_t>(n) * width_);
  scratch.resize(columns_.size());
  for (size_t c = 0; c < columns_.size(); ++c) {
    const Column& col = columns_[c];
    const Vector& v = *keys[c];
    if (col.type->id() == TypeId::Null) {
      for (int64_t i = 0; i < n; ++i) out[i * width_ + c] = 1;
    } else if (col.is_nested) {
      encodeNested(v, n, out, width_, c, col.offset, scratch[c]);
    } else if (col.is_string) {
      encodeString(v, n, out, width_, c, col.offset);
    } else {
      dispatchWidth(col.type->id(), [&]<class T>() { encodeFixed<T>(v, n, out, width_, c, col.offset); });
    }
  }
}

uint64_t GroupKeyLayout::hashRow(const uint8_t* row) const {
  uint64_t h = hashBytes(row, fixed_end_);
  for (uint32_t off : string_offsets_) {
    StringRef ref;
    std::memcpy(&ref, row + off, sizeof ref);
    h = hashInt64(h ^ (hashBytes(ref.data, ref.len) + 0x9E3779B97F4A7C15ULL));
  }
  return h;
}

void GroupKeyLayout::hashRows(const uint8_t* rows, int64_t n, uint64_t* out) const {
  if (!has_strings_) {
    for (int64_t i = 0; i < n; ++i) out[i] = hashBytes(rows + i * width_, fixed_end_);
    return;
  }
  for (int64_t i = 0; i < n; ++i) out[i] = hashRow(rows + i * width_);
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
      StringRef ref;
      std::memcpy(&ref, rows[i] + col.offset, sizeof ref);
      if (col.is_nested) {
        std::string_view bytes(ref.data, ref.len);
        b.appendValue(decodeKeyValue(col.type, bytes));
      } else {
        b.appendString(std::string_view(ref.data, ref.len));
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

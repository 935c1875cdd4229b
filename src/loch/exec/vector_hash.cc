#include "loch/exec/vector_hash.h"

#include <xxhash.h>

#include <cmath>
#include <cstring>

#include "loch/vector/decoded_vector.h"

namespace loch {

uint64_t hashBytes(const void* data, size_t len) { return XXH3_64bits(data, len); }

namespace {

inline uint64_t combine(uint64_t seed, uint64_t h) { return hashInt64(seed ^ (h + 0x9E3779B97F4A7C15ULL)); }

double normalizeDouble(double d) {
  if (d == 0.0) return 0.0;
  if (std::isnan(d)) return std::numeric_limits<double>::quiet_NaN();
  return d;
}

template <class T, class Load>
void hashFixed(const DecodedVector& d, int64_t n, uint64_t* out, bool first, Load load) {
  bool nulls = d.mayHaveNulls();
  for (int64_t i = 0; i < n; ++i) {
    uint64_t h = (nulls && d.isNull(i)) ? kNullHash : hashInt64(load(d.valueAt<T>(i)));
    out[i] = first ? h : combine(out[i], h);
  }
}

uint64_t rowHash(const Vector& v, int64_t row);

}  // namespace

void hashColumnInto(const Vector& v, int64_t n, uint64_t* out, bool first) {
  DecodedVector d(v);
  switch (v.typeId()) {
    case TypeId::Boolean:
    case TypeId::Byte:
      hashFixed<int8_t>(d, n, out, first, [](int8_t x) { return static_cast<uint64_t>(x); });
      break;
    case TypeId::Short:
      hashFixed<int16_t>(d, n, out, first, [](int16_t x) { return static_cast<uint64_t>(x); });
      break;
    case TypeId::Integer:
    case TypeId::Date:
    case TypeId::YearMonthInterval:
      hashFixed<int32_t>(d, n, out, first, [](int32_t x) { return static_cast<uint64_t>(x); });
      break;
    case TypeId::Long:
    case TypeId::Timestamp:
    case TypeId::TimestampNTZ:
    case TypeId::DayTimeInterval:
      hashFixed<int64_t>(d, n, out, first, [](int64_t x) { return static_cast<uint64_t>(x); });
      break;
    case TypeId::Float:
      hashFixed<float>(d, n, out, first, [](float x) {
        double nd = normalizeDouble(x);
        uint64_t b;
        std::memcpy(&b, &nd, 8);
        return b;
      });
      break;
    case TypeId::Double:
      hashFixed<double>(d, n, out, first, [](double x) {
        double nd = normalizeDouble(x);
        uint64_t b;
        std::memcpy(&b, &nd, 8);
        return b;
      });
      break;
    case TypeId::Decimal:
      hashFixed<int128_t>(d, n, out, first, [](int128_t x) {
        return static_cast<uint64_t>(x) ^ hashInt64(static_cast<uint64_t>(x >> 64));
      });
      break;
    case TypeId::String:
    case TypeId::Binary: {
      bool nulls = d.mayHaveNulls();
      for (int64_t i = 0; i < n; ++i) {
        uint64_t h;
        if (nulls && d.isNull(i)) {
          h = kNullHash;
        } else {
          auto s = d.stringAt(i);
          h = XXH3_64bits(s.data(), s.size());
        }
        out[i] = first ? h : combine(out[i], h);
      }
      break;
    }
    default:
      for (int64_t i = 0; i < n; ++i) {
        uint64_t h = rowHash(v, i);
        out[i] = first ? h : combine(out[i], h);
      }
  }
}

void hashColumns(const std::vector<VectorPtr>& keys, int64_t n, uint64_t* out) {
  if (keys.empty()) {
    std::fill(out, out + n, kNullHash);
    return;
  }
  for (size_t k = 0; k < keys.size(); ++k) hashColumnInto(*keys[k], n, out, k == 0);
}

namespace {

uint64_t rowHash(const Vector& v, int64_t row) {
  // Nested types: hash through the slow Value path; keys of nested type are rare.
  Value val = v.getValue(row);
  if (val.isNull()) return kNullHash;
  std::string s = val.toString();
  return XXH3_64bits(s.data(), s.size()) ^ static_cast<uint64_t>(v.typeId());
}

template <class T>
bool fixedEqual(const DecodedVector& a, int64_t ar, const DecodedVector& b, int64_t br) {
  return a.valueAt<T>(ar) == b.valueAt<T>(br);
}

bool doubleKeyEqual(double x, double y) { return x == y || (std::isnan(x) && std::isnan(y)); }

}  // namespace

bool keysEqual(const Vector& a, int64_t ar, const Vector& b, int64_t br) {
  DecodedVector da(a), db(b);
  bool an = da.isNull(ar), bn = db.isNull(br);
  if (an || bn) return an && bn;
  switch (a.typeId()) {
    case TypeId::Boolean:
    case TypeId::Byte: return fixedEqual<int8_t>(da, ar, db, br);
    case TypeId::Short: return fixedEqual<int16_t>(da, ar, db, br);
    case TypeId::Integer:
    case TypeId::Date:
    case TypeId::YearMonthInterval: return fixedEqual<int32_t>(da, ar, db, br);
    case TypeId::Long:
    case TypeId::Timestamp:
    case TypeId::TimestampNTZ:
    case TypeId::DayTimeInterval: return fixedEqual<int64_t>(da, ar, db, br);
    case TypeId::Float: return doubleKeyEqual(da.valueAt<float>(ar), db.valueAt<float>(br));
    case TypeId::Double: return doubleKeyEqual(da.valueAt<double>(ar), db.valueAt<double>(br));
    case TypeId::Decimal: return fixedEqual<int128_t>(da, ar, db, br);
    case TypeId::String:
    case TypeId::Binary: return da.stringAt(ar) == db.stringAt(br);
    case TypeId::Null: return true;
    default: return a.getValue(ar) == b.getValue(br);
  }
}

}  // namespace loch

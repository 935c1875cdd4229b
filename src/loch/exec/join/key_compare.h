#pragma once
// Vectorised equality of key rows given as lists of (left row, right row)
// pairs: the inner loop of hash-join probing and of the row tables behind
// DISTINCT / INTERSECT / EXCEPT. One type switch per column and batch, then
// a tight loop over flat arrays (DuckDB's "match" step of its hash tables).
//
// Header-only so the set operators can share it without a link dependency
// on the join library.

#include <cmath>
#include <cstdint>
#include <cstring>

#include "loch/exec/vector_hash.h"
#include "loch/vector/vector.h"

namespace loch::keycmp {

namespace detail {

template <class T>
inline bool valueEqual(T a, T b) {
  return a == b;
}
// Spark normalises floating-point join and grouping keys: NaN equals NaN and
// -0.0 equals 0.0 (NormalizeFloatingNumbers).
template <>
inline bool valueEqual<float>(float a, float b) {
  return a == b || (a != a && b != b);
}
template <>
inline bool valueEqual<double>(double a, double b) {
  return a == b || (a != a && b != b);
}

template <class T>
void equalFixed(const Vector& a, const int32_t* ar, const Vector& b, const int32_t* br, int64_t n,
                bool null_equal, uint8_t* eq) {
  const T* av = a.values<T>();
  const T* bv = b.values<T>();
  const uint8_t* va = a.validity();
  const uint8_t* vb = b.validity();
  if (!va && !vb) {
    for (int64_t i = 0; i < n; ++i) eq[i] &= static_cast<uint8_t>(valueEqual<T>(av[ar[i]], bv[br[i]]));
    return;
  }
  for (int64_t i = 0; i < n; ++i) {
    bool an = va && !bits::get(va, ar[i]);
    bool bn = vb && !bits::get(vb, br[i]);
    bool v = (an || bn) ? (null_equal && an && bn) : valueEqual<T>(av[ar[i]], bv[br[i]]);
    eq[i] &= static_cast<uint8_t>(v);
  }
}

inline void equalStrings(const Vector& a, const int32_t* ar, const Vector& b, const int32_t* br, int64_t n,
                         bool null_equal, uint8_t* eq) {
  const int32_t* ao = a.offsets();
  const int32_t* bo = b.offsets();
  const char* ad = a.stringData();
  const char* bd = b.stringData();
  const uint8_t* va = a.validity();
  const uint8_t* vb = b.validity();
  for (int64_t i = 0; i < n; ++i) {
    if (!eq[i]) continue;
    bool an = va && !bits::get(va, ar[i]);
    bool bn = vb && !bits::get(vb, br[i]);
    if (an || bn) {
      eq[i] = static_cast<uint8_t>(null_equal && an && bn);
      continue;
    }
    int32_t al = ao[ar[i] + 1] - ao[ar[i]];
    int32_t bl = bo[br[i] + 1] - bo[br[i]];
    eq[i] = static_cast<uint8_t>(al == bl && std::memcmp(ad + ao[ar[i]], bd + bo[br[i]], static_cast<size_t>(al)) == 0);
  }
}

}  // namespace detail

/// eq[i] &= (row ar[i] of `a` equals row br[i] of `b`), for i in [0, n).
/// @param a, b flat vectors of the same type (callers flatten first).
/// @param null_equal whether NULL equals NULL (set operations, `<=>` keys);
///        otherwise a NULL on either side never matches (SQL `=`).
/// Floating-point: NaN == NaN and -0.0 == 0.0 (Spark's key normalisation).
inline void equalPairs(const Vector& a, const int32_t* ar, const Vector& b, const int32_t* br, int64_t n,
                       bool null_equal, uint8_t* eq) {
  switch (a.typeId()) {
    case TypeId::Boolean:
    case TypeId::Byte: return detail::equalFixed<int8_t>(a, ar, b, br, n, null_equal, eq);
    case TypeId::Short: return detail::equalFixed<int16_t>(a, ar, b, br, n, null_equal, eq);
    case TypeId::Integer:
    case TypeId::Date:
    case TypeId::YearMonthInterval: return detail::equalFixed<int32_t>(a, ar, b, br, n, null_equal, eq);
    case TypeId::Long:
    case TypeId::Timestamp:
    case TypeId::TimestampNTZ:
    case TypeId::DayTimeInterval: return detail::equalFixed<int64_t>(a, ar, b, br, n, null_equal, eq);
    case TypeId::Float: return detail::equalFixed<float>(a, ar, b, br, n, null_equal, eq);
    case TypeId::Double: return detail::equalFixed<double>(a, ar, b, br, n, null_equal, eq);
    case TypeId::Decimal: return detail::equalFixed<int128_t>(a, ar, b, br, n, null_equal, eq);
    case TypeId::String:
    case TypeId::Binary: return detail::equalStrings(a, ar, b, br, n, null_equal, eq);
    case TypeId::Null:
      // Every row is NULL.
      if (!null_equal) std::memset(eq, 0, static_cast<size_t>(n));
      return;
    default:
      // Nested keys are rare: row-wise through the generic comparison.
      for (int64_t i = 0; i < n; ++i) {
        if (!eq[i]) continue;
        bool an = a.isNull(ar[i]);
        bool bn = b.isNull(br[i]);
        if (an || bn) {
          eq[i] = static_cast<uint8_t>(null_equal && an && bn);
        } else {
          eq[i] = static_cast<uint8_t>(keysEqual(a, ar[i], b, br[i]));
        }
      }
  }
}

/// Bitmap-free test used to skip NULL keys: true when row `row` of flat
/// vector `v` is NULL.
inline bool isNullAt(const Vector& v, int64_t row) {
  if (v.typeId() == TypeId::Null) return true;
  const uint8_t* valid = v.validity();
  return valid && !bits::get(valid, row);
}

}  // namespace loch::keycmp

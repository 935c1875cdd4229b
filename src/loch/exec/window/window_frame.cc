#include "loch/exec/window/window_frame.h"

#include <algorithm>

#include "loch/common/exception.h"

namespace loch {
namespace {

constexpr int64_t kMicrosPerDay = 86400LL * 1000000LL;

bool isValueBound(const FrameBound& b) {
  return b.kind == FrameBound::Kind::Preceding || b.kind == FrameBound::Kind::Following;
}

bool isIntegralKey(TypeId id) {
  switch (id) {
    case TypeId::Byte:
    case TypeId::Short:
    case TypeId::Integer:
    case TypeId::Long:
    case TypeId::Date:
    case TypeId::Timestamp:
    case TypeId::TimestampNTZ:
    case TypeId::Decimal:
      return true;
    default:
      return false;
  }
}

[[noreturn]] void invalidRangeType(const std::string& what) {
  throw AnalysisException("DATATYPE_MISMATCH.RANGE_FRAME_INVALID_TYPE",
                          "Cannot resolve the window frame: " + what + ".");
}

__int128 pow10(int k) {
  __int128 r = 1;
  for (int i = 0; i < k; ++i) r *= 10;
  return r;
}

/// The unsigned size of a value offset in the key's domain.
RangeOffset convertOffset(const Value& off, const DataType& key) {
  RangeOffset r;
  const DataTypePtr& ot = off.type();
  if (off.isNull() || !ot) invalidRangeType("a RANGE frame offset must not be NULL");
  TypeId k = key.id();
  TypeId o = ot->id();
  bool o_int = ot->isIntegral();
  if (key.isFloating()) {
    if (o_int) r.d = static_cast<double>(off.getLong());
    else if (ot->isFloating()) r.d = off.getDouble();
    else if (o == TypeId::Decimal) r.d = static_cast<double>(off.getDecimal()) / static_cast<double>(pow10(ot->scale()));
    else invalidRangeType("the offset type \"" + ot->sql() + "\" does not match the ORDER BY type \"" + key.sql() + "\"");
    return r;
  }
  if (k == TypeId::Timestamp || k == TypeId::TimestampNTZ) {
    if (o != TypeId::DayTimeInterval) {
      invalidRangeType("a RANGE frame over \"" + key.sql() + "\" needs a day-time interval offset, not \"" + ot->sql() + "\"");
    }
    r.i = off.getLong();
  } else if (k == TypeId::Date) {
    if (o_int) r.i = off.getLong();
    else if (o == TypeId::DayTimeInterval) r.i = off.getLong() / kMicrosPerDay;
    else invalidRangeType("the offset type \"" + ot->sql() + "\" does not match the ORDER BY type \"DATE\"");
  } else if (k == TypeId::Decimal) {
    if (o_int) r.i = static_cast<__int128>(off.getLong()) * pow10(key.scale());
    else if (o == TypeId::Decimal && ot->scale() <= key.scale()) r.i = off.getDecimal() * pow10(key.scale() - ot->scale());
    else invalidRangeType("the offset type \"" + ot->sql() + "\" does not match the ORDER BY type \"" + key.sql() + "\"");
  } else {
    if (!o_int) invalidRangeType("the offset type \"" + ot->sql() + "\" does not match the ORDER BY type \"" + key.sql() + "\"");
    r.i = off.getLong();
  }
  r.d = static_cast<double>(r.i);
  return r;
}

RangeOffset signedOffset(const FrameBound& b, const DataType& key) {
  RangeOffset r = convertOffset(b.offset, key);
  if (b.kind == FrameBound::Kind::Preceding) {
    r.i = -r.i;
    r.d = -r.d;
  }
  return r;
}

int64_t rowsOffset(const FrameBound& b) {
  // Clamped so that row + offset cannot overflow; frames clamp to the
  // partition anyway.
  int64_t v = std::clamp<int64_t>(b.offset.getLong(), -(int64_t{1} << 40), int64_t{1} << 40);
  return b.kind == FrameBound::Kind::Preceding ? -v : v;
}

/// First row j in [lo, hi) whose key is past `t` in sort order (strict:
/// key > t under ASC; non-strict: key >= t), i.e. a lower/upper bound.
template <class T>
int64_t searchKey(const std::vector<T>& keys, int64_t lo, int64_t hi, T t, bool ascending, bool strict) {
  const T* b = keys.data() + lo;
  const T* e = keys.data() + hi;
  const T* p;
  if (ascending) {
    p = strict ? std::upper_bound(b, e, t) : std::lower_bound(b, e, t);
  } else {
    p = strict ? std::upper_bound(b, e, t, std::greater<T>()) : std::lower_bound(b, e, t, std::greater<T>());
  }
  return lo + (p - b);
}

void rangeValueBounds(const WindowFrame& frame, const RangeKey& key, int64_t s, int64_t n, const int64_t* peer_begin,
                      const int64_t* peer_end, int64_t* begin, int64_t* end) {
  // Non-NULL keys of the partition are one contiguous run [nb, ne).
  int64_t nb = s, ne = s + n;
  while (nb < ne && key.is_null[nb]) ++nb;
  while (ne > nb && key.is_null[ne - 1]) --ne;
  RangeOffset so, eo;
  if (isValueBound(frame.start)) so = signedOffset(frame.start, *key.type);
  if (isValueBound(frame.end)) eo = signedOffset(frame.end, *key.type);
  bool asc = key.ascending;
  for (int64_t i = 0; i < n; ++i) {
    int64_t g = s + i;
    bool null_row = key.is_null[g] != 0;
    if (isValueBound(frame.start)) {
      if (null_row) {
        begin[i] = peer_begin[i];
      } else if (key.is_float) {
        double t = asc ? key.doubles[g] + so.d : key.doubles[g] - so.d;
        begin[i] = searchKey(key.doubles, nb, ne, t, asc, false) - s;
      } else {
        __int128 t = asc ? key.ints[g] + so.i : key.ints[g] - so.i;
        begin[i] = searchKey(key.ints, nb, ne, t, asc, false) - s;
      }
    }
    if (isValueBound(frame.end)) {
      if (null_row) {
        end[i] = peer_end[i];
      } else if (key.is_float) {
        double t = asc ? key.doubles[g] + eo.d : key.doubles[g] - eo.d;
        end[i] = searchKey(key.doubles, nb, ne, t, asc, true) - s;
      } else {
        __int128 t = asc ? key.ints[g] + eo.i : key.ints[g] - eo.i;
        end[i] = searchKey(key.ints, nb, ne, t, asc, true) - s;
      }
    }
  }
}

}  // namespace

RangeKey makeRangeKey(const Vector& v, bool ascending) {
  RangeKey k;
  k.ascending = ascending;
  k.type = v.type();
  int64_t n = v.size();
  k.is_null.resize(static_cast<size_t>(n));
  for (int64_t i = 0; i < n; ++i) k.is_null[i] = v.isNull(i) ? 1 : 0;
  TypeId id = v.typeId();
  k.is_float = v.type()->isFloating();
  if (k.is_float) {
    k.doubles.resize(static_cast<size_t>(n));
    for (int64_t i = 0; i < n; ++i) {
      k.doubles[i] = id == TypeId::Float ? static_cast<double>(v.values<float>()[i]) : v.values<double>()[i];
    }
    return k;
  }
  k.ints.resize(static_cast<size_t>(n));
  for (int64_t i = 0; i < n; ++i) {
    switch (id) {
      case TypeId::Byte: k.ints[i] = v.values<int8_t>()[i]; break;
      case TypeId::Short: k.ints[i] = v.values<int16_t>()[i]; break;
      case TypeId::Integer:
      case TypeId::Date: k.ints[i] = v.values<int32_t>()[i]; break;
      case TypeId::Decimal: k.ints[i] = v.values<int128_t>()[i]; break;
      default: k.ints[i] = v.values<int64_t>()[i]; break;
    }
  }
  return k;
}

bool frameNeedsRangeKey(const WindowFrame& frame) {
  return frame.type == WindowFrame::Type::Range && (isValueBound(frame.start) || isValueBound(frame.end));
}

void checkWindowFrame(const WindowFrame& frame, const std::vector<DataTypePtr>& order_types) {
  if (frame.type == WindowFrame::Type::Rows) {
    for (const FrameBound* b : {&frame.start, &frame.end}) {
      if (isValueBound(*b) && (b->offset.isNull() || !b->offset.type() || !b->offset.type()->isIntegral())) {
        throw AnalysisException("DATATYPE_MISMATCH.SPECIFIED_WINDOW_FRAME_WRONG_COMPARISON",
                                "Cannot resolve the window frame: a ROWS frame offset must be an integer literal.");
      }
    }
    return;
  }
  if (!frameNeedsRangeKey(frame)) return;
  if (order_types.size() != 1) {
    throw AnalysisException("DATATYPE_MISMATCH.RANGE_FRAME_MULTI_ORDER",
                            "Cannot resolve the window frame: a RANGE window frame with value boundaries cannot be used in "
                            "a window specification with " + std::to_string(order_types.size()) + " ORDER BY keys.");
  }
  const DataType& key = *order_types[0];
  if (!key.isFloating() && !isIntegralKey(key.id())) {
    invalidRangeType("a RANGE frame with value offsets cannot order by \"" + key.sql() + "\"");
  }
  if (isValueBound(frame.start)) convertOffset(frame.start.offset, key);
  if (isValueBound(frame.end)) convertOffset(frame.end.offset, key);
}

void computeFrameBounds(const WindowFrame& frame, const RangeKey* key, int64_t s, int64_t n,
                        const int64_t* peer_begin, const int64_t* peer_end, int64_t* begin, int64_t* end) {
  using K = FrameBound::Kind;
  bool rows = frame.type == WindowFrame::Type::Rows;
  for (int64_t i = 0; i < n; ++i) {
    switch (frame.start.kind) {
      case K::UnboundedPreceding: begin[i] = 0; break;
      case K::UnboundedFollowing: begin[i] = n; break;
      case K::CurrentRow: begin[i] = rows ? i : peer_begin[i]; break;
      default: begin[i] = rows ? i + rowsOffset(frame.start) : 0; break;
    }
    switch (frame.end.kind) {
      case K::UnboundedPreceding: end[i] = 0; break;
      case K::UnboundedFollowing: end[i] = n; break;
      case K::CurrentRow: end[i] = rows ? i + 1 : peer_end[i]; break;
      default: end[i] = rows ? i + rowsOffset(frame.end) + 1 : 0; break;
    }
  }
  if (!rows && frameNeedsRangeKey(frame) && key) rangeValueBounds(frame, *key, s, n, peer_begin, peer_end, begin, end);
  for (int64_t i = 0; i < n; ++i) {
    begin[i] = std::clamp<int64_t>(begin[i], 0, n);
    end[i] = std::clamp<int64_t>(end[i], 0, n);
  }
}

}  // namespace loch

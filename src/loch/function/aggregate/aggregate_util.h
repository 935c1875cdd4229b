#pragma once
// Building blocks shared by the aggregate function families: state
// construction, type dispatch, and tight loops over the valid rows of an
// argument vector of any encoding.

#include <cmath>
#include <cstring>
#include <memory>
#include <new>
#include <string>
#include <string_view>
#include <type_traits>

#include "loch/common/exception.h"
#include "loch/function/aggregate/aggregate_functions.h"
#include "loch/function/function_registry.h"
#include "loch/types/decimal.h"
#include "loch/vector/decoded_vector.h"
#include "loch/vector/vector_builder.h"

namespace loch::agg {

template <class S>
inline S& stateAs(uint8_t* p) {
  return *reinterpret_cast<S*>(p);
}
template <class S>
inline const S& stateAs(const uint8_t* p) {
  return *reinterpret_cast<const S*>(p);
}

/// Fills size, alignment, init and destroy of `f` for a state type.
template <class State>
void setStateOps(BoundAggregateFunction& f) {
  f.state_size = sizeof(State);
  f.state_align = alignof(State);
  f.init = [](uint8_t* s) { ::new (static_cast<void*>(s)) State(); };
  if constexpr (std::is_trivially_destructible_v<State>) {
    f.destroy = nullptr;
  } else {
    f.destroy = [](uint8_t* s) { reinterpret_cast<State*>(s)->~State(); };
  }
}

/// @throws AnalysisException WRONG_NUM_ARGS naming the function.
[[noreturn]] void throwWrongNumArgs(const std::string& name, const std::string& expected, size_t actual);
/// @throws AnalysisException DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE naming
///         the function, the argument position (1-based) and its type.
[[noreturn]] void throwBadInputType(const std::string& name, size_t arg_index, const DataType& type,
                                    const std::string& required);
/// Registers `name` with a binder that goes through bindAggregateFunction.
void addAggregateByName(FunctionRegistry& registry, const std::string& name, const std::string& usage);
/// Checks the argument count is in [min_args, max_args].
void checkArgCount(const AggregateCall& call, size_t min_args, size_t max_args);

/// Physical C++ type of a fixed-width Spark type: calls
/// fn.template operator()<T>() and returns its result.
template <class Fn>
decltype(auto) dispatchFixed(TypeId id, Fn&& fn) {
  switch (id) {
    case TypeId::Boolean: return fn.template operator()<uint8_t>();
    case TypeId::Byte: return fn.template operator()<int8_t>();
    case TypeId::Short: return fn.template operator()<int16_t>();
    case TypeId::Integer:
    case TypeId::Date:
    case TypeId::YearMonthInterval: return fn.template operator()<int32_t>();
    case TypeId::Long:
    case TypeId::Timestamp:
    case TypeId::TimestampNTZ:
    case TypeId::DayTimeInterval: return fn.template operator()<int64_t>();
    case TypeId::Float: return fn.template operator()<float>();
    case TypeId::Double: return fn.template operator()<double>();
    case TypeId::Decimal: return fn.template operator()<int128_t>();
    default: throw InternalException("dispatchFixed: not a fixed-width type");
  }
}

/// Row i of a decoded vector as T (std::string_view for string/binary).
template <class T>
inline T readAt(const DecodedVector& d, int64_t i) {
  if constexpr (std::is_same_v<T, std::string_view>) {
    return d.stringAt(i);
  } else {
    return d.valueAt<T>(i);
  }
}

/// Calls fn(row, value) for every non-NULL row in [0, n) of `v` (any
/// encoding), with fast paths for flat and constant inputs.
template <class T, class Fn>
void forEachValid(const Vector& v, int64_t n, Fn&& fn) {
  if (v.typeId() == TypeId::Null) return;
  DecodedVector d(v);
  if (d.isConstant()) {
    if (d.isNull(0)) return;
    T c = readAt<T>(d, 0);
    for (int64_t i = 0; i < n; ++i) fn(i, c);
    return;
  }
  if constexpr (!std::is_same_v<T, std::string_view>) {
    if (d.isIdentity()) {
      const T* vals = v.values<T>();
      const uint8_t* valid = v.validity();
      if (!valid) {
        for (int64_t i = 0; i < n; ++i) fn(i, vals[i]);
      } else {
        for (int64_t i = 0; i < n; ++i)
          if (bits::get(valid, i)) fn(i, vals[i]);
      }
      return;
    }
    if (v.isDictionary() && !d.mayHaveNulls()) {
      // Dictionary vectors (Parquet strings and functions of them): index loads only.
      const int32_t* idx = v.indices();
      const T* vals = v.dictionary()->values<T>();
      for (int64_t i = 0; i < n; ++i) fn(i, vals[idx[i]]);
      return;
    }
  }
  if (!d.mayHaveNulls()) {
    for (int64_t i = 0; i < n; ++i) fn(i, readAt<T>(d, i));
  } else {
    for (int64_t i = 0; i < n; ++i)
      if (!d.isNull(i)) fn(i, readAt<T>(d, i));
  }
}

/// forEachValid for numeric vectors of any physical type, read as double
/// (avg, variance and double sums accept every numeric argument directly).
/// @throws InternalException for non-numeric vectors.
template <class Fn>
void forEachValidAsDouble(const Vector& v, int64_t n, Fn&& fn) {
  if (v.typeId() == TypeId::Null) return;
  if (v.typeId() == TypeId::Double) return forEachValid<double>(v, n, fn);
  if (v.typeId() == TypeId::Decimal) {
    int scale = v.type()->scale();
    return forEachValid<int128_t>(v, n, [&](int64_t i, int128_t x) { fn(i, decimalToDouble(x, scale)); });
  }
  if (!v.type()->isNumeric()) throw InternalException("expected a numeric argument, got " + v.type()->sql());
  dispatchFixed(v.typeId(), [&]<class T>() {
    if constexpr (!std::is_same_v<T, int128_t>) {
      forEachValid<T>(v, n, [&](int64_t i, T x) { fn(i, static_cast<double>(x)); });
    }
  });
}

/// Spark's ordering of values of one type: NaN is larger than any other
/// double/float and equal to itself; strings compare as unsigned bytes.
template <class T>
inline bool orderLess(const T& a, const T& b) {
  if constexpr (std::is_floating_point_v<T>) {
    if (std::isnan(a)) return false;
    if (std::isnan(b)) return true;
    return a < b;
  } else {
    return a < b;
  }
}

/// How a value of a type is held outside a vector.
enum class SlotKind : uint8_t { Null, Fixed, String, Nested };
SlotKind slotKindOf(const DataType& type);

/// One value of any type owned by an aggregate state (first/last/max_by...).
struct ValueSlot {
  bool is_null = true;
  alignas(16) unsigned char fixed[16] = {};
  std::string bytes;
  std::unique_ptr<Value> nested;

  /// Copies row i of `d` (decoded from a vector of `kind`, element width
  /// `width` bytes for Fixed).
  void assign(const DecodedVector& d, int64_t i, SlotKind kind, int width);
  void assign(const ValueSlot& other, SlotKind kind, int width);
};

/// Appends the fixed-width value at `bits` (the physical layout of `id`).
void appendFixedBits(VectorBuilder& b, TypeId id, const void* bits);

/// Flat vector of `type` with row i = *slots[i] (nullptr or is_null -> NULL).
VectorPtr slotsToVector(const DataTypePtr& type, const ValueSlot* const* slots, int64_t n);

/// Float/double normalisation for grouping/distinct: -0.0 -> 0.0, all NaNs
/// -> one NaN (Spark's NormalizeFloatingNumbers).
template <class T>
inline T normalizeFloat(T v) {
  if constexpr (std::is_floating_point_v<T>) {
    if (v == 0) return 0;
    if (std::isnan(v)) return std::numeric_limits<T>::quiet_NaN();
  }
  return v;
}

}  // namespace loch::agg

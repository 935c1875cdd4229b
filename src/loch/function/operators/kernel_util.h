#pragma once
// Building blocks of the operator kernels: type dispatch over the physical
// representation, validity merging, and templated unary/binary loops with
// fast paths for flat, constant and NULL-free inputs. Every loop touches raw
// arrays; NULL rows are never passed to an operation (their slots may hold
// garbage that must not raise an error).

#include <cstdint>
#include <cstring>
#include <string>
#include <vector>

#include "loch/common/exception.h"
#include "loch/function/eval_context.h"
#include "loch/vector/decoded_vector.h"
#include "loch/vector/vector.h"
#include "loch/vector/vector_builder.h"

namespace loch::kernel {

/// Calls fn(T{}) with the C++ type holding one value of fixed-width type
/// `id` (see data_type.h). @throws InternalException for other types.
template <class Fn>
decltype(auto) dispatchFixed(TypeId id, Fn&& fn) {
  switch (id) {
    case TypeId::Boolean:
      return fn(uint8_t{});
    case TypeId::Byte:
      return fn(int8_t{});
    case TypeId::Short:
      return fn(int16_t{});
    case TypeId::Integer:
    case TypeId::Date:
    case TypeId::YearMonthInterval:
      return fn(int32_t{});
    case TypeId::Long:
    case TypeId::Timestamp:
    case TypeId::TimestampNTZ:
    case TypeId::DayTimeInterval:
      return fn(int64_t{});
    case TypeId::Float:
      return fn(float{});
    case TypeId::Double:
      return fn(double{});
    case TypeId::Decimal:
      return fn(int128_t{});
    default:
      throw InternalException("kernel dispatch on non fixed-width type");
  }
}

/// True when the type's values live in a fixed-width values buffer.
inline bool isFixedWidth(TypeId id) {
  switch (id) {
    case TypeId::Null:
    case TypeId::String:
    case TypeId::Binary:
    case TypeId::Array:
    case TypeId::Map:
    case TypeId::Struct:
      return false;
    default:
      return true;
  }
}

/// ANDs the validity of `d` into bitmap `valid` (n rows, initially
/// all-valid or partly cleared). Word-wise for flat inputs.
inline void andValidity(const DecodedVector& d, uint8_t* valid, int64_t n) {
  if (!d.mayHaveNulls() || n == 0) return;
  if (d.isIdentity() && d.base().validity()) {
    const uint8_t* src = d.base().validity();
    size_t bytes = bits::bytesFor(n);
    size_t i = 0;
    for (; i + 8 <= bytes; i += 8) {
      uint64_t a, b;
      std::memcpy(&a, valid + i, 8);
      std::memcpy(&b, src + i, 8);
      a &= b;
      std::memcpy(valid + i, &a, 8);
    }
    for (; i < bytes; ++i) valid[i] &= src[i];
    return;
  }
  if (d.isConstant()) {
    if (d.isNull(0)) std::memset(valid, 0, bits::bytesFor(n));
    return;
  }
  for (int64_t i = 0; i < n; ++i)
    if (d.isNull(i)) bits::clear(valid, i);
}

/// Number of valid rows in bitmap `valid` of n rows.
inline int64_t countValid(const uint8_t* valid, int64_t n) {
  int64_t c = 0;
  for (int64_t i = 0; i < n; ++i) c += bits::get(valid, i);
  return c;
}

/// A constant vector of n rows holding row 0 of `one_row`.
inline VectorPtr wrapConstant(const VectorPtr& one_row, int64_t n) {
  return Vector::makeConstant(one_row->getValue(0), n);
}

/// Result of a unary fixed-width operation: out = op(in) for valid rows.
/// `op(A x, R& out) -> bool` returns false to make the row NULL.
template <class A, class R, class Op>
VectorPtr unaryFixed(const Vector& a, int64_t n, const DataTypePtr& rt, Op&& op) {
  if (a.isConstant() && n > 0) {
    return wrapConstant(unaryFixed<A, R>(*a.dictionary(), 1, rt, op), n);
  }
  DecodedVector da(a);
  auto out = Vector::makeFlat(rt, n);
  R* o = out->template mutableValues<R>();
  const A* av = da.base().template values<A>();
  if (!da.mayHaveNulls()) {
    if (da.isIdentity()) {
      for (int64_t i = 0; i < n; ++i)
        if (!op(av[i], o[i])) out->setNull(i);
    } else {
      for (int64_t i = 0; i < n; ++i)
        if (!op(av[da.index(i)], o[i])) out->setNull(i);
    }
    return out;
  }
  uint8_t* valid = out->mutableValidity();
  andValidity(da, valid, n);
  for (int64_t i = 0; i < n; ++i) {
    if (bits::get(valid, i) && !op(av[da.index(i)], o[i])) bits::clear(valid, i);
  }
  return out;
}

/// Result of a binary fixed-width operation: out = op(a, b) for rows where
/// both are valid. `op(A x, B y, R& out) -> bool` returns false for NULL.
/// Specialised for flat⊗flat, flat⊗constant and constant⊗flat inputs.
template <class A, class B, class R, class Op>
VectorPtr binaryFixed(const Vector& a, const Vector& b, int64_t n, const DataTypePtr& rt, Op&& op) {
  if (a.isConstant() && b.isConstant() && n > 0) {
    return wrapConstant(binaryFixed<A, B, R>(*a.dictionary(), *b.dictionary(), 1, rt, op), n);
  }
  DecodedVector da(a), db(b);
  auto out = Vector::makeFlat(rt, n);
  R* o = out->template mutableValues<R>();
  const A* av = da.base().template values<A>();
  const B* bv = db.base().template values<B>();
  if (!da.mayHaveNulls() && !db.mayHaveNulls()) {
    if (da.isIdentity() && db.isIdentity()) {
      for (int64_t i = 0; i < n; ++i)
        if (!op(av[i], bv[i], o[i])) out->setNull(i);
    } else if (da.isIdentity() && db.isConstant()) {
      const B c = bv[0];
      for (int64_t i = 0; i < n; ++i)
        if (!op(av[i], c, o[i])) out->setNull(i);
    } else if (da.isConstant() && db.isIdentity()) {
      const A c = av[0];
      for (int64_t i = 0; i < n; ++i)
        if (!op(c, bv[i], o[i])) out->setNull(i);
    } else {
      for (int64_t i = 0; i < n; ++i)
        if (!op(av[da.index(i)], bv[db.index(i)], o[i])) out->setNull(i);
    }
    return out;
  }
  uint8_t* valid = out->mutableValidity();
  andValidity(da, valid, n);
  andValidity(db, valid, n);
  for (int64_t i = 0; i < n; ++i) {
    if (bits::get(valid, i) && !op(av[da.index(i)], bv[db.index(i)], o[i])) bits::clear(valid, i);
  }
  return out;
}

/// Binary operation over string/binary inputs producing a fixed-width
/// result: `op(string_view, string_view, R&) -> bool`.
template <class R, class Op>
VectorPtr binaryStringToFixed(const Vector& a, const Vector& b, int64_t n, const DataTypePtr& rt, Op&& op) {
  if (a.isConstant() && b.isConstant() && n > 0) {
    return wrapConstant(binaryStringToFixed<R>(*a.dictionary(), *b.dictionary(), 1, rt, op), n);
  }
  DecodedVector da(a), db(b);
  auto out = Vector::makeFlat(rt, n);
  R* o = out->template mutableValues<R>();
  if (!da.mayHaveNulls() && !db.mayHaveNulls()) {
    for (int64_t i = 0; i < n; ++i)
      if (!op(da.stringAt(i), db.stringAt(i), o[i])) out->setNull(i);
    return out;
  }
  uint8_t* valid = out->mutableValidity();
  andValidity(da, valid, n);
  andValidity(db, valid, n);
  for (int64_t i = 0; i < n; ++i)
    if (bits::get(valid, i) && !op(da.stringAt(i), db.stringAt(i), o[i])) bits::clear(valid, i);
  return out;
}

/// The Spark SQL literal text of a value as error messages show it
/// (Spark's toSQLValue): 'abc', 128, 128L, 1.0E10D, 1.5BD, DATE '2024-01-01'.
std::string sqlValue(const Value& v);

/// "\"INT\"": a type as error messages quote it (Spark's toSQLType).
inline std::string sqlType(const DataType& t) { return "\"" + t.sql() + "\""; }

}  // namespace loch::kernel

#pragma once
// VectorBuilder appends rows one at a time into a flat vector, growing its
// buffers geometrically. Used for strings, nested types and results of
// unknown size; fixed-width kernels write buffers directly instead.

#include <cstdint>
#include <memory>
#include <string_view>
#include <vector>

#include "loch/vector/vector.h"

namespace loch {

class VectorBuilder {
 public:
  /// @param capacity expected row count (a hint).
  explicit VectorBuilder(DataTypePtr type, int64_t capacity = 0);

  const DataTypePtr& type() const { return type_; }
  int64_t size() const { return size_; }

  void appendNull();
  void appendBool(bool v);
  /// Integral, date, timestamp and interval types (narrowed to the type's width).
  void appendInt(int64_t v);
  /// Float and double.
  void appendDouble(double v);
  void appendDecimal(int128_t unscaled);
  /// String and binary.
  void appendString(std::string_view v);
  /// Any type, including nested; the Value's type must match.
  void appendValue(const Value& v);
  /// Copies row `row` of `src` (any encoding, same type).
  void appendFrom(const Vector& src, int64_t row);

  /// Array/map: builder of the elements (array) or of the struct<key,value>
  /// entries (map). Append the elements, then call finishList().
  VectorBuilder& elements();
  /// Closes one array/map row holding everything appended to elements()
  /// since the previous row.
  void finishList();
  /// Struct: builder of field i. Append one value to every field, then
  /// call finishStruct().
  VectorBuilder& field(size_t i);
  void finishStruct();

  /// The finished flat vector; the builder is empty afterwards.
  VectorPtr finish();

 private:
  void growTo(int64_t rows);
  void markValid();

  DataTypePtr type_;
  VectorPtr vector_;
  int64_t size_ = 0;
  int64_t capacity_ = 0;
  int width_ = 0;
  std::vector<std::unique_ptr<VectorBuilder>> children_;
};

}  // namespace loch

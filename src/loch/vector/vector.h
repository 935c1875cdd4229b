#pragma once
// Vector: one column of a batch, in the Arrow columnar layout.
//
// Encodings (after Velox and DuckDB):
//   Flat        values laid out row by row:
//                 fixed-width types  values buffer of size() * fixedWidth() bytes
//                 string / binary    (size()+1) int32 offsets + data buffer of bytes
//                 array              (size()+1) int32 offsets + child(0) = elements
//                 map                (size()+1) int32 offsets + child(0) = struct<key,value>
//                 struct             one child per field, each of size()
//   Dictionary  int32 indices (size()) into a flat dictionary vector; nulls
//               come from the indices' own validity or the dictionary entry.
//   Constant    size() copies of row 0 of a one-row flat vector.
// Validity is an Arrow bitmap (bit set = valid); no bitmap means no nulls.
//
// Kernels read any encoding through DecodedVector (decoded_vector.h) and
// write flat vectors, via direct buffer access (fixed width) or
// VectorBuilder (strings, nested).

#include <cstdint>
#include <memory>
#include <string_view>
#include <vector>

#include "loch/types/data_type.h"
#include "loch/types/value.h"
#include "loch/vector/buffer.h"

namespace loch {

class Vector;
using VectorPtr = std::shared_ptr<Vector>;

enum class VectorEncoding : uint8_t { Flat, Dictionary, Constant };

class Vector : public std::enable_shared_from_this<Vector> {
 public:
  /// A flat vector of `size` rows, all valid, values zero (strings empty,
  /// arrays/maps empty, struct children allocated recursively).
  static VectorPtr makeFlat(DataTypePtr type, int64_t size);
  /// `size` rows all equal to `value` (which may be NULL).
  static VectorPtr makeConstant(const Value& value, int64_t size);
  /// `size` NULL rows of `type`.
  static VectorPtr makeNull(DataTypePtr type, int64_t size);
  /// Dictionary encoding: row i is dictionary[indices[i]], NULL where
  /// `validity` (optional bitmap) says so. `dictionary` is flattened if needed.
  static VectorPtr makeDictionary(VectorPtr dictionary, BufferPtr indices, int64_t size,
                                  BufferPtr validity = nullptr);
  /// A flat vector from values (slow; for tests, literals, small results).
  static VectorPtr fromValues(DataTypePtr type, const std::vector<Value>& values);

  const DataTypePtr& type() const { return type_; }
  TypeId typeId() const { return type_->id(); }
  int64_t size() const { return size_; }
  VectorEncoding encoding() const { return encoding_; }
  bool isFlat() const { return encoding_ == VectorEncoding::Flat; }
  bool isConstant() const { return encoding_ == VectorEncoding::Constant; }
  bool isDictionary() const { return encoding_ == VectorEncoding::Dictionary; }

  // ---- nulls (any encoding) -------------------------------------------
  bool isNull(int64_t row) const;
  /// False when the vector certainly has no NULL.
  bool mayHaveNulls() const;
  int64_t nullCount() const;

  // ---- flat access -------------------------------------------------------
  /// Validity bitmap, or nullptr when all rows are valid (flat and dictionary).
  const uint8_t* validity() const { return validity_ ? validity_->data() : nullptr; }
  /// Validity bitmap for writing; created all-valid on first use.
  uint8_t* mutableValidity();
  /// Marks row `row` NULL or valid (flat and dictionary).
  void setNull(int64_t row, bool is_null = true);
  const BufferPtr& validityBuffer() const { return validity_; }
  void setValidityBuffer(BufferPtr validity) { validity_ = std::move(validity); }

  template <class T>
  const T* values() const {
    return values_->as<T>();
  }
  template <class T>
  T* mutableValues() {
    return values_->as<T>();
  }
  const BufferPtr& valuesBuffer() const { return values_; }
  void setValuesBuffer(BufferPtr values) { values_ = std::move(values); }

  /// int32 offsets of string, binary, array and map vectors (size()+1 entries).
  const int32_t* offsets() const { return values_->as<int32_t>(); }
  int32_t* mutableOffsets() { return values_->as<int32_t>(); }
  /// Bytes of a string/binary vector.
  const char* stringData() const { return data_ ? reinterpret_cast<const char*>(data_->data()) : ""; }
  const BufferPtr& dataBuffer() const { return data_; }
  void setDataBuffer(BufferPtr data) { data_ = std::move(data); }
  /// Row `row` of a flat string/binary vector.
  std::string_view stringAt(int64_t row) const {
    const int32_t* o = offsets();
    return {stringData() + o[row], static_cast<size_t>(o[row + 1] - o[row])};
  }

  /// Children: struct fields; array elements (child 0); map entries (child 0,
  /// a struct<key,value>).
  const VectorPtr& child(size_t i) const { return children_[i]; }
  std::vector<VectorPtr>& children() { return children_; }
  const std::vector<VectorPtr>& children() const { return children_; }

  // ---- dictionary / constant -------------------------------------------
  /// Dictionary: the flat dictionary. Constant: the one-row flat vector.
  const VectorPtr& dictionary() const { return dictionary_; }
  /// Dictionary indices (size() entries).
  const int32_t* indices() const { return values_->as<int32_t>(); }

  // ---- whole-vector operations -----------------------------------------
  /// Row `row` as a Value (slow path: show, collect, tests).
  Value getValue(int64_t row) const;
  /// This vector if flat; otherwise a flat copy.
  VectorPtr flatten() const;
  /// Approximate bytes held (for memory accounting).
  int64_t memoryBytes() const;
  /// Changes the row count of a flat vector, keeping rows [0, min(old,new));
  /// new rows are valid zeros / empty. Used by builders.
  void resizeFlat(int64_t new_size);

  Vector(DataTypePtr type, VectorEncoding encoding, int64_t size)
      : type_(std::move(type)), encoding_(encoding), size_(size) {}

 private:
  DataTypePtr type_;
  VectorEncoding encoding_;
  int64_t size_;
  BufferPtr validity_;
  BufferPtr values_;
  BufferPtr data_;
  std::vector<VectorPtr> children_;
  VectorPtr dictionary_;
};

}  // namespace loch

#pragma once
// DecodedVector gives kernels one way to read any encoding: row i of the
// input is row index(i) of a flat base vector (after Velox's DecodedVector
// and DuckDB's UnifiedVectorFormat). Flat inputs cost nothing; constant and
// dictionary inputs are read without materialising them.

#include <cstdint>
#include <string_view>

#include "loch/vector/vector.h"

namespace loch {

class DecodedVector {
 public:
  explicit DecodedVector(const Vector& v) { decode(v); }
  DecodedVector() = default;

  void decode(const Vector& v) {
    size_ = v.size();
    switch (v.encoding()) {
      case VectorEncoding::Flat:
        base_ = &v;
        indices_ = nullptr;
        constant_ = false;
        outer_validity_ = nullptr;
        break;
      case VectorEncoding::Constant:
        base_ = v.dictionary().get();
        indices_ = nullptr;
        constant_ = true;
        outer_validity_ = nullptr;
        break;
      case VectorEncoding::Dictionary:
        base_ = v.dictionary().get();
        indices_ = v.indices();
        constant_ = false;
        outer_validity_ = v.validity();
        break;
    }
    base_validity_ = base_->validity();
  }

  /// Row of base() that input row i maps to.
  int64_t index(int64_t i) const { return constant_ ? 0 : (indices_ ? indices_[i] : i); }
  bool isNull(int64_t i) const {
    if (outer_validity_ && !bits::get(outer_validity_, i)) return true;
    return base_validity_ && !bits::get(base_validity_, index(i));
  }
  bool mayHaveNulls() const { return outer_validity_ || base_validity_; }
  /// The flat vector holding the values.
  const Vector& base() const { return *base_; }
  bool isConstant() const { return constant_; }
  /// True when index(i) == i (a flat input).
  bool isIdentity() const { return !constant_ && !indices_; }
  int64_t size() const { return size_; }

  template <class T>
  T valueAt(int64_t i) const {
    return base_->values<T>()[index(i)];
  }
  std::string_view stringAt(int64_t i) const { return base_->stringAt(index(i)); }

 private:
  const Vector* base_ = nullptr;
  const int32_t* indices_ = nullptr;
  const uint8_t* base_validity_ = nullptr;
  const uint8_t* outer_validity_ = nullptr;
  bool constant_ = false;
  int64_t size_ = 0;
};

}  // namespace loch

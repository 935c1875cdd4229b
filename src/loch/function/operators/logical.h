#pragma once
// SQL three-valued logic on BOOLEAN vectors, shared by the AND/OR
// operators, IN and the lazily evaluated AND/OR of physical expressions.

#include "loch/vector/vector.h"

namespace loch {

/// a AND b: false if either is false, else NULL if either is NULL, else true.
VectorPtr logicalAnd(const Vector& a, const Vector& b, int64_t n);
/// a OR b: true if either is true, else NULL if either is NULL, else false.
VectorPtr logicalOr(const Vector& a, const Vector& b, int64_t n);

}  // namespace loch

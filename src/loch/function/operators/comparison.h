#pragma once
// Comparison kernels shared by the comparison operators, IN, NULLIF and
// CASE: Spark's ordering (strings by UTF-8 bytes; NaN equal to NaN and
// greater than any other value; -0.0 equal to 0.0).

#include "loch/types/value.h"
#include "loch/vector/vector.h"

namespace loch {

enum class CmpOp { Eq, Ne, Lt, Le, Gt, Ge };

/// BOOLEAN vector of `a op b` for n rows; NULL where either side is NULL.
/// Both inputs have the same type (any, including nested), any encoding.
VectorPtr compareVectors(CmpOp op, const Vector& a, const Vector& b, int64_t n);

/// BOOLEAN vector of `a <=> b` (NULL-safe equality; never NULL).
VectorPtr nullSafeEquals(const Vector& a, const Vector& b, int64_t n);

/// -1/0/1 comparison of two non-NULL values of one type, Spark's ordering;
/// NULL elements inside arrays/structs sort first.
int compareValues(const Value& a, const Value& b);

}  // namespace loch

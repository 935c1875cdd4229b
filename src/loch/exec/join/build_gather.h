#pragma once
// Gathering build-side rows for join output. Build rows are read in hash
// order, i.e. at random, so each access is a cache miss; these copies
// prefetch a few rows ahead (the plain gather of vector_ops.h does not).

#include <cstdint>

#include "loch/vector/vector.h"

namespace loch {

/// Like gather(src, rows, n) (vector_ops.h): row i is src[rows[i]], NULL
/// where rows[i] < 0. Fast paths for flat fixed-width and string vectors;
/// other inputs go to gather().
VectorPtr gatherBuildRows(const Vector& src, const int32_t* rows, int64_t n);

}  // namespace loch

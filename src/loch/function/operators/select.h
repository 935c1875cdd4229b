#pragma once
// Row-wise selection among several vectors: the result row i is row
// rows[i] of sources[which[i]] (which[i] == kSelectNull gives NULL). Used by
// IF/COALESCE/NVL2/NULLIF kernels and by the lazy CASE/IF/COALESCE of
// physical expressions to scatter per-subset results back.

#include <cstdint>
#include <vector>

#include "loch/vector/vector.h"

namespace loch {

constexpr uint8_t kSelectNull = 0xff;

/// @param rows nullptr means rows[i] == i.
/// Sources share `type` and may have any encoding.
VectorPtr selectRows(const DataTypePtr& type, int64_t n, const std::vector<const Vector*>& sources,
                     const uint8_t* which, const int32_t* rows);

}  // namespace loch

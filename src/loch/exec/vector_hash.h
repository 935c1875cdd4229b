#pragma once
// Hashing and equality of key columns, shared by hash aggregation, hash
// joins and distinct. Hashes are 64-bit (xxHash's XXH3 for bytes, a
// multiply-xorshift finaliser for fixed-width values); NULL hashes to a
// fixed value. Floating-point keys are normalised first, so -0.0 == 0.0
// and all NaNs are equal, as Spark's grouping requires.

#include <cstdint>
#include <vector>

#include "loch/vector/vector.h"

namespace loch {

/// Hash of rows [0, n) of `keys` (all of n rows, any encoding) into out[i];
/// with several columns the hashes are combined in order.
void hashColumns(const std::vector<VectorPtr>& keys, int64_t n, uint64_t* out);

/// Combines `v`'s row hashes into out[i] (out must be initialised).
void hashColumnInto(const Vector& v, int64_t n, uint64_t* out, bool first);

/// Hash of one value for single-row probes.
inline uint64_t hashInt64(uint64_t v) {
  // Finaliser of MurmurHash3/SplitMix64: full avalanche on 64 bits.
  v ^= v >> 33;
  v *= 0xff51afd7ed558ccdULL;
  v ^= v >> 33;
  v *= 0xc4ceb9fe1a85ec53ULL;
  v ^= v >> 33;
  return v;
}
uint64_t hashBytes(const void* data, size_t len);
constexpr uint64_t kNullHash = 0x9E3779B97F4A7C15ULL;

/// True when row `a_row` of `a` equals row `b_row` of `b` as grouping keys:
/// NULL equals NULL, NaN equals NaN, -0.0 equals 0.0. Same types required.
bool keysEqual(const Vector& a, int64_t a_row, const Vector& b, int64_t b_row);

}  // namespace loch

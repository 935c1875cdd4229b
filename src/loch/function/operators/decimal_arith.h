#pragma once
// Exact decimal arithmetic on unscaled 128-bit values with results rounded
// HALF_UP to the result scale (Spark's Decimal arithmetic, which works on
// java.math.BigDecimal and then changes precision). Intermediates that do
// not fit 128 bits are computed in 256 bits.

#include "loch/types/data_type.h"

namespace loch::decimal_arith {

/// a (scale s1) + b (scale s2) at result scale s; false if the result does
/// not fit `p` digits.
bool add(int128_t a, int s1, int128_t b, int s2, int p, int s, int128_t& out);
/// a * b at result scale s (<= s1 + s2).
bool multiply(int128_t a, int s1, int128_t b, int s2, int p, int s, int128_t& out);
/// a / b at result scale s; b must not be 0.
bool divide(int128_t a, int s1, int128_t b, int s2, int p, int s, int128_t& out);
/// a % b (sign of a) at result scale s; b must not be 0.
bool remainder(int128_t a, int s1, int128_t b, int s2, int p, int s, int128_t& out);
/// Integral part of a / b (Spark's `div` on decimals); false if it does not
/// fit a long. b must not be 0.
bool integralDivide(int128_t a, int s1, int128_t b, int s2, int64_t& out);

}  // namespace loch::decimal_arith

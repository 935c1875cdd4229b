#pragma once
// Decimal arithmetic helpers on 128-bit unscaled values. A DECIMAL(p,s) value
// v is stored as the integer v * 10^s; p <= 38 digits fit in __int128.
// Rounding is HALF_UP, Spark's rounding for decimal casts and arithmetic.

#include <optional>
#include <string>
#include <string_view>

#include "loch/types/data_type.h"

namespace loch {

/// 10^n for n in [0, 38].
int128_t pow10i128(int n);

/// True when |v| < 10^precision.
bool decimalFits(int128_t v, int precision);

/// "123.45" for (12345, 2); "-0.05" for (-5, 2); no exponent.
std::string decimalToString(int128_t unscaled, int scale);

/// Parses a decimal literal ("12.5", "-3", "1e3", " 7 ") into an unscaled value
/// at `scale`, rounding HALF_UP. Returns nullopt if the text is not a number or
/// the value does not fit `precision` digits.
std::optional<int128_t> parseDecimal(std::string_view text, int precision, int scale);

/// Changes the scale of an unscaled value, rounding HALF_UP when it shrinks.
/// Returns nullopt when the result overflows 38 digits.
std::optional<int128_t> rescaleDecimal(int128_t unscaled, int from_scale, int to_scale);

/// Nearest double of the decimal value.
double decimalToDouble(int128_t unscaled, int scale);

/// Decimal from a double, HALF_UP at `scale`; nullopt when NaN/Inf or it
/// does not fit `precision`.
std::optional<int128_t> decimalFromDouble(double v, int precision, int scale);

/// Decimal string of a 128-bit integer.
std::string int128ToString(int128_t v);

}  // namespace loch

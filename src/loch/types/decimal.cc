#include "loch/types/decimal.h"

#include <array>
#include <cctype>
#include <charconv>
#include <cmath>
#include <cstdio>

namespace loch {

int128_t pow10i128(int n) {
  static const auto table = [] {
    std::array<int128_t, 39> t{};
    t[0] = 1;
    for (int i = 1; i < 39; ++i) t[i] = t[i - 1] * 10;
    return t;
  }();
  return table[n < 0 ? 0 : (n > 38 ? 38 : n)];
}

bool decimalFits(int128_t v, int precision) {
  int128_t bound = pow10i128(precision);
  return v < bound && v > -bound;
}

std::string int128ToString(int128_t v) {
  if (v == 0) return "0";
  bool neg = v < 0;
  // Work on the unsigned magnitude so that the minimum value is safe.
  unsigned __int128 u = neg ? -static_cast<unsigned __int128>(v) : static_cast<unsigned __int128>(v);
  std::string s;
  while (u > 0) {
    s.push_back(static_cast<char>('0' + static_cast<int>(u % 10)));
    u /= 10;
  }
  if (neg) s.push_back('-');
  return std::string(s.rbegin(), s.rend());
}

std::string decimalToString(int128_t unscaled, int scale) {
  std::string digits = int128ToString(unscaled < 0 ? -unscaled : unscaled);
  if (scale > 0) {
    if (static_cast<int>(digits.size()) <= scale) {
      digits = std::string(scale - digits.size() + 1, '0') + digits;
    }
    digits.insert(digits.size() - scale, ".");
  }
  return unscaled < 0 ? "-" + digits : digits;
}

std::optional<int128_t> rescaleDecimal(int128_t v, int from_scale, int to_scale) {
  if (to_scale == from_scale) return v;
  if (to_scale > from_scale) {
    int diff = to_scale - from_scale;
    if (diff > 38) return std::nullopt;
    int128_t m = pow10i128(diff);
    int128_t limit = pow10i128(38) / m;
    if (v >= limit || v <= -limit) return std::nullopt;
    return v * m;
  }
  int diff = from_scale - to_scale;
  if (diff > 38) return 0;
  int128_t d = pow10i128(diff);
  int128_t q = v / d;
  int128_t r = v % d;
  // HALF_UP: away from zero when the dropped part is at least one half.
  if (r < 0) r = -r;
  if (r * 2 >= d) q += (v < 0 ? -1 : 1);
  return q;
}

std::optional<int128_t> parseDecimal(std::string_view text, int precision, int scale) {
  size_t i = 0, n = text.size();
  while (i < n && std::isspace(static_cast<unsigned char>(text[i]))) ++i;
  while (n > i && std::isspace(static_cast<unsigned char>(text[n - 1]))) --n;
  bool neg = false;
  if (i < n && (text[i] == '+' || text[i] == '-')) {
    neg = text[i] == '-';
    ++i;
  }
  int128_t mantissa = 0;
  int digits = 0, frac_digits = 0;
  bool seen_point = false, any_digit = false;
  int dropped_first = -1;  // first digit beyond 38 significant digits, for rounding
  int extra_int_digits = 0;
  for (; i < n; ++i) {
    char c = text[i];
    if (c == '.') {
      if (seen_point) return std::nullopt;
      seen_point = true;
      continue;
    }
    if (c == 'e' || c == 'E') break;
    if (!std::isdigit(static_cast<unsigned char>(c))) return std::nullopt;
    any_digit = true;
    if (digits >= 38) {
      if (dropped_first < 0) dropped_first = c - '0';
      if (!seen_point) ++extra_int_digits;
      continue;
    }
    if (mantissa == 0 && c == '0' && !seen_point) continue;  // leading zeros
    mantissa = mantissa * 10 + (c - '0');
    if (mantissa != 0) ++digits;
    if (seen_point) ++frac_digits;
  }
  if (!any_digit) return std::nullopt;
  int exponent = 0;
  if (i < n) {  // exponent part
    ++i;
    bool eneg = false;
    if (i < n && (text[i] == '+' || text[i] == '-')) {
      eneg = text[i] == '-';
      ++i;
    }
    if (i >= n) return std::nullopt;
    for (; i < n; ++i) {
      if (!std::isdigit(static_cast<unsigned char>(text[i]))) return std::nullopt;
      exponent = exponent * 10 + (text[i] - '0');
      if (exponent > 1000) return std::nullopt;
    }
    if (eneg) exponent = -exponent;
  }
  if (extra_int_digits > 0) return std::nullopt;
  if (dropped_first >= 5) ++mantissa;
  int value_scale = frac_digits - exponent;
  std::optional<int128_t> r;
  if (value_scale < 0) {
    r = rescaleDecimal(mantissa, 0, -value_scale);
  } else {
    r = rescaleDecimal(mantissa, value_scale, scale);
    if (r) return decimalFits(*r, precision) ? std::optional<int128_t>(neg ? -*r : *r) : std::nullopt;
    return std::nullopt;
  }
  if (!r) return std::nullopt;
  r = rescaleDecimal(*r, 0, scale);
  if (!r || !decimalFits(*r, precision)) return std::nullopt;
  return neg ? -*r : *r;
}

double decimalToDouble(int128_t unscaled, int scale) {
  return static_cast<double>(unscaled) / std::pow(10.0, scale);
}

std::optional<int128_t> decimalFromDouble(double v, int precision, int scale) {
  if (!std::isfinite(v)) return std::nullopt;
  // Go through the shortest decimal text of the double so 0.1 stays 0.1.
  char buf[64];
  auto res = std::to_chars(buf, buf + sizeof(buf), v);
  auto r = parseDecimal(std::string_view(buf, res.ptr - buf), 38, scale);
  if (!r || !decimalFits(*r, precision)) return std::nullopt;
  return r;
}

}  // namespace loch

#include "loch/function/operators/decimal_arith.h"

#include <algorithm>
#include <limits>

#include "loch/types/decimal.h"

namespace loch::decimal_arith {

namespace {

using u128 = unsigned __int128;

/// Unsigned 256-bit integer: enough for products of two 38-digit values and
/// for a 38-digit value scaled by up to 38 more digits.
struct U256 {
  u128 hi = 0, lo = 0;

  static U256 of(u128 v) { return {0, v}; }
  bool fits128() const { return hi == 0; }
  bool isZero() const { return hi == 0 && lo == 0; }
  bool operator<(const U256& o) const { return hi != o.hi ? hi < o.hi : lo < o.lo; }
  bool operator>=(const U256& o) const { return !(*this < o); }
  U256 operator+(const U256& o) const {
    U256 r{hi + o.hi, lo + o.lo};
    if (r.lo < lo) ++r.hi;
    return r;
  }
  U256 operator-(const U256& o) const {
    U256 r{hi - o.hi, lo - o.lo};
    if (lo < o.lo) --r.hi;
    return r;
  }
  U256 shl1() const { return {(hi << 1) | (lo >> 127), lo << 1}; }
  bool bit(int i) const { return i >= 128 ? (hi >> (i - 128)) & 1 : (lo >> i) & 1; }
  void setBit(int i) {
    if (i >= 128) hi |= u128{1} << (i - 128);
    else lo |= u128{1} << i;
  }
};

U256 mul128(u128 a, u128 b) {
  uint64_t a0 = static_cast<uint64_t>(a), a1 = static_cast<uint64_t>(a >> 64);
  uint64_t b0 = static_cast<uint64_t>(b), b1 = static_cast<uint64_t>(b >> 64);
  u128 p00 = u128{a0} * b0, p01 = u128{a0} * b1, p10 = u128{a1} * b0, p11 = u128{a1} * b1;
  u128 mid = (p00 >> 64) + static_cast<uint64_t>(p01) + static_cast<uint64_t>(p10);
  U256 r;
  r.lo = (mid << 64) | static_cast<uint64_t>(p00);
  r.hi = p11 + (p01 >> 64) + (p10 >> 64) + (mid >> 64);
  return r;
}

/// x * m where the true product is known to fit 256 bits.
U256 mul(const U256& x, u128 m) {
  U256 lo = mul128(x.lo, m);
  U256 hi = mul128(x.hi, m);
  return {lo.hi + hi.lo, lo.lo};
}

/// Quotient and remainder of n / d (bitwise long division; d != 0).
void divmod(const U256& n, const U256& d, U256& q, U256& r) {
  q = {};
  r = {};
  if (n.fits128() && d.fits128()) {
    q = U256::of(n.lo / d.lo);
    r = U256::of(n.lo % d.lo);
    return;
  }
  for (int i = 255; i >= 0; --i) {
    r = r.shl1();
    if (n.bit(i)) r.lo |= 1;
    if (r >= d) {
      r = r - d;
      q.setBit(i);
    }
  }
}

/// x * m; false when the product does not fit 256 bits.
bool mulChecked(const U256& x, u128 m, U256& out) {
  U256 lo = mul128(x.lo, m);
  U256 hi = mul128(x.hi, m);
  if (hi.hi != 0) return false;
  out.lo = lo.lo;
  out.hi = lo.hi + hi.lo;
  return out.hi >= lo.hi;
}

u128 pow10u(int n) { return static_cast<u128>(pow10i128(n)); }
U256 pow10w(int n) { return n <= 38 ? U256::of(pow10u(n)) : mul(U256::of(pow10u(38)), pow10u(n - 38)); }

u128 magnitude(int128_t v) { return v < 0 ? 0 - static_cast<u128>(v) : static_cast<u128>(v); }

/// round_half_up(n / d) with sign `neg` into a p-digit int128.
bool finish(const U256& n, const U256& d, bool neg, int p, int128_t& out) {
  U256 q, r;
  divmod(n, d, q, r);
  if (!(r + r < d)) q = q + U256::of(1);
  if (!q.fits128() || q.lo >= pow10u(p)) return false;
  out = neg ? -static_cast<int128_t>(q.lo) : static_cast<int128_t>(q.lo);
  return true;
}

bool fits(int128_t v, int p) { return decimalFits(v, p); }

/// Signed value scaled up by 10^k as magnitude and sign.
U256 scaleUp(int128_t v, int k) {
  u128 m = magnitude(v);
  if (k == 0) return U256::of(m);
  if (k <= 38) return mul128(m, pow10u(k));
  return mul(mul128(m, pow10u(38)), pow10u(k - 38));
}

}  // namespace

bool add(int128_t a, int s1, int128_t b, int s2, int p, int s, int128_t& out) {
  int m = std::max(s1, s2);
  int128_t x, y, sum;
  if (m == s &&
      !__builtin_mul_overflow(a, pow10i128(m - s1), &x) && !__builtin_mul_overflow(b, pow10i128(m - s2), &y) &&
      !__builtin_add_overflow(x, y, &sum)) {
    out = sum;
    return fits(sum, p);
  }
  U256 ma = scaleUp(a, m - s1), mb = scaleUp(b, m - s2);
  bool na = a < 0, nb = b < 0;
  U256 mag;
  bool neg;
  if (na == nb) {
    mag = ma + mb;
    neg = na;
  } else if (ma < mb) {
    mag = mb - ma;
    neg = nb;
  } else {
    mag = ma - mb;
    neg = na;
  }
  return finish(mag, pow10w(m - s), neg, p, out);
}

bool multiply(int128_t a, int s1, int128_t b, int s2, int p, int s, int128_t& out) {
  int128_t prod;
  int drop = s1 + s2 - s;
  if (drop == 0 && !__builtin_mul_overflow(a, b, &prod)) {
    out = prod;
    return fits(prod, p);
  }
  U256 mag = mul128(magnitude(a), magnitude(b));
  return finish(mag, pow10w(drop), (a < 0) != (b < 0), p, out);
}

bool divide(int128_t a, int s1, int128_t b, int s2, int p, int s, int128_t& out) {
  // a/10^s1 / (b/10^s2) at scale s = (a * 10^(s - s1 + s2)) / b.
  int k = s - s1 + s2;
  U256 n;
  if (k > 38) {
    // Up to 76 extra digits: a numerator beyond 256 bits divided by a
    // divisor below 10^38 cannot fit 38 digits.
    if (!mulChecked(mul128(magnitude(a), pow10u(38)), pow10u(k - 38), n)) return false;
  } else {
    n = scaleUp(a, std::max(k, 0));
  }
  U256 d = scaleUp(b, std::max(-k, 0));
  return finish(n, d, (a < 0) != (b < 0), p, out);
}

bool remainder(int128_t a, int s1, int128_t b, int s2, int p, int s, int128_t& out) {
  int m = std::max(s1, s2);
  U256 ma = scaleUp(a, m - s1), mb = scaleUp(b, m - s2);
  U256 q, r;
  divmod(ma, mb, q, r);
  int128_t rem;
  if (m > s) {
    return finish(r, pow10w(m - s), a < 0, p, out);
  }
  U256 scaled = mul(r, pow10u(s - m));
  if (!scaled.fits128() || scaled.lo >= pow10u(p)) return false;
  rem = static_cast<int128_t>(scaled.lo);
  out = a < 0 ? -rem : rem;
  return true;
}

bool integralDivide(int128_t a, int s1, int128_t b, int s2, int64_t& out) {
  int m = std::max(s1, s2);
  U256 ma = scaleUp(a, m - s1), mb = scaleUp(b, m - s2);
  U256 q, r;
  divmod(ma, mb, q, r);
  bool neg = (a < 0) != (b < 0);
  if (!q.fits128()) return false;
  u128 limit = neg ? u128{1} << 63 : (u128{1} << 63) - 1;
  if (q.lo > limit) return false;
  out = neg ? static_cast<int64_t>(0 - static_cast<uint64_t>(q.lo)) : static_cast<int64_t>(q.lo);
  return true;
}

}  // namespace loch::decimal_arith

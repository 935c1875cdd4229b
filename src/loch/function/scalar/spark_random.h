#pragma once
// Spark's XORShiftRandom (org.apache.spark.util.random.XORShiftRandom):
// java.util.Random's API over a xorshift generator whose seed is scrambled
// with Scala's MurmurHash3.bytesHash, so rand(seed) matches Spark's values.

#include <cmath>
#include <cstdint>

namespace loch::scalar {

class SparkRandom {
 public:
  explicit SparkRandom(int64_t seed) : seed_(hashSeed(seed)) {}

  /// java.util.Random.nextDouble: 53 random bits in [0, 1).
  double nextDouble() {
    int64_t hi = static_cast<int64_t>(next(26)) << 27;
    return static_cast<double>(hi + next(27)) * 0x1.0p-53;
  }

  /// java.util.Random.nextGaussian (Marsaglia polar method, pairs cached).
  double nextGaussian() {
    if (have_next_) {
      have_next_ = false;
      return next_gaussian_;
    }
    double v1, v2, s;
    do {
      v1 = 2 * nextDouble() - 1;
      v2 = 2 * nextDouble() - 1;
      s = v1 * v1 + v2 * v2;
    } while (s >= 1 || s == 0);
    // Java uses StrictMath.log/sqrt; glibc's are correctly rounded for these.
    double multiplier = std::sqrt(-2 * std::log(s) / s);
    next_gaussian_ = v2 * multiplier;
    have_next_ = true;
    return v1 * multiplier;
  }

 private:
  uint32_t next(int bits) {
    uint64_t s = seed_;
    s ^= s << 21;
    s ^= s >> 35;
    s ^= s << 4;
    seed_ = s;
    return static_cast<uint32_t>(s & ((uint64_t{1} << bits) - 1));
  }

  static uint32_t rotl(uint32_t x, int r) { return (x << r) | (x >> (32 - r)); }
  static uint32_t mixLast(uint32_t h, uint32_t k) {
    k *= 0xcc9e2d51u;
    k = rotl(k, 15);
    k *= 0x1b873593u;
    return h ^ k;
  }
  static uint32_t mix(uint32_t h, uint32_t k) {
    h = mixLast(h, k);
    h = rotl(h, 13);
    return h * 5 + 0xe6546b64u;
  }
  static uint32_t avalanche(uint32_t h) {
    h ^= h >> 16;
    h *= 0x85ebca6bu;
    h ^= h >> 13;
    h *= 0xc2b2ae35u;
    h ^= h >> 16;
    return h;
  }
  /// scala.util.hashing.MurmurHash3.bytesHash of the 8 big-endian bytes.
  static uint32_t bytesHash(const uint8_t* data, uint32_t seed) {
    uint32_t h = seed;
    for (int i = 0; i < 8; i += 4) {
      uint32_t k = data[i] | (data[i + 1] << 8) | (data[i + 2] << 16) | (static_cast<uint32_t>(data[i + 3]) << 24);
      h = mix(h, k);
    }
    return avalanche(h ^ 8u);
  }
  static uint64_t hashSeed(int64_t seed) {
    uint8_t bytes[8];
    for (int i = 0; i < 8; ++i) bytes[i] = static_cast<uint8_t>(static_cast<uint64_t>(seed) >> (56 - 8 * i));
    uint32_t low = bytesHash(bytes, 0x3c074a61u);
    uint32_t high = bytesHash(bytes, low);
    return (static_cast<uint64_t>(high) << 32) | low;
  }

  uint64_t seed_;
  bool have_next_ = false;
  double next_gaussian_ = 0;
};

}  // namespace loch::scalar

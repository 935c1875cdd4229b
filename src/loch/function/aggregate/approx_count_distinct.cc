// approx_count_distinct(expr[, relativeSD]): HyperLogLog++ (Heule, Nunkesser
// and Hall, "HyperLogLog in Practice", EDBT 2013) in the dense form Spark's
// HyperLogLogPlusPlus uses:
//   p = ceil(2 * log2(1.106 / relativeSD)) (default relativeSD 0.05 -> p = 9),
//   m = 2^p one-byte registers; a value's 64-bit hash x picks register
//   x >>> (64 - p) and stores the max of nlz((x << p) | 1 << (p - 1)) + 1.
// Estimate: linear counting m * ln(m / V) (V = empty registers) when V > 0
// and it is below the paper's threshold for p; otherwise the raw HLL
// estimate alpha_m * m^2 / sum 2^-M[j], rounded to the nearest integer.
// Small cardinalities are therefore (almost always) exact.
// Hashing: XXH64 with seed 42 as Spark's xxhash64 (ints and smaller
// integrals, dates, booleans and floats hash as 4 bytes, longs, timestamps,
// doubles and decimals of precision <= 18 as 8 bytes, strings by bytes);
// -0.0 hashes as 0.0 and all NaNs as one NaN.
// Simplified against Spark: no empirical bias correction for raw estimates
// in (threshold, 5m] (Spark interpolates the paper's bias tables there),
// decimals of precision > 18 hash their 16-byte two's complement instead of
// Java's BigInteger bytes, and p is limited to 18 (relativeSD >= ~0.0022).
// Result BIGINT, never NULL (0 for a group without non-NULL values).

#include <cmath>
#include <cstring>

#define XXH_INLINE_ALL
#include <xxhash.h>

#include "loch/function/aggregate/aggregate_util.h"

namespace loch {

namespace {

constexpr uint64_t kSeed = 42;

/// Linear counting thresholds for p = 4 .. 18 (Heule et al., appendix).
constexpr double kThresholds[] = {10,   20,    40,    80,    220,    400,    900,   1800,
                                  3100, 6500, 11500, 20000, 50000, 120000, 350000};

/// Spark's precision rule. @throws AnalysisException for p < 4 or p > 18.
int precisionFor(const AggregateCall& call, double rsd) {
  if (!(rsd > 0) || !std::isfinite(rsd)) {
    throw AnalysisException("DATATYPE_MISMATCH.VALUE_OUT_OF_RANGE",
                            "Cannot resolve \"" + call.name +
                                "\" due to data type mismatch: relativeSD must be positive (current value = " +
                                javaDoubleString(rsd) + ").");
  }
  double p = std::ceil(2.0 * std::log2(1.106 / rsd));
  if (p < 4) {
    throw AnalysisException("DATATYPE_MISMATCH.VALUE_OUT_OF_RANGE",
                            "Cannot resolve \"" + call.name +
                                "\": HLL++ requires at least 4 bits for addressing. Use a lower error, at most 39%.");
  }
  if (p > 18) {
    throw AnalysisException("DATATYPE_MISMATCH.VALUE_OUT_OF_RANGE",
                            "Cannot resolve \"" + call.name + "\": relativeSD " + javaDoubleString(rsd) +
                                " needs more than 18 bits of precision; use a relativeSD of at least 0.0022.");
  }
  return static_cast<int>(p);
}

double literalAsDouble(const AggregateCall& call, const Value* v) {
  if (!v || v->isNull()) {
    throw AnalysisException("DATATYPE_MISMATCH.NON_FOLDABLE_INPUT",
                            "Cannot resolve \"" + call.name +
                                "\" due to data type mismatch: the input relativeSD should be a non-NULL foldable "
                                "\"DOUBLE\" expression.");
  }
  const DataType& t = *v->type();
  if (t.isFloating()) return v->getDouble();
  if (t.id() == TypeId::Decimal) return decimalToDouble(v->getDecimal(), t.scale());
  if (t.isIntegral()) return static_cast<double>(v->getLong());
  agg::throwBadInputType(call.name, 2, t, "\"DOUBLE\"");
}

template <class T>
uint64_t hashFixed(T v, int decimal_precision) {
  if constexpr (std::is_same_v<T, double> || std::is_same_v<T, float>) {
    v = agg::normalizeFloat(v);
    if constexpr (std::is_same_v<T, float>) {
      uint32_t bits;
      std::memcpy(&bits, &v, 4);
      return XXH64(&bits, 4, kSeed);
    } else {
      uint64_t bits;
      std::memcpy(&bits, &v, 8);
      return XXH64(&bits, 8, kSeed);
    }
  } else if constexpr (std::is_same_v<T, int128_t>) {
    if (decimal_precision <= 18) {
      auto l = static_cast<int64_t>(v);
      return XXH64(&l, 8, kSeed);
    }
    return XXH64(&v, 16, kSeed);
  } else if constexpr (sizeof(T) <= 4) {
    auto i = static_cast<int32_t>(v);
    return XXH64(&i, 4, kSeed);
  } else {
    auto l = static_cast<int64_t>(v);
    return XXH64(&l, 8, kSeed);
  }
}

inline void addHash(uint8_t* regs, int p, uint64_t x) {
  size_t idx = static_cast<size_t>(x >> (64 - p));
  uint64_t w = (x << p) | (uint64_t{1} << (p - 1));
  auto rank = static_cast<uint8_t>(__builtin_clzll(w) + 1);
  if (rank > regs[idx]) regs[idx] = rank;
}

/// Heule et al.'s estimate (see the file comment).
int64_t estimate(const uint8_t* regs, int p) {
  size_t m = size_t{1} << p;
  double md = static_cast<double>(m);
  double z_inverse = 0;
  size_t zeros = 0;
  for (size_t j = 0; j < m; ++j) {
    z_inverse += std::ldexp(1.0, -regs[j]);
    zeros += regs[j] == 0;
  }
  double alpha = p == 4 ? 0.673 : p == 5 ? 0.697 : p == 6 ? 0.709 : 0.7213 / (1.0 + 1.079 / md);
  double e = alpha * md * md / z_inverse;
  if (zeros > 0) {
    double h = md * std::log(md / static_cast<double>(zeros));
    if (h <= kThresholds[p - 4]) e = h;
  }
  return std::llround(e);
}

}  // namespace

BoundAggregateFunction bindApproxCountDistinct(const AggregateCall& call) {
  agg::checkArgCount(call, 1, 2);
  double rsd = call.arg_types.size() == 2 ? literalAsDouble(call, call.literal(1)) : 0.05;
  int p = precisionFor(call, rsd);
  const DataType& t = *call.arg_types[0];
  if (!t.isStringLike() && t.fixedWidth() <= 0 && t.id() != TypeId::Null)
    agg::throwBadInputType(call.name, 1, t, "atomic");
  BoundAggregateFunction f;
  f.name = call.name;
  f.arg_types = call.arg_types;
  f.return_type = LongType();
  f.nullable = false;
  size_t m = size_t{1} << p;
  f.state_size = m;
  f.state_align = 8;
  f.init = [m](uint8_t* s) { std::memset(s, 0, m); };
  f.destroy = nullptr;
  TypeId id = t.id();
  int precision = id == TypeId::Decimal ? t.precision() : 0;
  f.update = [p, id, precision](const std::vector<VectorPtr>& args, int64_t n, uint8_t* const* states,
                                EvalContext&) {
    const Vector& v = *args[0];
    if (id == TypeId::Null || v.typeId() == TypeId::Null) return;
    if (v.type()->isStringLike()) {
      agg::forEachValid<std::string_view>(
          v, n, [&](int64_t i, std::string_view s) { addHash(states[i], p, XXH64(s.data(), s.size(), kSeed)); });
      return;
    }
    agg::dispatchFixed(v.typeId(), [&]<class T>() {
      agg::forEachValid<T>(v, n, [&](int64_t i, T x) { addHash(states[i], p, hashFixed<T>(x, precision)); });
    });
  };
  f.combine = [m](uint8_t* target, const uint8_t* source, EvalContext&) {
    for (size_t j = 0; j < m; ++j) target[j] = std::max(target[j], source[j]);
  };
  f.finalize = [p](uint8_t* const* states, int64_t n, EvalContext&) {
    VectorPtr out = Vector::makeFlat(LongType(), n);
    int64_t* v = out->mutableValues<int64_t>();
    for (int64_t i = 0; i < n; ++i) v[i] = estimate(states[i], p);
    return out;
  };
  return f;
}

void registerApproxCountDistinctAggregates(FunctionRegistry& registry) {
  agg::addAggregateByName(registry, "approx_count_distinct",
                          "approx_count_distinct(expr[, relativeSD]) - Returns the estimated cardinality by "
                          "HyperLogLog++. `relativeSD` defines the maximum relative standard deviation allowed.");
}

}  // namespace loch

// Hash and encoding functions: hash (Spark's Murmur3_x86_32, seed 42),
// xxhash64 (XXH64, seed 42), md5, sha1, sha2, crc32, hex/unhex,
// base64/unbase64. Per-type input rules follow Spark's HashExpression.

#include <openssl/evp.h>
#include <xxhash.h>
#include <zlib.h>

#include <cmath>
#include <cstring>
#include <functional>

#include "loch/function/scalar/scalar_util.h"

namespace loch::scalar {

namespace {

// ---- Spark's Murmur3_x86_32 -------------------------------------------------

inline uint32_t rotl32(uint32_t x, int r) { return (x << r) | (x >> (32 - r)); }
inline uint32_t mixK1(uint32_t k) {
  k *= 0xcc9e2d51u;
  k = rotl32(k, 15);
  return k * 0x1b873593u;
}
inline uint32_t mixH1(uint32_t h, uint32_t k) {
  h ^= k;
  h = rotl32(h, 13);
  return h * 5 + 0xe6546b64u;
}
inline uint32_t fmix32(uint32_t h, uint32_t len) {
  h ^= len;
  h ^= h >> 16;
  h *= 0x85ebca6bu;
  h ^= h >> 13;
  h *= 0xc2b2ae35u;
  h ^= h >> 16;
  return h;
}

struct Murmur3 {
  using H = uint32_t;
  static H hashInt(int32_t v, H seed) { return fmix32(mixH1(seed, mixK1(static_cast<uint32_t>(v))), 4); }
  static H hashLong(int64_t v, H seed) {
    uint64_t u = static_cast<uint64_t>(v);
    H h = mixH1(seed, mixK1(static_cast<uint32_t>(u)));
    h = mixH1(h, mixK1(static_cast<uint32_t>(u >> 32)));
    return fmix32(h, 8);
  }
  /// Spark's hashUnsafeBytes: 4-byte little-endian blocks, then each tail
  /// byte (sign-extended) mixed as a whole block.
  static H hashBytes(std::string_view s, H seed) {
    size_t aligned = s.size() - s.size() % 4;
    H h = seed;
    for (size_t i = 0; i < aligned; i += 4) {
      uint32_t k;
      std::memcpy(&k, s.data() + i, 4);
      h = mixH1(h, mixK1(k));
    }
    for (size_t i = aligned; i < s.size(); ++i) {
      h = mixH1(h, mixK1(static_cast<uint32_t>(static_cast<int32_t>(static_cast<int8_t>(s[i])))));
    }
    return fmix32(h, static_cast<uint32_t>(s.size()));
  }
};

struct XxHash64 {
  using H = uint64_t;
  static H hashInt(int32_t v, H seed) { return XXH64(&v, 4, seed); }
  static H hashLong(int64_t v, H seed) { return XXH64(&v, 8, seed); }
  static H hashBytes(std::string_view s, H seed) { return XXH64(s.data(), s.size(), seed); }
};

/// java.math.BigInteger.toByteArray: minimal big-endian two's complement.
std::string bigIntegerBytes(int128_t v) {
  unsigned char buf[16];
  unsigned __int128 u = static_cast<unsigned __int128>(v);
  for (int i = 15; i >= 0; --i) {
    buf[i] = static_cast<unsigned char>(u & 0xFF);
    u >>= 8;
  }
  int start = 0;
  while (start < 15) {
    bool redundant = (buf[start] == 0x00 && !(buf[start + 1] & 0x80)) || (buf[start] == 0xFF && (buf[start + 1] & 0x80));
    if (!redundant) break;
    ++start;
  }
  return std::string(reinterpret_cast<char*>(buf + start), 16 - start);
}

/// Hash of row `row` of flat vector `v` folded into `seed` (NULL keeps seed).
template <class Hasher>
typename Hasher::H hashRow(const Vector& v, int64_t row, typename Hasher::H seed) {
  if (v.isNull(row)) return seed;
  switch (v.typeId()) {
    case TypeId::Null: return seed;
    case TypeId::Boolean: return Hasher::hashInt(v.values<uint8_t>()[row] ? 1 : 0, seed);
    case TypeId::Byte: return Hasher::hashInt(v.values<int8_t>()[row], seed);
    case TypeId::Short: return Hasher::hashInt(v.values<int16_t>()[row], seed);
    case TypeId::Integer:
    case TypeId::Date:
    case TypeId::YearMonthInterval: return Hasher::hashInt(v.values<int32_t>()[row], seed);
    case TypeId::Long:
    case TypeId::Timestamp:
    case TypeId::TimestampNTZ:
    case TypeId::DayTimeInterval: return Hasher::hashLong(v.values<int64_t>()[row], seed);
    case TypeId::Float: {
      float f = v.values<float>()[row];
      if (f == 0.0f) f = 0.0f;  // -0.0 hashes as 0.0
      int32_t bits;
      if (std::isnan(f)) bits = 0x7fc00000;
      else std::memcpy(&bits, &f, 4);
      return Hasher::hashInt(bits, seed);
    }
    case TypeId::Double: {
      double d = v.values<double>()[row];
      if (d == 0.0) d = 0.0;
      int64_t bits;
      if (std::isnan(d)) bits = 0x7ff8000000000000LL;
      else std::memcpy(&bits, &d, 8);
      return Hasher::hashLong(bits, seed);
    }
    case TypeId::Decimal: {
      int128_t u = v.values<int128_t>()[row];
      if (v.type()->precision() <= 18) return Hasher::hashLong(static_cast<int64_t>(u), seed);
      return Hasher::hashBytes(bigIntegerBytes(u), seed);
    }
    case TypeId::String:
    case TypeId::Binary: return Hasher::hashBytes(v.stringAt(row), seed);
    case TypeId::Array:
    case TypeId::Map: {
      const Vector& el = *v.child(0);
      typename Hasher::H h = seed;
      for (int32_t k = v.offsets()[row]; k < v.offsets()[row + 1]; ++k) {
        if (v.typeId() == TypeId::Map) {
          h = hashRow<Hasher>(*el.child(0), k, h);
          h = hashRow<Hasher>(*el.child(1), k, h);
        } else {
          h = hashRow<Hasher>(el, k, h);
        }
      }
      return h;
    }
    case TypeId::Struct: {
      typename Hasher::H h = seed;
      for (const auto& c : v.children()) h = hashRow<Hasher>(*c, row, h);
      return h;
    }
  }
  return seed;
}

template <class Hasher, class Out>
BoundScalarFunction bindHash(const ScalarBindInput& in, const std::string& name, DataTypePtr ret) {
  if (in.args.empty()) {
    throw AnalysisException("WRONG_NUM_ARGS.WITHOUT_SUGGESTION",
                            "The `" + name + "` requires > 0 parameters but the actual number is 0.");
  }
  std::function<bool(const DataType&)> hasMap = [&](const DataType& t) {
    if (t.id() == TypeId::Map) return true;
    if (t.id() == TypeId::Array) return hasMap(*t.elementType());
    for (const auto& f : t.fields()) {
      if (hasMap(*f.type)) return true;
    }
    return false;
  };
  for (size_t i = 0; i < in.args.size(); ++i) {
    if (hasMap(*in.args[i]->type())) {
      // Spark: maps have no stable hash (spark.sql.legacy.allowHashOnMapType=false).
      throw AnalysisException("DATATYPE_MISMATCH.HASH_MAP_TYPE",
                              "Cannot resolve \"" + name + "\" due to data type mismatch: Input to the function `" + name +
                                  "` cannot contain elements of the \"MAP\" type. In Spark, same maps may have different "
                                  "hashcode, thus hash expressions are prohibited on \"MAP\" elements. To restore "
                                  "previous behavior set \"spark.sql.legacy.allowHashOnMapType\" to \"true\".");
    }
  }
  BoundScalarFunction b;
  b.name = name;
  b.arg_types = in.argTypes();
  b.return_type = ret;
  b.kernel = [ret](const std::vector<VectorPtr>& args, int64_t rows, EvalContext&) {
    const bool folded = allConstant(args);
    const int64_t n = folded ? std::min<int64_t>(rows, 1) : rows;
    VectorPtr out = Vector::makeFlat(ret, n);
    Out* h = out->mutableValues<Out>();
    for (int64_t i = 0; i < n; ++i) h[i] = static_cast<Out>(42);
    // Column by column: each argument folds its value into the running hash.
    for (const auto& a : args) {
      DecodedVector d(*a);
      const Vector& base = d.base();
      for (int64_t i = 0; i < n; ++i) {
        if (d.isNull(i)) continue;
        h[i] = static_cast<Out>(hashRow<Hasher>(base, d.index(i), static_cast<typename Hasher::H>(h[i])));
      }
    }
    return folded ? constantOf(out, rows) : out;
  };
  return b;
}

std::string toHex(std::string_view bytes, bool upper) {
  static const char* lo = "0123456789abcdef";
  static const char* up = "0123456789ABCDEF";
  const char* digits = upper ? up : lo;
  std::string out(bytes.size() * 2, '0');
  for (size_t i = 0; i < bytes.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(bytes[i]);
    out[2 * i] = digits[c >> 4];
    out[2 * i + 1] = digits[c & 15];
  }
  return out;
}

/// Binder of f(binary) -> hex digest string.
ScalarBinder digest(std::string name, const EVP_MD* (*md)()) {
  return [name, md](const ScalarBindInput& in) {
    checkArgCount(name, in, 1, 1);
    BoundScalarFunction b;
    b.name = name;
    b.arg_types = {expectType(name, in, 0, BinaryType())};
    b.return_type = StringType();
    b.kernel = [md](const std::vector<VectorPtr>& args, int64_t rows, EvalContext&) {
      return computeString(args, rows, StringType(), [&](const auto& d, int64_t i, std::string& out) {
        std::string_view s = d[0].stringAt(i);
        unsigned char buf[EVP_MAX_MD_SIZE];
        unsigned int len = 0;
        EVP_Digest(s.data(), s.size(), buf, &len, md(), nullptr);
        out = toHex(std::string_view(reinterpret_cast<char*>(buf), len), false);
        return true;
      });
    };
    return b;
  };
}

const char* kBase64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

int hexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

/// Lenient decoding (as commons-codec): characters outside the alphabet are
/// skipped; decoding stops at '='.
void base64Decode(std::string_view s, std::string& out) {
  uint32_t acc = 0;
  int bits = 0;
  for (char c : s) {
    if (c == '=') break;
    const char* p = std::strchr(kBase64, c);
    int v = (c == '-') ? 62 : (c == '_') ? 63 : (p && c ? static_cast<int>(p - kBase64) : -1);
    if (v < 0) continue;
    acc = (acc << 6) | v;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out.push_back(static_cast<char>((acc >> bits) & 0xFF));
    }
  }
}

}  // namespace

void base64Encode(std::string_view s, std::string& out) {
  const char* alphabet = kBase64;
  size_t i = 0;
  for (; i + 2 < s.size(); i += 3) {
    uint32_t v = (static_cast<unsigned char>(s[i]) << 16) | (static_cast<unsigned char>(s[i + 1]) << 8) |
                 static_cast<unsigned char>(s[i + 2]);
    out.push_back(alphabet[v >> 18]);
    out.push_back(alphabet[(v >> 12) & 63]);
    out.push_back(alphabet[(v >> 6) & 63]);
    out.push_back(alphabet[v & 63]);
  }
  size_t rest = s.size() - i;
  if (rest) {
    uint32_t v = static_cast<unsigned char>(s[i]) << 16;
    if (rest == 2) v |= static_cast<unsigned char>(s[i + 1]) << 8;
    out.push_back(alphabet[v >> 18]);
    out.push_back(alphabet[(v >> 12) & 63]);
    out.push_back(rest == 2 ? alphabet[(v >> 6) & 63] : '=');
    out.push_back('=');
  }
}

void registerHashFunctions(FunctionRegistry& r) {
  r.addScalar("hash", [](const ScalarBindInput& in) { return bindHash<Murmur3, int32_t>(in, "hash", IntegerType()); });
  r.addScalar("xxhash64",
              [](const ScalarBindInput& in) { return bindHash<XxHash64, int64_t>(in, "xxhash64", LongType()); });
  r.addScalar("md5", digest("md5", EVP_md5));
  r.addScalar("sha1", digest("sha1", EVP_sha1));
  r.addAlias("sha", "sha1");
  r.addScalar("sha2", [](const ScalarBindInput& in) {
    checkArgCount("sha2", in, 2, 2);
    BoundScalarFunction b;
    b.name = "sha2";
    b.arg_types = {expectType("sha2", in, 0, BinaryType()), expectType("sha2", in, 1, IntegerType())};
    b.return_type = StringType();
    b.introduces_nulls = true;
    b.kernel = [](const std::vector<VectorPtr>& args, int64_t rows, EvalContext&) {
      return computeString(args, rows, StringType(), [&](const auto& d, int64_t i, std::string& out) {
        int32_t bits = d[1].template valueAt<int32_t>(i);
        const EVP_MD* md = bits == 224 ? EVP_sha224()
                           : (bits == 256 || bits == 0) ? EVP_sha256()
                           : bits == 384 ? EVP_sha384()
                           : bits == 512 ? EVP_sha512()
                                         : nullptr;
        if (!md) return false;  // unsupported bit length gives NULL
        std::string_view s = d[0].stringAt(i);
        unsigned char buf[EVP_MAX_MD_SIZE];
        unsigned int len = 0;
        EVP_Digest(s.data(), s.size(), buf, &len, md, nullptr);
        out = toHex(std::string_view(reinterpret_cast<char*>(buf), len), false);
        return true;
      });
    };
    return b;
  });
  r.addScalar("crc32", [](const ScalarBindInput& in) {
    checkArgCount("crc32", in, 1, 1);
    BoundScalarFunction b;
    b.name = "crc32";
    b.arg_types = {expectType("crc32", in, 0, BinaryType())};
    b.return_type = LongType();
    b.kernel = [](const std::vector<VectorPtr>& args, int64_t rows, EvalContext&) {
      return computeFixed<int64_t>(args, rows, LongType(), [](const auto& d, int64_t i, int64_t& out) {
        std::string_view s = d[0].stringAt(i);
        out = static_cast<int64_t>(::crc32(0L, reinterpret_cast<const Bytef*>(s.data()), static_cast<uInt>(s.size())));
        return true;
      });
    };
    return b;
  });
  r.addScalar("hex", [](const ScalarBindInput& in) {
    checkArgCount("hex", in, 1, 1);
    BoundScalarFunction b;
    b.name = "hex";
    const auto& t = in.args[0]->type();
    bool integral = t->isIntegral();
    b.arg_types = {integral ? LongType() : t->id() == TypeId::Binary ? BinaryType() : expectType("hex", in, 0, StringType())};
    b.return_type = StringType();
    b.kernel = [integral](const std::vector<VectorPtr>& args, int64_t rows, EvalContext&) {
      return computeString(args, rows, StringType(), [&](const auto& d, int64_t i, std::string& out) {
        if (integral) {
          // Long.toHexString: two's complement, upper-cased by Spark.
          uint64_t v = static_cast<uint64_t>(d[0].template valueAt<int64_t>(i));
          char buf[17];
          std::snprintf(buf, sizeof buf, "%llX", static_cast<unsigned long long>(v));
          out = buf;
        } else {
          out = toHex(d[0].stringAt(i), true);
        }
        return true;
      });
    };
    return b;
  });
  r.addScalar("unhex", [](const ScalarBindInput& in) {
    checkArgCount("unhex", in, 1, 1);
    BoundScalarFunction b;
    b.name = "unhex";
    b.arg_types = {expectType("unhex", in, 0, StringType())};
    b.return_type = BinaryType();
    b.introduces_nulls = true;
    b.kernel = [](const std::vector<VectorPtr>& args, int64_t rows, EvalContext&) {
      return computeString(args, rows, BinaryType(), [&](const auto& d, int64_t i, std::string& out) {
        std::string_view s = d[0].stringAt(i);
        size_t p = 0;
        if (s.size() % 2 == 1) {  // an odd length gets a leading 0
          int v = hexValue(s[0]);
          if (v < 0) return false;
          out.push_back(static_cast<char>(v));
          p = 1;
        }
        for (; p < s.size(); p += 2) {
          int hi = hexValue(s[p]), lo = hexValue(s[p + 1]);
          if (hi < 0 || lo < 0) return false;
          out.push_back(static_cast<char>(hi * 16 + lo));
        }
        return true;
      });
    };
    return b;
  });
  r.addScalar("base64", [](const ScalarBindInput& in) {
    checkArgCount("base64", in, 1, 1);
    BoundScalarFunction b;
    b.name = "base64";
    b.arg_types = {expectType("base64", in, 0, BinaryType())};
    b.return_type = StringType();
    b.kernel = [](const std::vector<VectorPtr>& args, int64_t rows, EvalContext&) {
      return computeString(args, rows, StringType(), [&](const auto& d, int64_t i, std::string& out) {
        base64Encode(d[0].stringAt(i), out);
        return true;
      });
    };
    return b;
  });
  r.addScalar("unbase64", [](const ScalarBindInput& in) {
    checkArgCount("unbase64", in, 1, 1);
    BoundScalarFunction b;
    b.name = "unbase64";
    b.arg_types = {expectType("unbase64", in, 0, StringType())};
    b.return_type = BinaryType();
    b.kernel = [](const std::vector<VectorPtr>& args, int64_t rows, EvalContext&) {
      return computeString(args, rows, BinaryType(), [&](const auto& d, int64_t i, std::string& out) {
        base64Decode(d[0].stringAt(i), out);
        return true;
      });
    };
    return b;
  });
}

}  // namespace loch::scalar

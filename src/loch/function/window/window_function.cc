#include "loch/function/window/window_function.h"

#include <algorithm>
#include <cctype>

#include "loch/common/exception.h"
#include "loch/vector/vector_builder.h"
#include "loch/vector/vector_ops.h"

namespace loch {
namespace {

std::string lower(std::string s) {
  for (auto& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

void checkArgCount(const std::string& name, size_t got, size_t min, size_t max) {
  if (got < min || got > max) {
    std::string expected = min == max ? std::to_string(min) : "[" + std::to_string(min) + ", " + std::to_string(max) + "]";
    throw AnalysisException("WRONG_NUM_ARGS", "The `" + name + "` requires " + expected +
                                                  " parameters but the actual number is " + std::to_string(got) + ".");
  }
}

/// The integer literal argument `i` of `name`, or `fallback` when absent.
int64_t intLiteral(const std::string& name, const std::string& param, const std::vector<DataTypePtr>& types,
                   const std::vector<std::optional<Value>>& literals, size_t i, int64_t fallback) {
  if (i >= types.size()) return fallback;
  if (!types[i]->isIntegral()) {
    throw AnalysisException("DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE",
                            "Cannot resolve `" + name + "`: parameter `" + param + "` requires the \"INT\" type, however it has the type \"" +
                                types[i]->sql() + "\".");
  }
  if (i >= literals.size() || !literals[i]) {
    throw AnalysisException("DATATYPE_MISMATCH.NON_FOLDABLE_INPUT",
                            "Cannot resolve `" + name + "`: the input `" + param + "` should be a foldable \"INT\" expression.");
  }
  if (literals[i]->isNull()) {
    throw AnalysisException("DATATYPE_MISMATCH.UNEXPECTED_NULL", "Cannot resolve `" + name + "`: the `" + param + "` must not be null.");
  }
  return literals[i]->getLong();
}

void checkPositive(const std::string& name, const std::string& param, int64_t v) {
  if (v <= 0) {
    throw AnalysisException("DATATYPE_MISMATCH.VALUE_OUT_OF_RANGE",
                            "Cannot resolve `" + name + "`: the `" + param + "` must be between (0, 2147483647], but got " +
                                std::to_string(v) + ".");
  }
}

VectorPtr newInts(int64_t n, int32_t** out) {
  VectorPtr v = Vector::makeFlat(IntegerType(), n);
  *out = v->mutableValues<int32_t>();
  return v;
}

BoundWindowFunction rankingFunction(const std::string& name, DataTypePtr type,
                                    std::function<VectorPtr(const WindowPartition&, EvalContext&)> fn) {
  BoundWindowFunction f;
  f.name = name;
  f.return_type = std::move(type);
  f.nullable = false;
  f.evaluate = std::move(fn);
  return f;
}

VectorPtr rowNumber(const WindowPartition& p, EvalContext&) {
  int32_t* out;
  VectorPtr v = newInts(p.n, &out);
  for (int64_t i = 0; i < p.n; ++i) out[i] = static_cast<int32_t>(i + 1);
  return v;
}

VectorPtr rank(const WindowPartition& p, EvalContext&) {
  int32_t* out;
  VectorPtr v = newInts(p.n, &out);
  for (int64_t i = 0; i < p.n; ++i) out[i] = static_cast<int32_t>(p.peer_begin[i] + 1);
  return v;
}

VectorPtr denseRank(const WindowPartition& p, EvalContext&) {
  int32_t* out;
  VectorPtr v = newInts(p.n, &out);
  int32_t r = 0;
  for (int64_t i = 0; i < p.n; ++i) {
    if (p.peer_begin[i] == i) ++r;
    out[i] = r;
  }
  return v;
}

VectorPtr percentRank(const WindowPartition& p, EvalContext&) {
  VectorPtr v = Vector::makeFlat(DoubleType(), p.n);
  double* out = v->mutableValues<double>();
  double denom = static_cast<double>(p.n - 1);
  for (int64_t i = 0; i < p.n; ++i) out[i] = p.n <= 1 ? 0.0 : static_cast<double>(p.peer_begin[i]) / denom;
  return v;
}

VectorPtr cumeDist(const WindowPartition& p, EvalContext&) {
  VectorPtr v = Vector::makeFlat(DoubleType(), p.n);
  double* out = v->mutableValues<double>();
  double n = static_cast<double>(p.n);
  for (int64_t i = 0; i < p.n; ++i) out[i] = static_cast<double>(p.peer_end[i]) / n;
  return v;
}

/// Spark's NTile: the first n % buckets buckets get one extra row.
BoundWindowFunction ntile(int64_t buckets) {
  return rankingFunction("ntile", IntegerType(), [buckets](const WindowPartition& p, EvalContext&) {
    int32_t* out;
    VectorPtr v = newInts(p.n, &out);
    int64_t q = p.n / buckets;
    int64_t r = p.n % buckets;
    int64_t big = r * (q + 1);  // rows in the larger buckets
    for (int64_t i = 0; i < p.n; ++i) {
      out[i] = static_cast<int32_t>(i < big ? i / (q + 1) + 1 : r + (i - big) / q + 1);
    }
    return v;
  });
}

/// Partition-relative positions of the non-null rows of args[0].
std::vector<int64_t> nonNullRows(const WindowPartition& p) {
  const Vector& x = *(*p.args)[0];
  std::vector<int64_t> pos;
  pos.reserve(static_cast<size_t>(p.n));
  if (!x.mayHaveNulls()) {
    for (int64_t i = 0; i < p.n; ++i) pos.push_back(i);
  } else {
    for (int64_t i = 0; i < p.n; ++i) {
      if (!x.isNull(p.offset + i)) pos.push_back(i);
    }
  }
  return pos;
}

/// Output row i = x[src[i]] (partition-relative), or the default (row i of
/// args[2]) / NULL when src[i] < 0.
VectorPtr gatherWithDefault(const WindowPartition& p, const std::vector<int64_t>& src, bool has_default) {
  const Vector& x = *(*p.args)[0];
  if (!has_default) {
    std::vector<int32_t> rows(static_cast<size_t>(p.n));
    for (int64_t i = 0; i < p.n; ++i) rows[i] = src[i] < 0 ? -1 : static_cast<int32_t>(p.offset + src[i]);
    return gather(x, rows.data(), p.n);
  }
  const Vector& def = *(*p.args)[2];
  VectorBuilder b(x.type(), p.n);
  for (int64_t i = 0; i < p.n; ++i) {
    if (src[i] >= 0) {
      b.appendFrom(x, p.offset + src[i]);
    } else {
      b.appendFrom(def, p.offset + i);
    }
  }
  return b.finish();
}

/// lag/lead as a shift by `shift` rows (negative: earlier rows), Spark's
/// FrameLessOffsetWindowFunctionFrame; with IGNORE NULLS the shift counts
/// non-null rows only.
BoundWindowFunction offsetFunction(const std::string& name, DataTypePtr type, int64_t shift, bool has_default,
                                   bool ignore_nulls) {
  BoundWindowFunction f;
  f.name = name;
  f.return_type = type;
  f.nullable = true;
  f.evaluate = [shift, has_default, ignore_nulls](const WindowPartition& p, EvalContext&) {
    std::vector<int64_t> src(static_cast<size_t>(p.n), -1);
    if (!ignore_nulls || shift == 0) {
      for (int64_t i = 0; i < p.n; ++i) {
        int64_t j = i + shift;
        if (j >= 0 && j < p.n) src[i] = j;
      }
    } else {
      std::vector<int64_t> pos = nonNullRows(p);
      int64_t m = static_cast<int64_t>(pos.size());
      int64_t before = 0;  // non-null rows strictly before i
      for (int64_t i = 0; i < p.n; ++i) {
        while (before < m && pos[before] < i) ++before;
        int64_t k = shift < 0 ? before + shift : before + (before < m && pos[before] == i ? 1 : 0) + shift - 1;
        if (k >= 0 && k < m) src[i] = pos[k];
      }
    }
    return gatherWithDefault(p, src, has_default);
  };
  return f;
}

/// nth_value(x, nth) over each row's frame; nth < 0 means the last row
/// (last_value). Spark's NthValue / First / Last over a frame.
BoundWindowFunction frameValueFunction(const std::string& name, DataTypePtr type, int64_t nth, bool ignore_nulls) {
  BoundWindowFunction f;
  f.name = name;
  f.return_type = type;
  f.nullable = true;
  f.uses_frame = true;
  f.evaluate = [nth, ignore_nulls](const WindowPartition& p, EvalContext&) {
    std::vector<int64_t> src(static_cast<size_t>(p.n), -1);
    if (!ignore_nulls) {
      for (int64_t i = 0; i < p.n; ++i) {
        int64_t b = p.frame_begin[i], e = p.frame_end[i];
        if (e <= b) continue;
        if (nth < 0) {
          src[i] = e - 1;
        } else if (nth <= e - b) {
          src[i] = b + nth - 1;
        }
      }
    } else {
      std::vector<int64_t> pos = nonNullRows(p);
      for (int64_t i = 0; i < p.n; ++i) {
        int64_t b = p.frame_begin[i], e = p.frame_end[i];
        if (e <= b) continue;
        auto lo = std::lower_bound(pos.begin(), pos.end(), b) - pos.begin();
        auto hi = std::lower_bound(pos.begin(), pos.end(), e) - pos.begin();  // non-nulls in frame: [lo, hi)
        if (hi <= lo) continue;
        if (nth < 0) {
          src[i] = pos[hi - 1];
        } else if (nth <= hi - lo) {
          src[i] = pos[lo + nth - 1];
        }
      }
    }
    return gatherWithDefault(p, src, false);
  };
  return f;
}

/// first_value(x[, ignoreNulls]): the optional second argument is a
/// boolean literal (Spark's First(child, ignoreNulls)).
bool ignoreNullsArg(const std::string& name, const std::vector<DataTypePtr>& types,
                    const std::vector<std::optional<Value>>& literals, bool ignore_nulls) {
  if (types.size() < 2) return ignore_nulls;
  if (types[1]->id() != TypeId::Boolean || literals.size() < 2 || !literals[1] || literals[1]->isNull()) {
    throw AnalysisException("DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE",
                            "Cannot resolve `" + name + "`: the `ignoreNulls` should be a boolean literal.");
  }
  return ignore_nulls || literals[1]->getBool();
}

}  // namespace

std::optional<BoundWindowFunction> bindWindowFunction(const std::string& name_in,
                                                      const std::vector<DataTypePtr>& types,
                                                      const std::vector<std::optional<Value>>& literals,
                                                      bool ignore_nulls) {
  std::string name = lower(name_in);
  size_t n = types.size();
  if (name == "row_number") {
    checkArgCount(name, n, 0, 0);
    return rankingFunction(name, IntegerType(), rowNumber);
  }
  if (name == "rank") {
    checkArgCount(name, n, 0, 0);
    return rankingFunction(name, IntegerType(), rank);
  }
  if (name == "dense_rank") {
    checkArgCount(name, n, 0, 0);
    return rankingFunction(name, IntegerType(), denseRank);
  }
  if (name == "percent_rank") {
    checkArgCount(name, n, 0, 0);
    return rankingFunction(name, DoubleType(), percentRank);
  }
  if (name == "cume_dist") {
    checkArgCount(name, n, 0, 0);
    return rankingFunction(name, DoubleType(), cumeDist);
  }
  if (name == "ntile") {
    checkArgCount(name, n, 1, 1);
    int64_t buckets = intLiteral(name, "buckets", types, literals, 0, 1);
    checkPositive(name, "buckets", buckets);
    return ntile(buckets);
  }
  if (name == "lag" || name == "lead") {
    checkArgCount(name, n, 1, 3);
    int64_t offset = intLiteral(name, "offset", types, literals, 1, 1);
    bool has_default = n >= 3 && types[2]->id() != TypeId::Null;
    if (has_default && !(*types[2] == *types[0])) {
      throw AnalysisException("DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE",
                              "Cannot resolve `" + name + "`: the default value of type \"" + types[2]->sql() +
                                  "\" does not match the input type \"" + types[0]->sql() + "\".");
    }
    int64_t shift = name == "lag" ? -offset : offset;
    return offsetFunction(name, types[0], shift, has_default, ignore_nulls);
  }
  if (name == "first_value" || name == "last_value") {
    checkArgCount(name, n, 1, 2);
    bool ignore = ignoreNullsArg(name, types, literals, ignore_nulls);
    return frameValueFunction(name, types[0], name == "first_value" ? 1 : -1, ignore);
  }
  if (name == "nth_value") {
    checkArgCount(name, n, 2, 2);
    int64_t nth = intLiteral(name, "offset", types, literals, 1, 1);
    checkPositive(name, "offset", nth);
    return frameValueFunction(name, types[0], nth, ignore_nulls);
  }
  return std::nullopt;
}

}  // namespace loch

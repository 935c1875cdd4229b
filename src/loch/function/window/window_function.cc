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

using EvaluateFn = std::function<VectorPtr(const WindowPartitions&, EvalContext&)>;

BoundWindowFunction rankingFunction(const std::string& name, DataTypePtr type, EvaluateFn fn) {
  BoundWindowFunction f;
  f.name = name;
  f.return_type = std::move(type);
  f.nullable = false;
  f.evaluate = std::move(fn);
  return f;
}

/// Calls fn(begin, end) for each partition [begin, end) of the run.
template <class Fn>
void forEachPartition(const WindowPartitions& w, Fn&& fn) {
  for (int64_t p = 0; p < w.parts; ++p) fn(w.part_bounds[p], w.part_bounds[p + 1]);
}

VectorPtr rowNumber(const WindowPartitions& w, EvalContext&) {
  int32_t* out;
  VectorPtr v = newInts(w.n, &out);
  forEachPartition(w, [&](int64_t b, int64_t e) {
    for (int64_t i = b; i < e; ++i) out[i] = static_cast<int32_t>(i - b + 1);
  });
  return v;
}

VectorPtr rank(const WindowPartitions& w, EvalContext&) {
  int32_t* out;
  VectorPtr v = newInts(w.n, &out);
  for (int64_t i = 0; i < w.n; ++i) out[i] = static_cast<int32_t>(w.peer_begin[i] + 1);
  return v;
}

VectorPtr denseRank(const WindowPartitions& w, EvalContext&) {
  int32_t* out;
  VectorPtr v = newInts(w.n, &out);
  forEachPartition(w, [&](int64_t b, int64_t e) {
    int32_t r = 0;
    for (int64_t i = b; i < e; ++i) {
      if (w.peer_begin[i] == i - b) ++r;
      out[i] = r;
    }
  });
  return v;
}

VectorPtr percentRank(const WindowPartitions& w, EvalContext&) {
  VectorPtr v = Vector::makeFlat(DoubleType(), w.n);
  double* out = v->mutableValues<double>();
  forEachPartition(w, [&](int64_t b, int64_t e) {
    double denom = static_cast<double>(e - b - 1);
    for (int64_t i = b; i < e; ++i) out[i] = e - b <= 1 ? 0.0 : static_cast<double>(w.peer_begin[i]) / denom;
  });
  return v;
}

VectorPtr cumeDist(const WindowPartitions& w, EvalContext&) {
  VectorPtr v = Vector::makeFlat(DoubleType(), w.n);
  double* out = v->mutableValues<double>();
  forEachPartition(w, [&](int64_t b, int64_t e) {
    double n = static_cast<double>(e - b);
    for (int64_t i = b; i < e; ++i) out[i] = static_cast<double>(w.peer_end[i]) / n;
  });
  return v;
}

/// Spark's NTile: the first n % buckets buckets get one extra row.
BoundWindowFunction ntile(int64_t buckets) {
  return rankingFunction("ntile", IntegerType(), [buckets](const WindowPartitions& w, EvalContext&) {
    int32_t* out;
    VectorPtr v = newInts(w.n, &out);
    forEachPartition(w, [&](int64_t b, int64_t e) {
      int64_t n = e - b;
      int64_t q = n / buckets;
      int64_t r = n % buckets;
      int64_t big = r * (q + 1);  // rows in the larger buckets
      for (int64_t i = 0; i < n; ++i) {
        out[b + i] = static_cast<int32_t>(i < big ? i / (q + 1) + 1 : r + (i - big) / q + 1);
      }
    });
    return v;
  });
}

/// Run-relative positions of the non-null rows of args[0] in [b, e).
void nonNullRows(const WindowPartitions& w, int64_t b, int64_t e, std::vector<int64_t>& pos) {
  const Vector& x = *(*w.args)[0];
  pos.clear();
  if (!x.mayHaveNulls()) {
    for (int64_t i = b; i < e; ++i) pos.push_back(i);
  } else {
    for (int64_t i = b; i < e; ++i) {
      if (!x.isNull(w.offset + i)) pos.push_back(i);
    }
  }
}

/// Output row i = x[src[i]] (run-relative), or the default (row i of
/// args[2]) / NULL when src[i] < 0.
VectorPtr gatherWithDefault(const WindowPartitions& w, const std::vector<int64_t>& src, bool has_default) {
  const Vector& x = *(*w.args)[0];
  if (!has_default) {
    std::vector<int32_t> rows(static_cast<size_t>(w.n));
    for (int64_t i = 0; i < w.n; ++i) rows[i] = src[i] < 0 ? -1 : static_cast<int32_t>(w.offset + src[i]);
    return gather(x, rows.data(), w.n);
  }
  const Vector& def = *(*w.args)[2];
  VectorBuilder b(x.type(), w.n);
  for (int64_t i = 0; i < w.n; ++i) {
    if (src[i] >= 0) {
      b.appendFrom(x, w.offset + src[i]);
    } else {
      b.appendFrom(def, w.offset + i);
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
  f.evaluate = [shift, has_default, ignore_nulls](const WindowPartitions& w, EvalContext&) {
    std::vector<int64_t> src(static_cast<size_t>(w.n), -1);
    std::vector<int64_t> pos;
    forEachPartition(w, [&](int64_t pb, int64_t pe) {
      if (!ignore_nulls || shift == 0) {
        // Rows whose source j = i + shift lies in [pb, pe).
        int64_t lo = std::max(pb, pb - shift), hi = std::min(pe, pe - shift);
        for (int64_t i = lo; i < hi; ++i) src[i] = i + shift;
        return;
      }
      nonNullRows(w, pb, pe, pos);
      int64_t m = static_cast<int64_t>(pos.size());
      int64_t before = 0;  // non-null rows strictly before i
      for (int64_t i = pb; i < pe; ++i) {
        while (before < m && pos[before] < i) ++before;
        int64_t k = shift < 0 ? before + shift : before + (before < m && pos[before] == i ? 1 : 0) + shift - 1;
        if (k >= 0 && k < m) src[i] = pos[k];
      }
    });
    return gatherWithDefault(w, src, has_default);
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
  f.evaluate = [nth, ignore_nulls](const WindowPartitions& w, EvalContext&) {
    std::vector<int64_t> src(static_cast<size_t>(w.n), -1);
    std::vector<int64_t> pos;
    forEachPartition(w, [&](int64_t pb, int64_t pe) {
      if (!ignore_nulls) {
        for (int64_t i = pb; i < pe; ++i) {
          int64_t b = w.frame_begin[i], e = w.frame_end[i];
          if (e <= b) continue;
          if (nth < 0) {
            src[i] = pb + e - 1;
          } else if (nth <= e - b) {
            src[i] = pb + b + nth - 1;
          }
        }
        return;
      }
      nonNullRows(w, pb, pe, pos);
      for (int64_t i = pb; i < pe; ++i) {
        int64_t b = pb + w.frame_begin[i], e = pb + w.frame_end[i];
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
    });
    return gatherWithDefault(w, src, false);
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

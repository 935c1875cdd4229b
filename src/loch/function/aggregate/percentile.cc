// percentile(expr, percentage) and median(expr) = percentile(expr, 0.5).
// Exact, as Spark's Percentile: the non-NULL values of a group are kept
// (read as DOUBLE), sorted (NaN largest), and percentage p in [0, 1] is
// answered by linear interpolation at position (n - 1) * p between the
// values at floor and ceil of that position. `percentage` must be a
// literal DOUBLE (or any numeric literal, implicitly cast) giving a DOUBLE
// result, or an ARRAY of them giving ARRAY<DOUBLE> (one element per
// percentage, in order). A group with no non-NULL value gives NULL.
// Simplified: the optional frequency argument and interval inputs of
// Spark's percentile are not supported.

#include <algorithm>
#include <cmath>
#include <vector>

#include "loch/function/aggregate/aggregate_util.h"

namespace loch {

namespace {

using agg::stateAs;

struct ValuesState {
  std::vector<double> values;
};

/// A numeric literal as double.
/// @throws AnalysisException DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE otherwise.
double literalDouble(const AggregateCall& call, const Value& v) {
  const DataType& t = *v.type();
  if (t.id() == TypeId::Double || t.id() == TypeId::Float) return v.getDouble();
  if (t.id() == TypeId::Decimal) return decimalToDouble(v.getDecimal(), t.scale());
  if (t.isIntegral()) return static_cast<double>(v.getLong());
  agg::throwBadInputType(call.name, 2, t, "(\"DOUBLE\" or \"ARRAY<DOUBLE>\")");
}

void checkPercentage(const AggregateCall& call, double p) {
  if (p >= 0.0 && p <= 1.0) return;
  throw AnalysisException("DATATYPE_MISMATCH.VALUE_OUT_OF_RANGE",
                          "Cannot resolve \"" + call.name +
                              "\" due to data type mismatch: The percentage must be between [0.0, 1.0] (current "
                              "value = " +
                              javaDoubleString(p) + ").");
}

/// The percentages of argument 2 and whether they came as an array.
/// @throws AnalysisException when argument 2 is not a non-NULL numeric
///         literal (or array literal of them) in [0, 1].
std::vector<double> percentagesOf(const AggregateCall& call, bool& is_array) {
  const Value* lit = call.literal(1);
  if (!lit) {
    throw AnalysisException("DATATYPE_MISMATCH.NON_FOLDABLE_INPUT",
                            "Cannot resolve \"" + call.name +
                                "\" due to data type mismatch: the input percentage should be a foldable "
                                "\"DOUBLE\" or \"ARRAY<DOUBLE>\" expression; however, got a non-literal.");
  }
  if (lit->isNull()) {
    throw AnalysisException("DATATYPE_MISMATCH.UNEXPECTED_NULL",
                            "Cannot resolve \"" + call.name +
                                "\" due to data type mismatch: The percentage must not be null.");
  }
  std::vector<double> ps;
  is_array = lit->type()->id() == TypeId::Array;
  if (is_array) {
    for (const Value& e : lit->children()) {
      if (e.isNull()) {
        throw AnalysisException("DATATYPE_MISMATCH.UNEXPECTED_NULL",
                                "Cannot resolve \"" + call.name +
                                    "\" due to data type mismatch: The percentage must not be null.");
      }
      ps.push_back(literalDouble(call, e));
    }
  } else {
    ps.push_back(literalDouble(call, *lit));
  }
  for (double p : ps) checkPercentage(call, p);
  return ps;
}

/// Spark's Percentile.getPercentile on sorted values.
double interpolate(const std::vector<double>& sorted, double p) {
  double position = static_cast<double>(sorted.size() - 1) * p;
  auto lower = static_cast<size_t>(std::floor(position));
  auto higher = static_cast<size_t>(std::ceil(position));
  if (lower == higher) return sorted[lower];
  return (static_cast<double>(higher) - position) * sorted[lower] +
         (position - static_cast<double>(lower)) * sorted[higher];
}

BoundAggregateFunction makePercentile(const AggregateCall& call, std::vector<double> ps, bool is_array) {
  const DataType& t = *call.arg_types[0];
  if (!t.isNumeric() && t.id() != TypeId::Null) agg::throwBadInputType(call.name, 1, t, "\"NUMERIC\"");
  BoundAggregateFunction f;
  f.name = call.name;
  f.arg_types = call.arg_types;
  if (t.id() == TypeId::Null) f.arg_types[0] = DoubleType();
  f.return_type = is_array ? ArrayType(DoubleType(), false) : DoubleType();
  agg::setStateOps<ValuesState>(f);
  f.update = [](const std::vector<VectorPtr>& args, int64_t n, uint8_t* const* states, EvalContext&) {
    agg::forEachValidAsDouble(*args[0], n,
                              [&](int64_t i, double x) { stateAs<ValuesState>(states[i]).values.push_back(x); });
  };
  f.combine = [](uint8_t* target, const uint8_t* source, EvalContext&) {
    auto& a = stateAs<ValuesState>(target).values;
    const auto& b = stateAs<ValuesState>(source).values;
    a.insert(a.end(), b.begin(), b.end());
  };
  DataTypePtr ret = f.return_type;
  f.finalize = [ps = std::move(ps), is_array, ret](uint8_t* const* states, int64_t n, EvalContext&) {
    if (!is_array) {
      VectorPtr out = Vector::makeFlat(DoubleType(), n);
      double* v = out->mutableValues<double>();
      for (int64_t i = 0; i < n; ++i) {
        auto& vals = stateAs<ValuesState>(states[i]).values;
        if (vals.empty()) {
          out->setNull(i);
          continue;
        }
        std::sort(vals.begin(), vals.end(), agg::orderLess<double>);
        v[i] = interpolate(vals, ps[0]);
      }
      return out;
    }
    std::vector<Value> rows;
    rows.reserve(static_cast<size_t>(n));
    for (int64_t i = 0; i < n; ++i) {
      auto& vals = stateAs<ValuesState>(states[i]).values;
      if (vals.empty()) {
        rows.push_back(Value::null(ret));
        continue;
      }
      std::sort(vals.begin(), vals.end(), agg::orderLess<double>);
      std::vector<Value> elems;
      for (double p : ps) elems.push_back(Value::doubleValue(interpolate(vals, p)));
      rows.push_back(Value::array(ret, std::move(elems)));
    }
    return Vector::fromValues(ret, rows);
  };
  return f;
}

}  // namespace

BoundAggregateFunction bindPercentile(const AggregateCall& call, bool is_median) {
  if (is_median) {
    agg::checkArgCount(call, 1, 1);
    return makePercentile(call, {0.5}, false);
  }
  agg::checkArgCount(call, 2, 2);
  bool is_array = false;
  std::vector<double> ps = percentagesOf(call, is_array);
  return makePercentile(call, std::move(ps), is_array);
}

void registerPercentileAggregates(FunctionRegistry& registry) {
  agg::addAggregateByName(registry, "percentile",
                          "percentile(col, percentage) - Returns the exact percentile value of numeric column `col` "
                          "at the given percentage (or array of percentages).");
  agg::addAggregateByName(registry, "median", "median(col) - Returns the median of numeric column `col`.");
}

}  // namespace loch

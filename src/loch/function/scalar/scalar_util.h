#pragma once
// Shared machinery of the scalar function families: argument checking with
// Spark-like analysis errors, implicit-cast rules for choosing arg_types, and
// vectorised evaluation loops (NULL propagation, constant folding of
// all-constant inputs, no-null fast paths).

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "loch/common/exception.h"
#include "loch/function/function_registry.h"
#include "loch/function/scalar_function.h"
#include "loch/vector/decoded_vector.h"
#include "loch/vector/vector_builder.h"

namespace cctz {
class time_zone;
}

namespace loch::scalar {

/// @throws AnalysisException WRONG_NUM_ARGS.WITHOUT_SUGGESTION unless
///         min <= args <= max, worded as Spark: "The `substr` requires [2, 3]
///         parameters but the actual number is 1."
void checkArgCount(const std::string& fn, const ScalarBindInput& in, size_t min, size_t max);

/// Spark's ImplicitTypeCasts rule (subset): can a value of `from` be cast
/// implicitly to `to` when a function expects `to`?
bool canImplicitCast(const DataType& from, const DataType& to);

/// Throws DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE for argument `i` (0-based)
/// of `fn`, naming the required type text ("DATE", "NUMERIC", ...).
[[noreturn]] void throwTypeMismatch(const std::string& fn, const ScalarBindInput& in, size_t i,
                                    const std::string& required);

/// `to` when argument i implicitly casts to it, else throws a mismatch.
DataTypePtr expectType(const std::string& fn, const ScalarBindInput& in, size_t i, DataTypePtr to);

/// Literal value of argument i if it is a foldable literal.
const Value* literalArg(const ScalarBindInput& in, size_t i);

/// Session time zone of the context (UTC when unset).
const cctz::time_zone& sessionZone(const EvalContext& ctx);

/// True when every argument vector is a constant.
bool allConstant(const std::vector<VectorPtr>& args);

/// Row 0 of `v` repeated `rows` times (used to fold all-constant inputs).
VectorPtr constantOf(const VectorPtr& one_row, int64_t rows);

/// Ordinal as Spark writes it in messages ("first", "second", ...).
std::string ordinal(size_t i);

/// Physical C++ type of a fixed-width Spark type id.
template <TypeId id>
struct PhysicalOf;
template <> struct PhysicalOf<TypeId::Boolean> { using type = uint8_t; };
template <> struct PhysicalOf<TypeId::Byte> { using type = int8_t; };
template <> struct PhysicalOf<TypeId::Short> { using type = int16_t; };
template <> struct PhysicalOf<TypeId::Integer> { using type = int32_t; };
template <> struct PhysicalOf<TypeId::Long> { using type = int64_t; };
template <> struct PhysicalOf<TypeId::Float> { using type = float; };
template <> struct PhysicalOf<TypeId::Double> { using type = double; };
template <> struct PhysicalOf<TypeId::Decimal> { using type = int128_t; };
template <> struct PhysicalOf<TypeId::Date> { using type = int32_t; };
template <> struct PhysicalOf<TypeId::Timestamp> { using type = int64_t; };
template <> struct PhysicalOf<TypeId::TimestampNTZ> { using type = int64_t; };

/// Evaluates a fixed-width result row by row. `f(decoded, i, out&)` returns
/// false for a NULL result; it is only called when no argument is NULL
/// (unless `call_on_null`). All-constant inputs are evaluated once.
template <class Out, class F>
VectorPtr computeFixed(const std::vector<VectorPtr>& args, int64_t rows, const DataTypePtr& type, F&& f,
                       bool call_on_null = false) {
  const bool folded = allConstant(args) && rows > 0;
  const int64_t n = folded ? 1 : rows;
  std::vector<DecodedVector> d(args.size());
  bool may_null = false;
  for (size_t a = 0; a < args.size(); ++a) {
    d[a].decode(*args[a]);
    may_null = may_null || d[a].mayHaveNulls();
  }
  VectorPtr out = Vector::makeFlat(type, n);
  Out* values = out->mutableValues<Out>();
  if (!may_null || call_on_null) {
    for (int64_t i = 0; i < n; ++i) {
      if (!f(d, i, values[i])) out->setNull(i);
    }
  } else {
    for (int64_t i = 0; i < n; ++i) {
      bool any_null = false;
      for (const auto& x : d) any_null = any_null || x.isNull(i);
      if (any_null || !f(d, i, values[i])) out->setNull(i);
    }
  }
  return folded ? constantOf(out, rows) : out;
}

/// As computeFixed for string/binary results: `f(decoded, i, std::string&
/// out)` fills `out` (cleared before each call) and returns false for NULL.
template <class F>
VectorPtr computeString(const std::vector<VectorPtr>& args, int64_t rows, const DataTypePtr& type, F&& f,
                        bool call_on_null = false) {
  const bool folded = allConstant(args) && rows > 0;
  const int64_t n = folded ? 1 : rows;
  std::vector<DecodedVector> d(args.size());
  bool may_null = false;
  for (size_t a = 0; a < args.size(); ++a) {
    d[a].decode(*args[a]);
    may_null = may_null || d[a].mayHaveNulls();
  }
  VectorBuilder b(type, n);
  std::string scratch;
  for (int64_t i = 0; i < n; ++i) {
    bool any_null = false;
    if (may_null && !call_on_null) {
      for (const auto& x : d) any_null = any_null || x.isNull(i);
    }
    scratch.clear();
    if (!any_null && f(d, i, scratch)) {
      b.appendString(scratch);
    } else {
      b.appendNull();
    }
  }
  VectorPtr out = b.finish();
  return folded ? constantOf(out, rows) : out;
}

/// As computeString for any result type appended through a VectorBuilder:
/// `f(decoded, i, builder)` appends exactly one row or returns false (the
/// helper then appends NULL).
template <class F>
VectorPtr computeBuilt(const std::vector<VectorPtr>& args, int64_t rows, const DataTypePtr& type, F&& f,
                       bool call_on_null = false) {
  const bool folded = allConstant(args) && rows > 0;
  const int64_t n = folded ? 1 : rows;
  std::vector<DecodedVector> d(args.size());
  bool may_null = false;
  for (size_t a = 0; a < args.size(); ++a) {
    d[a].decode(*args[a]);
    may_null = may_null || d[a].mayHaveNulls();
  }
  VectorBuilder b(type, n);
  for (int64_t i = 0; i < n; ++i) {
    bool any_null = false;
    if (may_null && !call_on_null) {
      for (const auto& x : d) any_null = any_null || x.isNull(i);
    }
    if (any_null || !f(d, i, b)) b.appendNull();
  }
  VectorPtr out = b.finish();
  return folded ? constantOf(out, rows) : out;
}

/// Numeric value of row i of a decoded numeric vector as double.
double numericAsDouble(const DecodedVector& d, const DataType& type, int64_t i);
/// Integral value of row i (byte/short/int/long/date/timestamp) as int64.
int64_t integralAsLong(const DecodedVector& d, const DataType& type, int64_t i);

/// Appends the standard Base64 (RFC 4648, padded, no line breaks) of `bytes`.
void base64Encode(std::string_view bytes, std::string& out);

/// concat(array, ...) and reverse(array) binders (collection family),
/// dispatched from the string functions of the same name.
BoundScalarFunction bindArrayConcat(const ScalarBindInput& in);
BoundScalarFunction bindArrayReverse(const ScalarBindInput& in);

// Family registration entry points (one file each).
void registerStringFunctions(FunctionRegistry& registry);
void registerRegexpFunctions(FunctionRegistry& registry);
void registerMathFunctions(FunctionRegistry& registry);
void registerDatetimeFunctions(FunctionRegistry& registry);
void registerHashFunctions(FunctionRegistry& registry);
void registerCollectionFunctions(FunctionRegistry& registry);
void registerJsonFunctions(FunctionRegistry& registry);

}  // namespace loch::scalar

#include "loch/function/scalar/scalar_util.h"

#include <cctz/time_zone.h>

#include "loch/types/datetime.h"

namespace loch::scalar {

namespace {

std::string callText(const std::string& fn, const ScalarBindInput& in) {
  std::string s = fn + "(";
  for (size_t i = 0; i < in.args.size(); ++i) {
    if (i) s += ", ";
    s += in.args[i]->toString();
  }
  return s + ")";
}

}  // namespace

std::string ordinal(size_t i) {
  static const char* names[] = {"first", "second", "third", "fourth", "fifth",
                                "sixth", "seventh", "eighth", "ninth", "tenth"};
  return i < 10 ? names[i] : std::to_string(i + 1) + "th";
}

void checkArgCount(const std::string& fn, const ScalarBindInput& in, size_t min, size_t max) {
  size_t n = in.args.size();
  if (n >= min && n <= max) return;
  std::string expected;
  if (min == max) {
    expected = std::to_string(min);
  } else if (max == SIZE_MAX) {
    expected = "> " + std::to_string(min - 1);
  } else {
    expected = "[";
    for (size_t k = min; k <= max; ++k) expected += (k == min ? "" : ", ") + std::to_string(k);
    expected += "]";
  }
  throw AnalysisException("WRONG_NUM_ARGS.WITHOUT_SUGGESTION",
                          "The `" + fn + "` requires " + expected +
                              " parameters but the actual number is " + std::to_string(n) + ".");
}

bool canImplicitCast(const DataType& from, const DataType& to) {
  if (from.equals(to)) return true;
  TypeId f = from.id();
  TypeId t = to.id();
  if (f == TypeId::Null) return true;
  switch (t) {
    case TypeId::String:
      return !from.isNested() && f != TypeId::Binary;
    case TypeId::Binary:
      return f == TypeId::String;
    case TypeId::Date:
      return f == TypeId::String || f == TypeId::Timestamp || f == TypeId::TimestampNTZ;
    case TypeId::Timestamp:
      return f == TypeId::String || f == TypeId::Date || f == TypeId::TimestampNTZ;
    case TypeId::TimestampNTZ:
      return f == TypeId::String || f == TypeId::Date;
    case TypeId::Boolean:
      return f == TypeId::String;
    case TypeId::Byte:
    case TypeId::Short:
    case TypeId::Integer:
    case TypeId::Long:
      // Widening only (Spark never narrows implicitly); strings are parsed.
      if (f == TypeId::String) return true;
      if (!from.isIntegral()) return false;
      return from.fixedWidth() <= to.fixedWidth();
    case TypeId::Float:
    case TypeId::Double:
    case TypeId::Decimal:
      return from.isNumeric() || f == TypeId::String;
    case TypeId::Array:
      return f == TypeId::Array && canImplicitCast(*from.elementType(), *to.elementType());
    default:
      return false;
  }
}

void throwTypeMismatch(const std::string& fn, const ScalarBindInput& in, size_t i,
                       const std::string& required) {
  throw AnalysisException(
      "DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE",
      "Cannot resolve \"" + callText(fn, in) + "\" due to data type mismatch: The " + ordinal(i) +
          " parameter requires the " + required + " type, however \"" + in.args[i]->toString() +
          "\" has the type \"" + in.args[i]->type()->sql() + "\".");
}

DataTypePtr expectType(const std::string& fn, const ScalarBindInput& in, size_t i, DataTypePtr to) {
  const DataType& from = *in.args[i]->type();
  // Legacy TypeCoercion casts any numeric to any numeric; ANSI only widens.
  bool legacy_numeric = !in.ansi && from.isNumeric() && to->isNumeric();
  if (!legacy_numeric && !canImplicitCast(from, *to)) throwTypeMismatch(fn, in, i, "\"" + to->sql() + "\"");
  return to;
}

const Value* literalArg(const ScalarBindInput& in, size_t i) {
  if (i >= in.args.size() || in.args[i]->kind() != ExprKind::Literal) return nullptr;
  return &in.args[i]->literal();
}

const cctz::time_zone& sessionZone(const EvalContext& ctx) {
  return ctx.time_zone ? *ctx.time_zone : lookupTimeZone("UTC");
}

bool allConstant(const std::vector<VectorPtr>& args) {
  for (const auto& a : args) {
    if (!a->isConstant()) return false;
  }
  return true;
}

VectorPtr constantOf(const VectorPtr& one_row, int64_t rows) {
  return Vector::makeConstant(one_row->getValue(0), rows);
}

double numericAsDouble(const DecodedVector& d, const DataType& type, int64_t i) {
  switch (type.id()) {
    case TypeId::Byte: return d.valueAt<int8_t>(i);
    case TypeId::Short: return d.valueAt<int16_t>(i);
    case TypeId::Integer: return d.valueAt<int32_t>(i);
    case TypeId::Long: return static_cast<double>(d.valueAt<int64_t>(i));
    case TypeId::Float: return d.valueAt<float>(i);
    case TypeId::Double: return d.valueAt<double>(i);
    case TypeId::Decimal: {
      int128_t v = d.valueAt<int128_t>(i);
      double p = 1;
      for (int k = 0; k < type.scale(); ++k) p *= 10;
      return static_cast<double>(v) / p;
    }
    default: throw InternalException("numericAsDouble on " + type.sql());
  }
}

int64_t integralAsLong(const DecodedVector& d, const DataType& type, int64_t i) {
  switch (type.id()) {
    case TypeId::Boolean: return d.valueAt<uint8_t>(i);
    case TypeId::Byte: return d.valueAt<int8_t>(i);
    case TypeId::Short: return d.valueAt<int16_t>(i);
    case TypeId::Integer:
    case TypeId::Date:
    case TypeId::YearMonthInterval: return d.valueAt<int32_t>(i);
    case TypeId::Long:
    case TypeId::Timestamp:
    case TypeId::TimestampNTZ:
    case TypeId::DayTimeInterval: return d.valueAt<int64_t>(i);
    default: throw InternalException("integralAsLong on " + type.sql());
  }
}

}  // namespace loch::scalar

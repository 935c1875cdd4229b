// = == <> != < <= > >= <=> (Spark's EqualTo, LessThan, ..., EqualNullSafe).

#include "loch/function/operators/comparison.h"

#include <cmath>

#include "loch/function/function_registry.h"
#include "loch/function/operators/kernel_util.h"
#include "loch/function/operators/operator_families.h"
#include "loch/function/operators/operator_util.h"
#include "loch/function/type_coercion.h"

namespace loch {

namespace {

template <class T>
inline int threeWay(T a, T b) {
  if constexpr (std::is_floating_point_v<T>) {
    bool na = std::isnan(a), nb = std::isnan(b);
    if (na || nb) return na == nb ? 0 : (na ? 1 : -1);
  }
  return (a > b) - (a < b);
}

template <CmpOp op>
inline bool test(int c) {
  if constexpr (op == CmpOp::Eq) return c == 0;
  else if constexpr (op == CmpOp::Ne) return c != 0;
  else if constexpr (op == CmpOp::Lt) return c < 0;
  else if constexpr (op == CmpOp::Le) return c <= 0;
  else if constexpr (op == CmpOp::Gt) return c > 0;
  else return c >= 0;
}

template <CmpOp op, class T>
inline bool cmp(T a, T b) {
  if constexpr (std::is_floating_point_v<T>) {
    return test<op>(threeWay(a, b));
  } else {
    if constexpr (op == CmpOp::Eq) return a == b;
    else if constexpr (op == CmpOp::Ne) return a != b;
    else if constexpr (op == CmpOp::Lt) return a < b;
    else if constexpr (op == CmpOp::Le) return a <= b;
    else if constexpr (op == CmpOp::Gt) return a > b;
    else return a >= b;
  }
}

template <CmpOp op>
VectorPtr compareTyped(const Vector& a, const Vector& b, int64_t n) {
  TypeId id = a.typeId();
  if (id == TypeId::String || id == TypeId::Binary) {
    return kernel::binaryStringToFixed<uint8_t>(a, b, n, BooleanType(), [](std::string_view x, std::string_view y, uint8_t& o) {
      o = test<op>(x.compare(y));
      return true;
    });
  }
  if (kernel::isFixedWidth(id)) {
    return kernel::dispatchFixed(id, [&](auto tag) {
      using T = decltype(tag);
      return kernel::binaryFixed<T, T, uint8_t>(a, b, n, BooleanType(), [](T x, T y, uint8_t& o) {
        o = cmp<op>(x, y);
        return true;
      });
    });
  }
  // Nested and NULL-typed values: row by row (rare in hot paths).
  auto out = Vector::makeFlat(BooleanType(), n);
  uint8_t* o = out->mutableValues<uint8_t>();
  for (int64_t i = 0; i < n; ++i) {
    if (a.isNull(i) || b.isNull(i)) {
      out->setNull(i);
      continue;
    }
    o[i] = test<op>(compareValues(a.getValue(i), b.getValue(i)));
  }
  return out;
}

BoundScalarFunction bindComparison(CmpOp op, bool null_safe, const std::string& name, const ScalarBindInput& in) {
  checkArgCount(name, in.args, 2, 2);
  DataTypePtr l = in.args[0]->type(), r = in.args[1]->type();
  auto common = findCommonTypeForComparison(l, r, in.ansi);
  if (!common) throwBinaryOpDiffTypes(name, in.args);
  DataTypePtr t = (*common)->id() == TypeId::Null ? BooleanType() : *common;
  if (t->id() == TypeId::Map) {
    throw AnalysisException("DATATYPE_MISMATCH.INVALID_ORDERING_TYPE",
                            "Cannot resolve \"" + callSql(name, in.args) + "\" due to data type mismatch: The " +
                                "`" + name + "`" + " does not support ordering on type \"" + t->sql() + "\".");
  }
  ScalarKernel k;
  if (null_safe) {
    k = [](const std::vector<VectorPtr>& a, int64_t n, EvalContext&) { return nullSafeEquals(*a[0], *a[1], n); };
  } else {
    k = [op](const std::vector<VectorPtr>& a, int64_t n, EvalContext&) { return compareVectors(op, *a[0], *a[1], n); };
  }
  return op::bound(name, {t, t}, BooleanType(), std::move(k));
}

}  // namespace

VectorPtr compareVectors(CmpOp op, const Vector& a, const Vector& b, int64_t n) {
  switch (op) {
    case CmpOp::Eq: return compareTyped<CmpOp::Eq>(a, b, n);
    case CmpOp::Ne: return compareTyped<CmpOp::Ne>(a, b, n);
    case CmpOp::Lt: return compareTyped<CmpOp::Lt>(a, b, n);
    case CmpOp::Le: return compareTyped<CmpOp::Le>(a, b, n);
    case CmpOp::Gt: return compareTyped<CmpOp::Gt>(a, b, n);
    case CmpOp::Ge: return compareTyped<CmpOp::Ge>(a, b, n);
  }
  return nullptr;
}

VectorPtr nullSafeEquals(const Vector& a, const Vector& b, int64_t n) {
  if (a.isConstant() && b.isConstant() && n > 0) {
    return kernel::wrapConstant(nullSafeEquals(*a.dictionary(), *b.dictionary(), 1), n);
  }
  auto eq = compareVectors(CmpOp::Eq, a, b, n);
  if (!eq->mayHaveNulls()) return eq;
  auto flat = eq->isFlat() ? eq : eq->flatten();
  DecodedVector da(a), db(b);
  uint8_t* o = flat->mutableValues<uint8_t>();
  for (int64_t i = 0; i < n; ++i) {
    bool an = da.isNull(i), bn = db.isNull(i);
    if (an || bn) o[i] = an && bn;
  }
  flat->setValidityBuffer(nullptr);
  return flat;
}

int compareValues(const Value& a, const Value& b) {
  if (a.isNull() || b.isNull()) return a.isNull() == b.isNull() ? 0 : (a.isNull() ? -1 : 1);
  switch (a.type()->id()) {
    case TypeId::Boolean: return threeWay<int>(a.getBool(), b.getBool());
    case TypeId::Float:
    case TypeId::Double: return threeWay(a.getDouble(), b.getDouble());
    case TypeId::Decimal: {
      int128_t x = a.getDecimal(), y = b.getDecimal();
      return (x > y) - (x < y);
    }
    case TypeId::String:
    case TypeId::Binary: {
      int c = a.getString().compare(b.getString());
      return (c > 0) - (c < 0);
    }
    case TypeId::Array:
    case TypeId::Struct:
    case TypeId::Map: {
      const auto& x = a.children();
      const auto& y = b.children();
      for (size_t i = 0; i < x.size() && i < y.size(); ++i) {
        int c = compareValues(x[i], y[i]);
        if (c) return c;
      }
      return threeWay<size_t>(x.size(), y.size());
    }
    case TypeId::Null: return 0;
    default: return threeWay<int64_t>(a.getLong(), b.getLong());
  }
}

void registerComparisonOperators(FunctionRegistry& reg) {
  struct Entry {
    const char* name;
    CmpOp op;
    const char* usage;
  };
  const Entry entries[] = {
      {"=", CmpOp::Eq, "expr1 = expr2 - Returns true if `expr1` equals `expr2`, or false otherwise."},
      {"==", CmpOp::Eq, "expr1 == expr2 - Returns true if `expr1` equals `expr2`, or false otherwise."},
      {"<>", CmpOp::Ne, "expr1 <> expr2 - Returns true if `expr1` is not equal to `expr2`, or false otherwise."},
      {"!=", CmpOp::Ne, "expr1 != expr2 - Returns true if `expr1` is not equal to `expr2`, or false otherwise."},
      {"<", CmpOp::Lt, "expr1 < expr2 - Returns true if `expr1` is less than `expr2`."},
      {"<=", CmpOp::Le, "expr1 <= expr2 - Returns true if `expr1` is less than or equal to `expr2`."},
      {">", CmpOp::Gt, "expr1 > expr2 - Returns true if `expr1` is greater than `expr2`."},
      {">=", CmpOp::Ge, "expr1 >= expr2 - Returns true if `expr1` is greater than or equal to `expr2`."},
  };
  for (const auto& e : entries) {
    std::string name = e.name;
    CmpOp op = e.op;
    reg.addScalar(name, [name, op](const ScalarBindInput& in) { return bindComparison(op, false, name, in); },
                  {e.usage, ""});
  }
  reg.addScalar("<=>", [](const ScalarBindInput& in) { return bindComparison(CmpOp::Eq, true, "<=>", in); },
                {"expr1 <=> expr2 - Returns same result as the EQUAL(=) operator for non-null operands, but returns "
                 "true if both are null, false if one of them is null.",
                 ""});
  reg.addScalar("equal_null", [](const ScalarBindInput& in) { return bindComparison(CmpOp::Eq, true, "equal_null", in); },
                {"equal_null(expr1, expr2) - Returns same result as the EQUAL(=) operator for non-null operands, "
                 "but returns true if both are null, false if one of them is null.",
                 ""});
}

}  // namespace loch

// and, or, not (three-valued), isnull, isnotnull and IN (Spark's And, Or,
// Not, IsNull, IsNotNull, In).

#include "loch/function/operators/logical.h"

#include <cmath>
#include <cstring>
#include <limits>
#include <string_view>
#include <unordered_set>

#include "loch/function/function_registry.h"
#include "loch/function/operators/comparison.h"
#include "loch/function/operators/kernel_util.h"
#include "loch/function/operators/operator_families.h"
#include "loch/function/operators/operator_util.h"
#include "loch/function/type_coercion.h"

namespace loch {

namespace {

/// `is_and` selects AND (dominant value false) or OR (dominant value true).
VectorPtr threeValued(bool is_and, const Vector& a, const Vector& b, int64_t n) {
  if (a.isConstant() && b.isConstant() && n > 0) {
    return kernel::wrapConstant(threeValued(is_and, *a.dictionary(), *b.dictionary(), 1), n);
  }
  DecodedVector da(a), db(b);
  auto out = Vector::makeFlat(BooleanType(), n);
  uint8_t* o = out->mutableValues<uint8_t>();
  const uint8_t* av = da.base().values<uint8_t>();
  const uint8_t* bv = db.base().values<uint8_t>();
  if (!da.mayHaveNulls() && !db.mayHaveNulls()) {
    if (da.isIdentity() && db.isIdentity()) {
      if (is_and)
        for (int64_t i = 0; i < n; ++i) o[i] = av[i] & bv[i];
      else
        for (int64_t i = 0; i < n; ++i) o[i] = av[i] | bv[i];
    } else {
      for (int64_t i = 0; i < n; ++i) {
        uint8_t x = av[da.index(i)], y = bv[db.index(i)];
        o[i] = is_and ? (x & y) : (x | y);
      }
    }
    return out;
  }
  const uint8_t dominant = is_and ? 0 : 1;
  for (int64_t i = 0; i < n; ++i) {
    bool an = da.isNull(i), bn = db.isNull(i);
    uint8_t x = an ? 2 : av[da.index(i)];
    uint8_t y = bn ? 2 : bv[db.index(i)];
    if (x == dominant || y == dominant) {
      o[i] = dominant;
    } else if (an || bn) {
      out->setNull(i);
    } else {
      o[i] = static_cast<uint8_t>(1 - dominant);
    }
  }
  return out;
}

void requireBoolean(const std::string& name, const ScalarBindInput& in, size_t i) {
  TypeId t = in.args[i]->type()->id();
  if (t != TypeId::Boolean && t != TypeId::Null) throwUnexpectedInputType(name, in.args, i, "\"BOOLEAN\"");
}

BoundScalarFunction bindAndOr(bool is_and, const std::string& name, const ScalarBindInput& in) {
  checkArgCount(name, in.args, 2, 2);
  requireBoolean(name, in, 0);
  requireBoolean(name, in, 1);
  return op::bound(name, {BooleanType(), BooleanType()}, BooleanType(),
                   [is_and](const std::vector<VectorPtr>& a, int64_t n, EvalContext&) {
                     return threeValued(is_and, *a[0], *a[1], n);
                   });
}

VectorPtr nullTest(const Vector& v, int64_t n, bool want_null) {
  if (v.isConstant() && n > 0) return Vector::makeConstant(Value::boolean(v.isNull(0) == want_null), n);
  auto out = Vector::makeFlat(BooleanType(), n);
  uint8_t* o = out->mutableValues<uint8_t>();
  if (!v.mayHaveNulls()) {
    std::memset(o, want_null ? 0 : 1, static_cast<size_t>(n));
    return out;
  }
  DecodedVector d(v);
  for (int64_t i = 0; i < n; ++i) o[i] = d.isNull(i) == want_null;
  return out;
}

/// Hash key of a fixed-width value: NaN and -0.0 normalised so that Spark's
/// NaN = NaN and 0.0 = -0.0 hold.
template <class T>
auto inKey(T v) {
  if constexpr (std::is_floating_point_v<T>) {
    if (std::isnan(v)) v = std::numeric_limits<T>::quiet_NaN();
    if (v == 0) v = 0;
    using Bits = std::conditional_t<sizeof(T) == 4, uint32_t, uint64_t>;
    Bits b;
    std::memcpy(&b, &v, sizeof(T));
    return b;
  } else if constexpr (std::is_same_v<T, int128_t>) {
    return std::pair<uint64_t, uint64_t>(static_cast<uint64_t>(v), static_cast<uint64_t>(static_cast<unsigned __int128>(v) >> 64));
  } else {
    return v;
  }
}

struct KeyHash {
  template <class K>
  size_t operator()(const K& k) const {
    if constexpr (std::is_same_v<K, std::pair<uint64_t, uint64_t>>) {
      return std::hash<uint64_t>()(k.first) * 31 + std::hash<uint64_t>()(k.second);
    } else {
      return std::hash<K>()(k);
    }
  }
};

/// Rows of `value` looked up in a hash set of the constant list elements.
template <class Lookup>
VectorPtr inHashed(const Vector& value, int64_t n, bool list_has_null, Lookup&& found) {
  DecodedVector d(value);
  auto out = Vector::makeFlat(BooleanType(), n);
  uint8_t* o = out->mutableValues<uint8_t>();
  for (int64_t i = 0; i < n; ++i) {
    if (d.isNull(i)) {
      out->setNull(i);
    } else if (found(d, i)) {
      o[i] = 1;
    } else if (list_has_null) {
      out->setNull(i);
    }
  }
  return out;
}

/// IN against a list of constants: one hash set per call instead of one
/// comparison pass per element. nullptr when the type has no fast path.
VectorPtr inConstantList(const std::vector<VectorPtr>& a, int64_t n) {
  const DataType& t = *a[0]->type();
  bool has_null = false;
  for (size_t i = 1; i < a.size(); ++i) has_null = has_null || a[i]->isNull(0);
  if (t.id() == TypeId::String || t.id() == TypeId::Binary) {
    std::unordered_set<std::string_view> set;
    for (size_t i = 1; i < a.size(); ++i)
      if (!a[i]->isNull(0)) set.insert(a[i]->dictionary()->stringAt(0));
    return inHashed(*a[0], n, has_null, [&](const DecodedVector& d, int64_t i) { return set.count(d.stringAt(i)) > 0; });
  }
  if (!kernel::isFixedWidth(t.id())) return nullptr;
  return kernel::dispatchFixed(t.id(), [&](auto tag) -> VectorPtr {
    using T = decltype(tag);
    using K = decltype(inKey(T{}));
    std::unordered_set<K, KeyHash> set;
    for (size_t i = 1; i < a.size(); ++i)
      if (!a[i]->isNull(0)) set.insert(inKey(a[i]->dictionary()->template values<T>()[0]));
    return inHashed(*a[0], n, has_null,
                    [&](const DecodedVector& d, int64_t i) { return set.count(inKey(d.template valueAt<T>(i))) > 0; });
  });
}

/// value IN (list...): true if some element equals the value; else NULL
/// if the value or some element is NULL; else false.
VectorPtr inKernel(const std::vector<VectorPtr>& a, int64_t n) {
  bool constant_list = n > 0 && a.size() > 4;
  for (size_t i = 1; i < a.size() && constant_list; ++i) constant_list = a[i]->isConstant();
  if (constant_list && !a[0]->isConstant()) {
    if (VectorPtr r = inConstantList(a, n)) return r;
  }
  VectorPtr acc;
  for (size_t i = 1; i < a.size(); ++i) {
    auto eq = compareVectors(CmpOp::Eq, *a[0], *a[i], n);
    acc = acc ? threeValued(false, *acc, *eq, n) : eq;
  }
  return acc;
}

BoundScalarFunction bindIn(const ScalarBindInput& in) {
  checkArgCount("in", in.args, 2, -1);
  std::vector<DataTypePtr> types = in.argTypes();
  std::optional<DataTypePtr> common = findWiderCommonType(types, in.ansi);
  if (!common) {
    // Comparison rules cover string = number, which the wider type lacks under ANSI.
    common = types[0];
    for (size_t i = 1; i < types.size() && common; ++i) common = findCommonTypeForComparison(*common, types[i], in.ansi);
  }
  if (!common) {
    throw AnalysisException("DATATYPE_MISMATCH.DATA_DIFF_TYPES",
                            "Cannot resolve \"" + callSql("in", in.args) +
                                "\" due to data type mismatch: Input to `in` should all be the same type.");
  }
  DataTypePtr t = (*common)->id() == TypeId::Null ? BooleanType() : *common;
  std::vector<DataTypePtr> arg_types(in.args.size(), t);
  return op::bound("in", arg_types, BooleanType(),
                   [](const std::vector<VectorPtr>& a, int64_t n, EvalContext&) { return inKernel(a, n); });
}

}  // namespace

VectorPtr logicalAnd(const Vector& a, const Vector& b, int64_t n) { return threeValued(true, a, b, n); }
VectorPtr logicalOr(const Vector& a, const Vector& b, int64_t n) { return threeValued(false, a, b, n); }

void registerLogicalOperators(FunctionRegistry& reg) {
  reg.addScalar("and", [](const ScalarBindInput& in) { return bindAndOr(true, "and", in); },
                {"expr1 and expr2 - Logical AND.", "SELECT true and NULL; NULL"});
  reg.addScalar("or", [](const ScalarBindInput& in) { return bindAndOr(false, "or", in); },
                {"expr1 or expr2 - Logical OR.", "SELECT false or NULL; NULL"});
  reg.addScalar("not",
                [](const ScalarBindInput& in) {
                  checkArgCount("not", in.args, 1, 1);
                  requireBoolean("not", in, 0);
                  return op::bound("not", {BooleanType()}, BooleanType(),
                                   [](const std::vector<VectorPtr>& a, int64_t n, EvalContext&) {
                                     return kernel::unaryFixed<uint8_t, uint8_t>(*a[0], n, BooleanType(),
                                                                                 [](uint8_t x, uint8_t& o) {
                                                                                   o = !x;
                                                                                   return true;
                                                                                 });
                                   });
                },
                {"not expr - Logical not.", "SELECT not true; false"});
  reg.addAlias("!", "not");
  for (bool want_null : {true, false}) {
    std::string name = want_null ? "isnull" : "isnotnull";
    reg.addScalar(name,
                  [name, want_null](const ScalarBindInput& in) {
                    checkArgCount(name, in.args, 1, 1);
                    BoundScalarFunction f = op::bound(
                        name, {in.args[0]->type()}, BooleanType(),
                        [want_null](const std::vector<VectorPtr>& a, int64_t n, EvalContext&) {
                          return nullTest(*a[0], n, want_null);
                        });
                    return f;
                  },
                  {name + "(expr) - Returns true if `expr` is " + (want_null ? "" : "not ") + "null, or false otherwise.",
                   ""});
  }
  reg.addScalar("in", bindIn, {"expr1 in(expr2, expr3, ...) - Returns true if `expr` equals to any valN.", ""});
}

}  // namespace loch

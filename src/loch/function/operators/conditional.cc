// Conditional functions: if, coalesce, nvl, ifnull, nvl2, nullif, isnan,
// nanvl (Spark's If, Coalesce, Nvl, Nvl2, NullIf, IsNaN, NaNvl). These
// kernels evaluate every argument; the physical expression layer compiles
// if/coalesce/nvl/ifnull lazily instead (see expr/physical/).

#include <cmath>

#include "loch/function/function_registry.h"
#include "loch/function/operators/comparison.h"
#include "loch/function/operators/kernel_util.h"
#include "loch/function/operators/operator_families.h"
#include "loch/function/operators/operator_util.h"
#include "loch/function/operators/select.h"
#include "loch/function/type_coercion.h"

namespace loch {

namespace {

DataTypePtr commonOrThrow(const std::string& name, const std::vector<ExprPtr>& args, size_t from, bool ansi) {
  std::vector<DataTypePtr> types;
  for (size_t i = from; i < args.size(); ++i) types.push_back(args[i]->type());
  auto t = findWiderCommonType(types, ansi);
  if (!t) throwDataDiffTypes(name, std::vector<ExprPtr>(args.begin() + static_cast<long>(from), args.end()));
  return *t;
}

VectorPtr ifKernel(const std::vector<VectorPtr>& a, int64_t n, const DataTypePtr& t) {
  DecodedVector c(*a[0]);
  const uint8_t* cv = c.base().values<uint8_t>();
  std::vector<uint8_t> which(static_cast<size_t>(n));
  for (int64_t i = 0; i < n; ++i) which[i] = (!c.isNull(i) && cv[c.index(i)]) ? 0 : 1;
  return selectRows(t, n, {a[1].get(), a[2].get()}, which.data(), nullptr);
}

VectorPtr coalesceKernel(const std::vector<VectorPtr>& a, int64_t n, const DataTypePtr& t) {
  if (a.size() == 1) return a[0];
  std::vector<DecodedVector> dec(a.size());
  std::vector<const Vector*> sources;
  for (size_t s = 0; s < a.size(); ++s) {
    dec[s].decode(*a[s]);
    sources.push_back(a[s].get());
  }
  std::vector<uint8_t> which(static_cast<size_t>(n), kSelectNull);
  for (int64_t i = 0; i < n; ++i) {
    for (size_t s = 0; s < a.size(); ++s) {
      if (!dec[s].isNull(i)) {
        which[i] = static_cast<uint8_t>(s);
        break;
      }
    }
  }
  return selectRows(t, n, sources, which.data(), nullptr);
}

BoundScalarFunction bindIf(const ScalarBindInput& in) {
  checkArgCount("if", in.args, 3, 3);
  TypeId c = in.args[0]->type()->id();
  if (c != TypeId::Boolean && c != TypeId::Null) throwUnexpectedInputType("if", in.args, 0, "\"BOOLEAN\"");
  DataTypePtr t = commonOrThrow("if", in.args, 1, in.ansi);
  return op::bound("if", {BooleanType(), t, t}, t, [t](const std::vector<VectorPtr>& a, int64_t n, EvalContext&) {
    return ifKernel(a, n, t);
  });
}

BoundScalarFunction bindCoalesce(const std::string& name, int min, int max, const ScalarBindInput& in) {
  checkArgCount(name, in.args, min, max);
  DataTypePtr t = commonOrThrow(name, in.args, 0, in.ansi);
  std::vector<DataTypePtr> types(in.args.size(), t);
  return op::bound(name, types, t, [t](const std::vector<VectorPtr>& a, int64_t n, EvalContext&) {
    return coalesceKernel(a, n, t);
  });
}

BoundScalarFunction bindNvl2(const ScalarBindInput& in) {
  checkArgCount("nvl2", in.args, 3, 3);
  std::vector<ExprPtr> branches(in.args.begin() + 1, in.args.end());
  DataTypePtr t = commonOrThrow("nvl2", in.args, 1, in.ansi);
  return op::bound("nvl2", {in.args[0]->type(), t, t}, t,
                   [t](const std::vector<VectorPtr>& a, int64_t n, EvalContext&) {
                     DecodedVector d(*a[0]);
                     std::vector<uint8_t> which(static_cast<size_t>(n));
                     for (int64_t i = 0; i < n; ++i) which[i] = d.isNull(i) ? 1 : 0;
                     return selectRows(t, n, {a[1].get(), a[2].get()}, which.data(), nullptr);
                   });
}

BoundScalarFunction bindNullIf(const ScalarBindInput& in) {
  checkArgCount("nullif", in.args, 2, 2);
  auto t = findCommonTypeForComparison(in.args[0]->type(), in.args[1]->type(), in.ansi);
  if (!t) throwBinaryOpDiffTypes("nullif", in.args);
  DataTypePtr ty = *t;
  return op::bound("nullif", {ty, ty}, ty,
                   [ty](const std::vector<VectorPtr>& a, int64_t n, EvalContext&) {
                     auto eq = compareVectors(CmpOp::Eq, *a[0], *a[1], n);
                     DecodedVector d(*eq);
                     const uint8_t* ev = d.base().values<uint8_t>();
                     std::vector<uint8_t> which(static_cast<size_t>(n));
                     for (int64_t i = 0; i < n; ++i) which[i] = (!d.isNull(i) && ev[d.index(i)]) ? kSelectNull : 0;
                     return selectRows(ty, n, {a[0].get()}, which.data(), nullptr);
                   },
                   true);
}

DataTypePtr floatingArg(const std::string& name, const ScalarBindInput& in, size_t i) {
  const DataType& t = *in.args[i]->type();
  if (t.id() == TypeId::Float) return FloatType();
  if (t.isNumeric() || t.id() == TypeId::Null) return DoubleType();
  throwUnexpectedInputType(name, in.args, i, "(\"DOUBLE\" or \"FLOAT\")");
}

BoundScalarFunction bindIsNaN(const ScalarBindInput& in) {
  checkArgCount("isnan", in.args, 1, 1);
  DataTypePtr t = floatingArg("isnan", in, 0);
  return op::bound("isnan", {t}, BooleanType(), [t](const std::vector<VectorPtr>& a, int64_t n, EvalContext&) {
    VectorPtr r = kernel::dispatchFixed(t->id(), [&](auto tag) -> VectorPtr {
      using T = decltype(tag);
      if constexpr (std::is_floating_point_v<T>) {
        return kernel::unaryFixed<T, uint8_t>(*a[0], n, BooleanType(), [](T x, uint8_t& o) {
          o = std::isnan(x);
          return true;
        });
      } else {
        throw InternalException("isnan on non-floating type");
      }
    });
    // isnan(NULL) is false, never NULL.
    if (!r->mayHaveNulls()) return r;
    auto flat = r->isFlat() ? r : r->flatten();
    uint8_t* o = flat->mutableValues<uint8_t>();
    for (int64_t i = 0; i < n; ++i)
      if (flat->isNull(i)) o[i] = 0;
    flat->setValidityBuffer(nullptr);
    return flat;
  });
}

BoundScalarFunction bindNaNvl(const ScalarBindInput& in) {
  checkArgCount("nanvl", in.args, 2, 2);
  DataTypePtr l = floatingArg("nanvl", in, 0), r = floatingArg("nanvl", in, 1);
  DataTypePtr t = (l->id() == TypeId::Float && r->id() == TypeId::Float) ? FloatType() : DoubleType();
  return op::bound("nanvl", {t, t}, t, [t](const std::vector<VectorPtr>& a, int64_t n, EvalContext&) {
    DecodedVector d(*a[0]);
    std::vector<uint8_t> which(static_cast<size_t>(n));
    for (int64_t i = 0; i < n; ++i) {
      bool nan = false;
      if (!d.isNull(i)) {
        nan = t->id() == TypeId::Float ? std::isnan(d.valueAt<float>(i)) : std::isnan(d.valueAt<double>(i));
      }
      which[i] = nan ? 1 : 0;
    }
    return selectRows(t, n, {a[0].get(), a[1].get()}, which.data(), nullptr);
  });
}

BoundScalarFunction bindAssertTrue(const ScalarBindInput& in) {
  checkArgCount("assert_true", in.args, 1, 2);
  TypeId c = in.args[0]->type()->id();
  if (c != TypeId::Boolean && c != TypeId::Null) throwUnexpectedInputType("assert_true", in.args, 0, "\"BOOLEAN\"");
  std::string text = in.args.size() == 2 && in.args[1]->kind() == ExprKind::Literal && !in.args[1]->literal().isNull()
                         ? in.args[1]->literal().getString()
                         : "'" + in.args[0]->toString() + "' is not true!";
  std::vector<DataTypePtr> types = {BooleanType()};
  if (in.args.size() == 2) types.push_back(StringType());
  return op::bound("assert_true", types, NullType(),
                   [text](const std::vector<VectorPtr>& a, int64_t n, EvalContext&) {
                     DecodedVector d(*a[0]);
                     for (int64_t i = 0; i < n; ++i) {
                       if (d.isNull(i) || !d.valueAt<uint8_t>(i)) {
                         std::string msg = text;
                         if (a.size() == 2 && !a[1]->isNull(i)) msg = a[1]->getValue(i).getString();
                         throw InvalidArgumentException("USER_RAISED_EXCEPTION", msg);
                       }
                     }
                     return Vector::makeNull(NullType(), n);
                   });
}

}  // namespace

void registerConditionalOperators(FunctionRegistry& reg) {
  reg.addScalar("if", bindIf,
                {"if(expr1, expr2, expr3) - If `expr1` evaluates to true, then returns `expr2`; otherwise returns "
                 "`expr3`.",
                 "SELECT if(1 < 2, 'a', 'b'); a"});
  reg.addScalar("coalesce", [](const ScalarBindInput& in) { return bindCoalesce("coalesce", in.args.empty() ? 1 : 1, -1, in); },
                {"coalesce(expr1, expr2, ...) - Returns the first non-null argument if exists. Otherwise, null.",
                 "SELECT coalesce(NULL, 1, NULL); 1"});
  reg.addScalar("nvl", [](const ScalarBindInput& in) { return bindCoalesce("nvl", 2, 2, in); },
                {"nvl(expr1, expr2) - Returns `expr2` if `expr1` is null, or `expr1` otherwise.", ""});
  reg.addScalar("ifnull", [](const ScalarBindInput& in) { return bindCoalesce("ifnull", 2, 2, in); },
                {"ifnull(expr1, expr2) - Returns `expr2` if `expr1` is null, or `expr1` otherwise.", ""});
  reg.addScalar("nvl2", bindNvl2,
                {"nvl2(expr1, expr2, expr3) - Returns `expr2` if `expr1` is not null, or `expr3` otherwise.", ""});
  reg.addScalar("nullif", bindNullIf,
                {"nullif(expr1, expr2) - Returns null if `expr1` equals to `expr2`, or `expr1` otherwise.", ""});
  reg.addScalar("isnan", bindIsNaN, {"isnan(expr) - Returns true if `expr` is NaN, or false otherwise.", ""});
  reg.addScalar("nanvl", bindNaNvl,
                {"nanvl(expr1, expr2) - Returns `expr1` if it's not NaN, or `expr2` otherwise.", ""});
  reg.addScalar("assert_true", bindAssertTrue,
                {"assert_true(expr [, message]) - Throws an exception if `expr` is not true.", ""});
}

}  // namespace loch

// Bitwise operators & | ^ ~ and shiftleft/shiftright/shiftrightunsigned
// (Spark's BitwiseAnd/Or/Xor/Not, ShiftLeft, ShiftRight,
// ShiftRightUnsigned; shift counts are masked as in Java).

#include "loch/function/function_registry.h"
#include "loch/function/operators/kernel_util.h"
#include "loch/function/operators/operator_families.h"
#include "loch/function/operators/operator_util.h"
#include "loch/function/type_coercion.h"

namespace loch {

namespace {

enum class BitOp { And, Or, Xor };

DataTypePtr integralArg(const std::string& name, const ScalarBindInput& in, size_t i) {
  const DataTypePtr& t = in.args[i]->type();
  if (t->id() == TypeId::Null) return nullptr;
  if (!t->isIntegral()) throwUnexpectedInputType(name, in.args, i, "\"INTEGRAL\"");
  return t;
}

BoundScalarFunction bindBitwise(BitOp op, const std::string& name, const ScalarBindInput& in) {
  checkArgCount(name, in.args, 2, 2);
  DataTypePtr l = integralArg(name, in, 0), r = integralArg(name, in, 1);
  if (!l) l = r ? r : IntegerType();
  if (!r) r = l;
  DataTypePtr t = *findTightestCommonType(l, r);
  ScalarKernel k = [op, t](const std::vector<VectorPtr>& a, int64_t n, EvalContext&) {
    return kernel::dispatchFixed(t->id(), [&](auto tag) -> VectorPtr {
      using T = decltype(tag);
      if constexpr (std::is_integral_v<T>) {
        return kernel::binaryFixed<T, T, T>(*a[0], *a[1], n, t, [op](T x, T y, T& o) {
          o = op == BitOp::And ? static_cast<T>(x & y) : op == BitOp::Or ? static_cast<T>(x | y) : static_cast<T>(x ^ y);
          return true;
        });
      } else {
        throw InternalException("bitwise on non-integral");
      }
    });
  };
  return op::bound(name, {t, t}, t, std::move(k));
}

BoundScalarFunction bindBitNot(const ScalarBindInput& in) {
  checkArgCount("~", in.args, 1, 1);
  DataTypePtr t = integralArg("~", in, 0);
  if (!t) t = IntegerType();
  return op::bound("~", {t}, t, [t](const std::vector<VectorPtr>& a, int64_t n, EvalContext&) {
    return kernel::dispatchFixed(t->id(), [&](auto tag) -> VectorPtr {
      using T = decltype(tag);
      if constexpr (std::is_integral_v<T>) {
        return kernel::unaryFixed<T, T>(*a[0], n, t, [](T x, T& o) {
          o = static_cast<T>(~x);
          return true;
        });
      } else {
        throw InternalException("bitwise not on non-integral");
      }
    });
  });
}

enum class Shift { Left, Right, RightUnsigned };

template <class T>
ScalarKernel shiftKernel(Shift kind, DataTypePtr t) {
  return [kind, t](const std::vector<VectorPtr>& a, int64_t n, EvalContext&) {
    constexpr int mask = sizeof(T) * 8 - 1;
    using U = std::make_unsigned_t<T>;
    return kernel::binaryFixed<T, int32_t, T>(*a[0], *a[1], n, t, [kind](T x, int32_t s, T& o) {
      int k = s & mask;
      if (kind == Shift::Left) o = static_cast<T>(static_cast<U>(x) << k);
      else if (kind == Shift::Right) o = static_cast<T>(x >> k);
      else o = static_cast<T>(static_cast<U>(x) >> k);
      return true;
    });
  };
}

BoundScalarFunction bindShift(Shift kind, const std::string& name, const ScalarBindInput& in) {
  checkArgCount(name, in.args, 2, 2);
  DataTypePtr l = integralArg(name, in, 0);
  integralArg(name, in, 1);
  DataTypePtr t = l && l->id() == TypeId::Long ? LongType() : IntegerType();
  ScalarKernel k = t->id() == TypeId::Long ? shiftKernel<int64_t>(kind, t) : shiftKernel<int32_t>(kind, t);
  return op::bound(name, {t, IntegerType()}, t, std::move(k));
}

}  // namespace

void registerBitwiseOperators(FunctionRegistry& reg) {
  reg.addScalar("&", [](const ScalarBindInput& in) { return bindBitwise(BitOp::And, "&", in); },
                {"expr1 & expr2 - Returns the result of bitwise AND of `expr1` and `expr2`.", "SELECT 3 & 5; 1"});
  reg.addScalar("|", [](const ScalarBindInput& in) { return bindBitwise(BitOp::Or, "|", in); },
                {"expr1 | expr2 - Returns the result of bitwise OR of `expr1` and `expr2`.", "SELECT 3 | 5; 7"});
  reg.addScalar("^", [](const ScalarBindInput& in) { return bindBitwise(BitOp::Xor, "^", in); },
                {"expr1 ^ expr2 - Returns the result of bitwise exclusive OR of `expr1` and `expr2`.",
                 "SELECT 3 ^ 5; 6"});
  reg.addScalar("~", bindBitNot, {"~ expr - Returns the result of bitwise NOT of `expr`.", "SELECT ~ 0; -1"});
  reg.addScalar("shiftleft", [](const ScalarBindInput& in) { return bindShift(Shift::Left, "shiftleft", in); },
                {"shiftleft(base, expr) - Bitwise left shift.", "SELECT shiftleft(2, 1); 4"});
  reg.addScalar("shiftright", [](const ScalarBindInput& in) { return bindShift(Shift::Right, "shiftright", in); },
                {"shiftright(base, expr) - Bitwise (signed) right shift.", "SELECT shiftright(4, 1); 2"});
  reg.addScalar("shiftrightunsigned",
                [](const ScalarBindInput& in) { return bindShift(Shift::RightUnsigned, "shiftrightunsigned", in); },
                {"shiftrightunsigned(base, expr) - Bitwise unsigned right shift.", "SELECT shiftrightunsigned(4, 1); 2"});
  reg.addAlias("<<", "shiftleft");
  reg.addAlias(">>", "shiftright");
  reg.addAlias(">>>", "shiftrightunsigned");
}

}  // namespace loch

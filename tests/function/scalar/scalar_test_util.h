#pragma once
// Test helpers: bind a registered scalar function on typed argument vectors
// and run its kernel, exactly as the engine would after analysis.

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "loch/function/builtin/builtin_functions.h"
#include "loch/function/function_registry.h"
#include "loch/types/datetime.h"
#include "loch/vector/vector.h"

namespace loch::test {

/// The registry under test: the process-wide builtin registry, so that
/// what is registered is what is tested.
inline const FunctionRegistry& registry() { return FunctionRegistry::builtin(); }

/// A constant vector becomes a literal argument (so binders can fold
/// patterns), a flat vector an attribute named c0, c1, ...
inline BoundScalarFunction bindOn(const std::string& name, const std::vector<VectorPtr>& args, bool ansi = true) {
  const ScalarBinder* binder = registry().findScalar(name);
  if (!binder) throw std::runtime_error("function not registered: " + name);
  ScalarBindInput in;
  in.ansi = ansi;
  for (size_t i = 0; i < args.size(); ++i) {
    if (args[i]->isConstant()) {
      in.args.push_back(Expr::literal(args[i]->getValue(0)));
    } else {
      in.args.push_back(Expr::attribute(Expr::newAttributeId(), "c" + std::to_string(i), args[i]->type(), true));
    }
  }
  return (*binder)(in);
}

inline EvalContext testContext(bool ansi = true, const std::string& zone = "UTC") {
  EvalContext ctx;
  ctx.ansi = ansi;
  ctx.time_zone_name = zone;
  ctx.time_zone = &lookupTimeZone(zone);
  ctx.current_timestamp_micros = 1700000000123456;  // 2023-11-14 22:13:20.123456 UTC
  return ctx;
}

/// Binds `name` on the argument types and runs the kernel; the bound
/// argument types must equal the given vectors' types (tests pass
/// already-cast inputs).
inline VectorPtr run(const std::string& name, const std::vector<VectorPtr>& args, EvalContext ctx) {
  BoundScalarFunction f = bindOn(name, args, ctx.ansi);
  EXPECT_EQ(f.arg_types.size(), args.size()) << name;
  for (size_t i = 0; i < args.size() && i < f.arg_types.size(); ++i) {
    EXPECT_TRUE(f.arg_types[i]->equals(*args[i]->type()))
        << name << " arg " << i << ": bound " << f.arg_types[i]->sql() << " given " << args[i]->type()->sql();
  }
  int64_t rows = args.empty() ? 1 : args[0]->size();
  VectorPtr out = f.kernel(args, rows, ctx);
  EXPECT_EQ(out->size(), rows);
  EXPECT_TRUE(out->type()->equals(*f.return_type)) << out->type()->sql() << " vs " << f.return_type->sql();
  return out;
}
inline VectorPtr run(const std::string& name, const std::vector<VectorPtr>& args, bool ansi = true) {
  return run(name, args, testContext(ansi));
}

/// Result rows as display strings ("NULL" for NULL), the easy way to
/// compare with Spark's documented output.
inline std::vector<std::string> show(const VectorPtr& v, const std::string& zone = "UTC") {
  std::vector<std::string> out;
  for (int64_t i = 0; i < v->size(); ++i) out.push_back(v->getValue(i).toString(zone));
  return out;
}

/// Evaluates on one-row constant inputs and returns the display string.
inline std::string eval1(const std::string& name, const std::vector<Value>& args, bool ansi = true,
                         const std::string& zone = "UTC") {
  std::vector<VectorPtr> vs;
  for (const auto& a : args) vs.push_back(Vector::makeConstant(a, 1));
  VectorPtr out = run(name, vs, testContext(ansi, zone));
  return out->getValue(0).toString(zone);
}

/// Same on flat inputs (one row), so both code paths are exercised.
inline std::string eval1Flat(const std::string& name, const std::vector<Value>& args, bool ansi = true,
                             const std::string& zone = "UTC") {
  std::vector<VectorPtr> vs;
  for (const auto& a : args) vs.push_back(Vector::fromValues(a.type(), {a}));
  VectorPtr out = run(name, vs, testContext(ansi, zone));
  return out->getValue(0).toString(zone);
}

inline Value S(const std::string& s) { return Value::string(s); }
inline Value I(int32_t v) { return Value::integer(v); }
inline Value L(int64_t v) { return Value::longValue(v); }
inline Value D(double v) { return Value::doubleValue(v); }
inline Value NullS() { return Value::null(StringType()); }
inline Value NullI() { return Value::null(IntegerType()); }

}  // namespace loch::test

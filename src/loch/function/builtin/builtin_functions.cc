#include "loch/function/builtin/builtin_functions.h"

#include "loch/function/function_registry.h"

namespace loch {

void registerBuiltinFunctions(FunctionRegistry& registry) {
  registerOperatorFunctions(registry);
  registerScalarFunctions(registry);
  registerAggregateFunctions(registry);
  // SQL's string concatenation operator is Spark's concat().
  registry.addAlias("||", "concat");
}

const FunctionRegistry& FunctionRegistry::builtin() {
  static const FunctionRegistry registry = [] {
    FunctionRegistry r;
    registerBuiltinFunctions(r);
    return r;
  }();
  return registry;
}

}  // namespace loch

#include "loch/function/builtin/builtin_functions.h"
#include "loch/function/function_registry.h"
#include "loch/function/operators/operator_families.h"

namespace loch {

void registerOperatorFunctions(FunctionRegistry& registry) {
  registerArithmeticOperators(registry);
  registerComparisonOperators(registry);
  registerLogicalOperators(registry);
  registerConditionalOperators(registry);
  registerPatternOperators(registry);
  registerBitwiseOperators(registry);
  registerCastFunctions(registry);
}

}  // namespace loch

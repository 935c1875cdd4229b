#include "loch/function/builtin/builtin_functions.h"
#include "loch/function/function_registry.h"
#include "loch/function/scalar/scalar_util.h"

namespace loch {

// Each family file of this folder defines a register function; this one
// calls them all.
void registerScalarFunctions(FunctionRegistry& registry) {
  scalar::registerStringFunctions(registry);
  scalar::registerRegexpFunctions(registry);
  scalar::registerMathFunctions(registry);
  scalar::registerDatetimeFunctions(registry);
  scalar::registerHashFunctions(registry);
  scalar::registerCollectionFunctions(registry);
  scalar::registerJsonFunctions(registry);
}

}  // namespace loch

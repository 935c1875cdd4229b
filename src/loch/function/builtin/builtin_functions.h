#pragma once
// Registration of every built-in function, family by family.

namespace loch {

class FunctionRegistry;

/// Operators (+ - * / % = < AND OR NOT ...), predicates (IS NULL, IN, LIKE,
/// RLIKE), conditionals (if, coalesce, nvl, nullif, when) and casts.
/// Defined in function/operators/.
void registerOperatorFunctions(FunctionRegistry& registry);
/// String, math, date/time, hash, collection and JSON functions.
/// Defined in function/scalar/.
void registerScalarFunctions(FunctionRegistry& registry);
/// Aggregate functions. Defined in function/aggregate/.
void registerAggregateFunctions(FunctionRegistry& registry);

/// All of the above.
void registerBuiltinFunctions(FunctionRegistry& registry);

}  // namespace loch

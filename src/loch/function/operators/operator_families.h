#pragma once
// Register functions of the operator families in this folder; called by
// registerOperatorFunctions (register_operators.cc).

namespace loch {

class FunctionRegistry;

/// + - * / % div pmod, unary - (negative) and positive.
void registerArithmeticOperators(FunctionRegistry& registry);
/// = == <> != < <= > >= <=>.
void registerComparisonOperators(FunctionRegistry& registry);
/// and or not, isnull isnotnull, in.
void registerLogicalOperators(FunctionRegistry& registry);
/// if coalesce nvl ifnull nvl2 nullif when isnan nanvl assert_true.
void registerConditionalOperators(FunctionRegistry& registry);
/// like ilike rlike regexp.
void registerPatternOperators(FunctionRegistry& registry);
/// & | ^ ~ shiftleft shiftright shiftrightunsigned.
void registerBitwiseOperators(FunctionRegistry& registry);
/// Cast functions named after types: int(x), string(x), bigint(x), ...
void registerCastFunctions(FunctionRegistry& registry);

}  // namespace loch

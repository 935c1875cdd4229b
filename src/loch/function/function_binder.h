#pragma once
// Binding a function call: name lookup in the registry, overload choice by
// the function's binder, insertion of implicit casts, and Spark-style
// errors for unknown functions and bad arguments.

#include <string>
#include <vector>

#include "loch/expr/expression.h"

namespace loch {

/// Settings of the session that affect binding.
struct FunctionBindOptions {
  /// spark.sql.ansi.enabled: picks AnsiTypeCoercion vs TypeCoercion rules
  /// and whether kernels raise or return NULL on bad values.
  bool ansi = true;
  /// IGNORE NULLS of first/last/lag/lead.
  bool ignore_nulls = false;
};

/// Resolves a call of function `name` (case-insensitive) on resolved
/// arguments. Returns a ScalarFunction or AggregateFunction Expr whose
/// children are the arguments, each wrapped in a Cast to the bound argument
/// type where it differs; type() is the return type.
/// @throws AnalysisException UNRESOLVED_ROUTINE for an unknown name (with
///         "Did you mean" suggestions), WRONG_NUM_ARGS.* and
///         DATATYPE_MISMATCH.* from the function's binder, and
///         INVALID_AGGREGATE... when DISTINCT is given to a scalar function.
ExprPtr bindFunctionCall(const std::string& name, std::vector<ExprPtr> resolved_args, bool distinct,
                         const FunctionBindOptions& options);

/// Resolves CASE WHEN c1 THEN v1 ... [ELSE e] END (children cond1, val1,
/// ..., [else]): conditions must be BOOLEAN (NULL literals allowed), values
/// are cast to their wider common type (Spark's CaseWhenCoercion).
/// @throws AnalysisException DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE for a
///         non-boolean condition, DATATYPE_MISMATCH.DATA_DIFF_TYPES when the
///         values have no common type.
ExprPtr bindCaseWhen(std::vector<ExprPtr> children, const FunctionBindOptions& options);

/// `expr` cast to `to` (an Expr of kind Cast with type set), or `expr`
/// itself when it already has that type. NULL literals become typed NULL
/// literals.
ExprPtr castTo(const ExprPtr& expr, const DataTypePtr& to);

// ---- errors for binders (Spark's messages) --------------------------------

/// SQL text of a call as Spark prints it in messages: "(a + b)" for binary
/// operators, "(NOT a)", "name(a, b)" otherwise.
std::string callSql(const std::string& name, const std::vector<ExprPtr>& args);

/// [WRONG_NUM_ARGS.WITHOUT_SUGGESTION] The `name` requires `expected`
/// parameters but the actual number is `actual`.
[[noreturn]] void throwWrongNumArgs(const std::string& name, const std::string& expected, size_t actual);

/// Checks the argument count lies in [min, max] (max < 0: unbounded).
void checkArgCount(const std::string& name, const std::vector<ExprPtr>& args, int min, int max);

/// [DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE] Cannot resolve "call" due to
/// data type mismatch: The `ordinal` parameter requires the `required`
/// type, however "arg" has the type "T".
[[noreturn]] void throwUnexpectedInputType(const std::string& name, const std::vector<ExprPtr>& args,
                                           size_t index, const std::string& required);

/// [DATATYPE_MISMATCH.BINARY_OP_DIFF_TYPES] ... the left and right operands
/// of the binary operator have incompatible types ("A" and "B").
[[noreturn]] void throwBinaryOpDiffTypes(const std::string& name, const std::vector<ExprPtr>& args);

/// [DATATYPE_MISMATCH.DATA_DIFF_TYPES] Input to `name` should all be the
/// same type, but it's [types].
[[noreturn]] void throwDataDiffTypes(const std::string& name, const std::vector<ExprPtr>& args);

/// "first", "second", ... for 1-based `n`, as Spark's ordinalNumber.
std::string ordinalNumber(size_t n);

}  // namespace loch

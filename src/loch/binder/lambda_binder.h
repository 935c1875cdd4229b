#pragma once
// Lambdas in SQL (`x -> x + 1`, `(acc, x) -> acc + x`) and the higher-order
// functions that take them: transform, filter, exists, forall, aggregate
// (Spark's ResolveLambdaVariables + higher-order function binding).
//
// translate() turns a lambda into a marker node; before an expression is
// resolved, bindLambdas() resolves each higher-order call: its array
// argument over the input, its lambda body over the lambda's parameters
// (fresh attributes, shadowing input columns of the same name) plus the
// input, and binds it to a kernel (function/higher_order_functions.h) that
// receives the outer columns the body reads as extra arguments.

#include <string>
#include <vector>

#include "loch/plan/analyzer.h"

namespace loch::binder {

/// The unresolved form of `(params) -> body`.
ExprPtr lambdaMarker(ExprPtr body, const std::vector<std::string>& params);

/// True for a node made by lambdaMarker.
bool isLambda(const ExprPtr& e);

/// `e` with every higher-order call and nested access (nested_access.h)
/// bound (resolved); the rest of `e` is left for `r.resolve`.
/// @throws AnalysisException UNSUPPORTED_FEATURE for a lambda elsewhere or
///         in another function, WRONG_NUM_ARGS,
///         INVALID_LAMBDA_FUNCTION_CALL.NUM_ARGS_MISMATCH /
///         DUPLICATE_ARG_NAMES, DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE (a
///         non-array argument, a non-boolean predicate, an aggregate merge
///         whose type is not the zero's), and the body's resolution errors.
ExprPtr bindLambdas(const ExprPtr& e, const ExpressionResolver& r);

/// An ExpressionResolver that binds lambdas and nested access first (what
/// the query binder resolves select lists, WHERE, HAVING, ORDER BY with).
class LambdaResolver {
 public:
  LambdaResolver(std::vector<ExprPtr> input, AnalyzerOptions options) : r_(std::move(input), options) {}

  ExprPtr resolve(const ExprPtr& e) const { return r_.resolve(bindLambdas(e, r_)); }
  std::vector<ExprPtr> resolveNamedList(const std::vector<ExprPtr>& exprs) const;
  ExprPtr resolveColumn(const std::vector<std::string>& parts) const { return r_.resolveColumn(parts); }
  std::vector<ExprPtr> expandStar(const ExprPtr& star) const { return r_.expandStar(star); }
  const std::vector<ExprPtr>& input() const { return r_.input(); }
  const AnalyzerOptions& options() const { return r_.options(); }
  operator const ExpressionResolver&() const { return r_; }  // NOLINT: implicit, for helpers taking the base

 private:
  ExpressionResolver r_;
};

}  // namespace loch::binder

#pragma once
// Name resolution and typing of expressions against a plan's input
// (Spark's Analyzer rules ResolveReferences, ResolveFunctions, implicit
// casts and CheckAnalysis, for the expressions the DataFrame API and the SQL
// binder build).

#include <optional>
#include <string>
#include <vector>

#include "loch/expr/expression.h"
#include "loch/plan/logical_plan.h"

namespace loch {

struct AnalyzerOptions {
  /// spark.sql.caseSensitive
  bool case_sensitive = false;
  /// spark.sql.ansi.enabled
  bool ansi = true;
};

/// Resolves expressions against the output attributes of one or more input
/// plans (a join's condition sees both sides).
class ExpressionResolver {
 public:
  ExpressionResolver(std::vector<ExprPtr> input, AnalyzerOptions options)
      : input_(std::move(input)), options_(options) {}

  /// `e` with every column resolved to an input Attribute and every
  /// function bound and typed (casts inserted).
  /// @throws AnalysisException UNRESOLVED_COLUMN.WITH_SUGGESTION (naming the
  ///         column and suggesting close names), AMBIGUOUS_REFERENCE,
  ///         UNRESOLVED_ROUTINE, DATATYPE_MISMATCH.*.
  ExprPtr resolve(const ExprPtr& e) const;

  /// Resolves a select list: stars expanded, every item named (unnamed
  /// expressions get an Alias with Spark's generated name).
  std::vector<ExprPtr> resolveNamedList(const std::vector<ExprPtr>& exprs) const;

  /// The input attribute called `parts` ("name" or "qualifier.name").
  ExprPtr resolveColumn(const std::vector<std::string>& parts) const;
  /// Attributes matched by `*` or `t.*`.
  std::vector<ExprPtr> expandStar(const ExprPtr& star) const;

  const std::vector<ExprPtr>& input() const { return input_; }
  const AnalyzerOptions& options() const { return options_; }

 private:
  ExprPtr resolveCaseWhen(const ExprPtr& e, std::vector<ExprPtr> children) const;
  /// A Window expression: its function bound as a window-only function
  /// (row_number, lag, ...) or an aggregate, its spec resolved, and Spark's
  /// default frame filled in.
  ExprPtr resolveWindow(const ExprPtr& e) const;
  void castOffsetDefault(const std::string& name, std::vector<ExprPtr>& args, std::vector<DataTypePtr>& types,
                         std::vector<std::optional<Value>>& literals) const;
  [[noreturn]] void throwUnresolved(const std::vector<std::string>& parts) const;

  std::vector<ExprPtr> input_;
  AnalyzerOptions options_;
};

/// `e` as a named expression: Attributes and Aliases are kept; anything
/// else gets Alias(e, e.outputName()).
ExprPtr ensureNamed(const ExprPtr& e);

/// `resolved` as a named expression called as Spark names `original`, the
/// expression as written before implicit casts: (value + 1), not
/// (value + CAST(1 AS BIGINT)). Attributes and Aliases keep their names.
ExprPtr ensureNamedAs(const ExprPtr& resolved, const ExprPtr& original);

/// Checks an aggregate's output expressions: every column reference outside
/// an aggregate function must be a grouping expression (or inside one).
/// @throws AnalysisException MISSING_AGGREGATION naming the expression.
void checkAggregateExpressions(const std::vector<ExprPtr>& groupings, const std::vector<ExprPtr>& outputs);

/// Moves the Window expressions of `named` (a resolved select list) into
/// Window nodes over `child` — one per distinct PARTITION BY / ORDER BY —
/// and returns the plan plus `named` with each window replaced by its
/// attribute (Spark's ExtractWindowExpressions).
std::pair<LogicalPlanPtr, std::vector<ExprPtr>> extractWindows(const LogicalPlanPtr& child,
                                                               const std::vector<ExprPtr>& named);

/// Casts `e` to `to` when its type differs (typed NULL literal for NULL).
ExprPtr castIfNeeded(const ExprPtr& e, const DataTypePtr& to);

}  // namespace loch

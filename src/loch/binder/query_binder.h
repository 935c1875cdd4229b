#pragma once
// Binds queries (internal to the binder): relations, SELECT blocks with
// aggregation, HAVING and ORDER BY over hidden columns, set operations,
// CTEs and subquery predicates rewritten to joins.

#include <map>
#include <set>
#include <string>
#include <vector>

#include "loch/binder/binder.h"
#include "loch/binder/expression_translator.h"
#include "loch/binder/lambda_binder.h"

namespace loch::binder {

class QueryBinder {
 public:
  explicit QueryBinder(const BinderCatalog& catalog) : catalog_(catalog) {}

  LogicalPlanPtr bindQuery(const sql::Query& q);

 private:
  /// A subquery bound with `outer` visible for correlation: WHERE conjuncts
  /// that reference outer columns are returned in `correlated` (resolved
  /// against inner + outer) instead of being applied.
  struct Outer {
    std::vector<ExprPtr> input;
    std::vector<ExprPtr> correlated;
  };

  LogicalPlanPtr bindQueryWithOrder(const sql::Query& q, Outer* outer);
  LogicalPlanPtr bindBody(const sql::QueryBody& body, const std::vector<sql::SortItem>* order_by, Outer* outer);
  LogicalPlanPtr bindSelect(const sql::SelectCore& core, const std::vector<sql::SortItem>* order_by, Outer* outer);
  LogicalPlanPtr bindValues(const std::vector<std::vector<sql::ExprPtr>>& rows, const std::string& alias,
                            const std::vector<std::string>& column_aliases);
  LogicalPlanPtr bindSetOperation(const sql::SetOperation& op);
  LogicalPlanPtr bindTableRef(const sql::TableRef& ref, const std::set<std::string>& broadcast);
  LogicalPlanPtr bindJoin(const sql::JoinTable& join, const std::set<std::string>& broadcast);
  LogicalPlanPtr bindNamed(const std::vector<std::string>& name);
  LogicalPlanPtr applyOrderBy(LogicalPlanPtr plan, const std::vector<sql::SortItem>& order_by);
  LogicalPlanPtr applyLimit(LogicalPlanPtr plan, const sql::Query& q);

  /// WHERE conjuncts: plain predicates are filtered, [NOT] EXISTS / [NOT] IN
  /// subqueries become semi / anti joins.
  LogicalPlanPtr applyWhere(LogicalPlanPtr plan, const sql::Expr& where, Outer* outer);
  LogicalPlanPtr applySubqueryPredicate(LogicalPlanPtr plan, const sql::Expr& pred, bool negated);
  /// Joins the single value of an uncorrelated scalar subquery to `plan`.
  ExprPtr scalarSubquery(LogicalPlanPtr& plan, const sql::Query& q);
  /// `x IN (uncorrelated subquery)` anywhere in a WHERE expression: joins a
  /// match mark and the subquery's row and NULL counts to `plan`, and
  /// returns IN's three-valued result (Spark's ExistenceJoin).
  ExprPtr inSubqueryValue(LogicalPlanPtr& plan, const sql::InSubquery& in);

  /// `LATERAL VIEW [OUTER] gen(arg) tbl AS c...`: a Generate over `plan`.
  /// @throws AnalysisException UNSUPPORTED_GENERATOR.NOT_GENERATOR and the
  ///   errors of makeGenerate (plan/generate.h).
  LogicalPlanPtr bindLateralView(LogicalPlanPtr plan, const sql::LateralView& lv);
  /// A select item that is a generator call (explode(...), posexplode(...)).
  static bool isGeneratorCall(const sql::Expr& e);

  /// A resolver over `input` that also binds lambdas (higher-order calls).
  LambdaResolver resolver(const std::vector<ExprPtr>& input) const {
    return LambdaResolver(input, catalog_.options);
  }
  /// Gives `plan` fresh attribute ids when any of them was already used in
  /// this statement (self-joins, a view or CTE used twice, subqueries over
  /// the outer table), as Spark's DeduplicateRelations.
  LogicalPlanPtr deduplicate(LogicalPlanPtr plan);

  const BinderCatalog& catalog_;
  std::vector<std::map<std::string, LogicalPlanPtr>> ctes_;  // innermost last; lower-case names
  std::set<int64_t> seen_ids_;
  /// The WINDOW clauses of the enclosing queries (innermost last).
  std::vector<const std::vector<sql::NamedWindow>*> query_windows_;
};

/// Correlated predicates of an aggregated subquery must be equalities
/// `inner = outer`: the inner side is added to `groupings` and output with
/// the aggregate, and each predicate in `correlated` is rewritten to compare
/// that output column (subquery_binder.cc).
/// @throws AnalysisException UNSUPPORTED_FEATURE for other predicates.
void decorrelateAggregate(const std::vector<ExprPtr>& input, std::vector<ExprPtr>& groupings,
                          std::vector<ExprPtr>& outputs, std::vector<ExprPtr>& correlated);

}  // namespace loch::binder

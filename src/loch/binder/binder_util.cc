#include "loch/binder/binder_util.h"

#include "loch/common/exception.h"
#include "loch/common/format.h"
#include "loch/function/type_coercion.h"
#include "loch/types/schema.h"

namespace loch::binder {

[[noreturn]] void unsupported(const std::string& what) {
  throw AnalysisException("UNSUPPORTED_FEATURE", "The feature is not supported: " + what + ".");
}

void requireBoolean(const ExprPtr& e, const char* what) {
  if (e->type()->id() != TypeId::Boolean && e->type()->id() != TypeId::Null) {
    throw AnalysisException("DATATYPE_MISMATCH.FILTER_NOT_BOOLEAN",
                            std::string("Cannot resolve \"") + e->toString() + "\" due to data type mismatch: " +
                                what + " expression " + quoteIdentifier(e->toString()) + " of type " +
                                e->type()->sql() + " is not a boolean.");
  }
}

ExprPtr andOf(const ExprPtr& a, const ExprPtr& b, const AnalyzerOptions& opts) {
  if (!a) return b;
  if (!b) return a;
  return ExpressionResolver({}, opts).resolve(Expr::function("and", {a, b}));
}

/// A relation with one row and no columns (Spark's OneRowRelation), the
/// input of SELECT without FROM.
LogicalPlanPtr oneRowRelation() {
  auto table = std::make_shared<InMemoryTable>();
  table->schema = StructType({});
  table->batches = {RecordBatch::make(table->schema, {}, 1)};
  return LogicalPlan::localRelation(table);
}

LogicalPlanPtr withFreshIds(const LogicalPlanPtr& plan) {
  std::vector<ExprPtr> out;
  for (const auto& a : plan->output()) out.push_back(Expr::alias(a, a->name())->withQualifier(a->qualifier()));
  return LogicalPlan::project(plan, std::move(out));
}

bool hasId(const std::vector<ExprPtr>& attrs, int64_t id) {
  for (const auto& a : attrs) {
    if (a->attributeId() == id) return true;
  }
  return false;
}

LogicalPlanPtr renameColumns(const LogicalPlanPtr& plan, const std::vector<std::string>& names, const std::string& what) {
  if (names.empty()) return plan;
  if (names.size() != plan->output().size()) {
    throw AnalysisException("ASSIGNMENT_ARITY_MISMATCH",
                            "The number of columns in " + what + " (" + std::to_string(names.size()) +
                                ") does not match the number of output columns (" +
                                std::to_string(plan->output().size()) + ").");
  }
  std::vector<ExprPtr> out;
  for (size_t i = 0; i < names.size(); ++i) out.push_back(Expr::alias(plan->output()[i], names[i]));
  return LogicalPlan::project(plan, std::move(out));
}

std::vector<ExprPtr> attributesOf(const std::vector<ExprPtr>& named) {
  std::vector<ExprPtr> out;
  for (const auto& n : named) out.push_back(toAttribute(n));
  return out;
}

const ExprPtr& bodyOf(const ExprPtr& named) { return named->kind() == ExprKind::Alias ? named->child(0) : named; }

bool isUnresolvedColumn(const LochException& e) { return e.errorClass().rfind("UNRESOLVED_COLUMN", 0) == 0; }

LogicalPlanPtr castColumns(const LogicalPlanPtr& plan, const std::vector<DataTypePtr>& types) {
  bool needed = false;
  std::vector<ExprPtr> out;
  for (size_t i = 0; i < types.size(); ++i) {
    const auto& a = plan->output()[i];
    if (a->type()->equals(*types[i])) {
      out.push_back(a);
    } else {
      needed = true;
      out.push_back(Expr::alias(castIfNeeded(a, types[i]), a->name()));
    }
  }
  return needed ? LogicalPlan::project(plan, std::move(out)) : plan;
}

LogicalPlanPtr widenedSetOperation(PlanKind kind, LogicalPlanPtr left, LogicalPlanPtr right, bool all, bool ansi) {
  const auto& l = left->output();
  const auto& r = right->output();
  const char* opname = kind == PlanKind::Union ? "UNION" : kind == PlanKind::Intersect ? "INTERSECT" : "EXCEPT";
  if (l.size() != r.size()) {
    throw AnalysisException("NUM_COLUMNS_MISMATCH",
                            std::string(opname) + " can only be performed on inputs with the same number of columns, "
                                "but the first input has " + std::to_string(l.size()) +
                                " columns and the second input has " + std::to_string(r.size()) + " columns.");
  }
  std::vector<DataTypePtr> types;
  for (size_t i = 0; i < l.size(); ++i) {
    auto t = findWiderTypeForTwo(l[i]->type(), r[i]->type(), ansi);
    if (!t) {
      throw AnalysisException("INCOMPATIBLE_COLUMN_TYPE",
                              std::string(opname) + " can only be performed on inputs with compatible column types. "
                                  "The " + std::to_string(i + 1) + "th column of the second input has the type \"" +
                                  r[i]->type()->sql() + "\" which is not compatible with \"" + l[i]->type()->sql() +
                                  "\" at the same column of the first input.");
    }
    types.push_back(*t);
  }
  for (const auto& ra : r) {
    if (hasId(l, ra->attributeId())) {
      right = withFreshIds(right);
      break;
    }
  }
  return LogicalPlan::setOperation(kind, castColumns(left, types), castColumns(right, types), all);
}

void rejectMisplaced(const ExprPtr& e, const char* clause, bool allow_aggregate) {
  if (containsWindow(e)) {
    throw AnalysisException("UNSUPPORTED_EXPR_FOR_OPERATOR",
                            std::string("Window functions are not allowed in ") + clause + ": " + e->toString() + ".");
  }
  if (!allow_aggregate && containsAggregate(e)) {
    throw AnalysisException("UNSUPPORTED_EXPR_FOR_OPERATOR",
                            std::string("Aggregate functions are not allowed in ") + clause + ": " + e->toString() +
                                ". Aggregate in a GROUP BY query or a subquery first.");
  }
}

/// Rewrites a HAVING / ORDER BY expression over an aggregate's input into
/// one over its output: aggregate calls and grouping expressions map to
/// output columns, added as hidden outputs when not selected (Spark's
/// ResolveAggregateFunctions).
ExprPtr rewriteOverAggregate(const ExprPtr& e, const std::vector<ExprPtr>& groupings, std::vector<ExprPtr>& outputs) {
  if (e->kind() == ExprKind::Literal) return e;
  if (e->kind() == ExprKind::Attribute && hasId(attributesOf(outputs), e->attributeId())) {
    // A select-list alias, or a grouping column that is selected.
    for (const auto& o : outputs) {
      if (toAttribute(o)->attributeId() == e->attributeId()) return toAttribute(o);
    }
  }
  for (const auto& o : outputs) {
    if (exprEquals(bodyOf(o), e)) return toAttribute(o);
  }
  bool grouping = false;
  for (const auto& g : groupings) grouping = grouping || exprEquals(g, e);
  if (grouping || e->kind() == ExprKind::AggregateFunction) {
    outputs.push_back(Expr::alias(e, e->outputName()));
    return toAttribute(outputs.back());
  }
  if (e->kind() == ExprKind::Attribute) {
    throw AnalysisException("MISSING_AGGREGATION",
                            "The non-aggregating expression \"" + e->toString() +
                                "\" is based on columns which are not participating in the GROUP BY clause. Add the "
                                "columns or the expression to the GROUP BY, aggregate the expression, or use "
                                "\"any_value(" + e->toString() + ")\" if you do not care which of the values within "
                                "a group is returned.");
  }
  std::vector<ExprPtr> children;
  for (const auto& c : e->children()) children.push_back(rewriteOverAggregate(c, groupings, outputs));
  return e->withChildren(std::move(children));
}

}  // namespace loch::binder

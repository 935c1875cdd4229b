#pragma once
// Plan and expression helpers shared by the binder's files (internal).

#include <string>
#include <vector>

#include "loch/common/exception.h"
#include "loch/plan/analyzer.h"
#include "loch/plan/logical_plan.h"

namespace loch::binder {

[[noreturn]] void unsupported(const std::string& what);

void requireBoolean(const ExprPtr& e, const char* what);

ExprPtr andOf(const ExprPtr& a, const ExprPtr& b, const AnalyzerOptions& opts);

/// A relation with one row and no columns (Spark's OneRowRelation), the
/// input of SELECT without FROM.
LogicalPlanPtr oneRowRelation();

LogicalPlanPtr withFreshIds(const LogicalPlanPtr& plan);

bool hasId(const std::vector<ExprPtr>& attrs, int64_t id);

LogicalPlanPtr renameColumns(const LogicalPlanPtr& plan, const std::vector<std::string>& names, const std::string& what);

std::vector<ExprPtr> attributesOf(const std::vector<ExprPtr>& named);

const ExprPtr& bodyOf(const ExprPtr& named);

bool isUnresolvedColumn(const LochException& e);

LogicalPlanPtr castColumns(const LogicalPlanPtr& plan, const std::vector<DataTypePtr>& types);

LogicalPlanPtr widenedSetOperation(PlanKind kind, LogicalPlanPtr left, LogicalPlanPtr right, bool all, bool ansi);

}  // namespace loch::binder

#pragma once
// Building Generate nodes from a generator call (shared by the SQL binder
// and DataFrame.select / withColumn).

#include <string>
#include <vector>

#include "loch/plan/logical_plan.h"

namespace loch {

/// Generate over `child` for generator `name` (explode, posexplode,
/// inline and their _outer forms, case-insensitive) applied to the resolved
/// `args` (exactly one), keeping every child column. `outer` forces the
/// outer form (LATERAL VIEW OUTER). Output columns are named `aliases` (or
/// the defaults col / key, value / pos / struct field names when empty) and
/// qualified by `qualifier` (a LATERAL VIEW's table alias, may be "").
/// @throws AnalysisException WRONG_NUM_ARGS.WITHOUT_SUGGESTION (not one
///   argument), DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE (not an array/map),
///   UDTF_ALIAS_NUMBER_MISMATCH (alias count differs from the output
///   columns), UNSUPPORTED_GENERATOR.NOT_GENERATOR (`name` is no generator).
LogicalPlanPtr makeGenerate(LogicalPlanPtr child, const std::string& name, const std::vector<ExprPtr>& args,
                            bool outer, const std::vector<std::string>& aliases, const std::string& qualifier);

}  // namespace loch

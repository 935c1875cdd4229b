#pragma once
// The BinderCatalog through which the SQL binder (loch/binder) sees a
// session: its temporary views, files queried directly (parquet.`path`) and
// the table-valued functions.

#include "loch/binder/binder.h"

namespace loch {

class SparkSession;

/// A BinderCatalog over `session` (which must outlive it), with the
/// session's analyzer options (case sensitivity, ANSI mode):
/// - lookup_relation: a temporary view's own plan (without its alias);
///   @throws AnalysisException TABLE_OR_VIEW_NOT_FOUND.
/// - read_files: format.`path`, the format inferred from the extension
///   (.parquet/.csv/.json) when empty;
///   @throws AnalysisException UNSUPPORTED_DATASOURCE_FOR_DIRECT_QUERY.
/// - table_function: range(end), range(start, end[, step[, numPartitions]])
///   and read_parquet/read_csv/read_json(path, option => value, ...);
///   @throws AnalysisException UNRESOLVABLE_TABLE_VALUED_FUNCTION,
///   WRONG_NUM_ARGS.WITHOUT_SUGGESTION, DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE,
///   NAMED_PARAMETERS_NOT_SUPPORTED, FAILED_FUNCTION_CALL (range step 0).
BinderCatalog makeBinderCatalog(SparkSession& session);

}  // namespace loch

#pragma once
// Evaluating an expression on a subset of a batch's rows, for the lazy
// branches of CASE/IF/AND/OR/COALESCE: the batch's columns are wrapped as
// dictionary vectors over the selected rows (no copy of the data).

#include <cstdint>
#include <vector>

#include "loch/expr/physical_expr.h"

namespace loch {

/// The rows of a batch an expression must be evaluated on, as indices into
/// the batch (ascending).
using RowList = std::vector<int32_t>;

/// A batch whose row j is row rows[j] of `batch`. Flat columns become
/// dictionary vectors over them, dictionary columns get composed indices,
/// constant columns are resized.
RecordBatchPtr subsetBatch(const RecordBatch& batch, const RowList& rows);

/// `expr` evaluated on rows `rows` of `batch`: a vector of rows.size() rows
/// (the whole batch is used directly when rows covers it).
VectorPtr evaluateOnRows(const PhysicalExpr& expr, const RecordBatch& batch, const RowList& rows, EvalContext& ctx);

}  // namespace loch

#pragma once
// Window-only functions (Spark's ranking and offset window functions):
// row_number, rank, dense_rank, percent_rank, cume_dist, ntile, lag, lead,
// first_value, last_value, nth_value. Aggregates over a window frame are
// ordinary BoundAggregateFunctions and are driven by the Window operator.
//
// A bound window function computes the results of one window partition at a
// time, vectorised over the partition's rows, from the partition's argument
// vectors (in window order), its peer groups (rows with equal ORDER BY keys)
// and, for the frame-based functions, each row's frame.
// Rules follow Spark's windowExpressions.scala (RowNumber, Rank, DenseRank,
// PercentRank, CumeDist, NTile, Lag/Lead, NthValue) and the SQL reference
// "Window Functions" page.

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "loch/function/eval_context.h"
#include "loch/types/value.h"
#include "loch/vector/vector.h"

namespace loch {

/// A run of one or more whole window partitions handed to
/// BoundWindowFunction::evaluate (evaluating many small partitions in one
/// call keeps the per-partition cost to a few loop iterations).
/// Row indices are relative to the run (0 .. n-1) unless said otherwise.
struct WindowPartitions {
  /// Argument vectors (flat), each covering at least rows
  /// [offset, offset + n); run row i is vector row offset + i.
  const std::vector<VectorPtr>* args = nullptr;
  int64_t offset = 0;
  /// Rows in the run (>= 1).
  int64_t n = 0;
  /// Partition p is run rows [part_bounds[p], part_bounds[p + 1]), for p in
  /// [0, parts); part_bounds[0] == 0 and part_bounds[parts] == n.
  const int64_t* part_bounds = nullptr;
  int64_t parts = 0;
  /// Per run row, relative to the row's partition: first row of its peer
  /// group and one past its last row.
  const int64_t* peer_begin = nullptr;
  const int64_t* peer_end = nullptr;
  /// Per run row, relative to the row's partition: its frame
  /// [frame_begin, frame_end), clamped to the partition; empty when
  /// frame_end <= frame_begin. Null unless the function uses frames.
  const int64_t* frame_begin = nullptr;
  const int64_t* frame_end = nullptr;
};

struct BoundWindowFunction {
  std::string name;
  DataTypePtr return_type;
  bool nullable = true;
  /// Whether evaluate reads frame_begin/frame_end (first/last/nth_value);
  /// ranking and offset functions ignore the frame, as in Spark.
  bool uses_frame = false;
  /// Results for the run's rows: a flat vector of `rows.n` rows.
  std::function<VectorPtr(const WindowPartitions& rows, EvalContext& ctx)> evaluate;
  /// "rank()", "lag(x, 1, NULL)" for EXPLAIN (arguments filled by the caller).
  std::string toString() const { return name; }
};

/// Binds a window-only function by name (case-insensitive).
/// @param name row_number, rank, dense_rank, percent_rank, cume_dist, ntile,
///        lag, lead, first_value, last_value, nth_value.
/// @param arg_types types of all arguments (after analysis). All arguments
///        are evaluated by the operator and passed in WindowPartitions::args,
///        in call order: lag/lead read args[0] (input) and args[2] (default,
///        evaluated per row, same type as the input or NULL type).
/// @param literals literals[i] is the value of argument i when it is a
///        literal; ntile's bucket count, lag/lead's offset and nth_value's n
///        must be literals (Spark requires foldable values).
/// @param ignore_nulls IGNORE NULLS (lag, lead, first_value, last_value,
///        nth_value).
/// @returns nullopt when `name` is not a window-only function.
/// @throws AnalysisException "WRONG_NUM_ARGS" for a wrong argument count,
///         "DATATYPE_MISMATCH.NON_FOLDABLE_INPUT" for a non-literal
///         ntile/offset/n, "DATATYPE_MISMATCH.VALUE_OUT_OF_RANGE" for
///         ntile(n <= 0) or nth_value(x, n <= 0),
///         "DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE" for a non-integer
///         count or a default of another type.
std::optional<BoundWindowFunction> bindWindowFunction(const std::string& name,
                                                      const std::vector<DataTypePtr>& arg_types,
                                                      const std::vector<std::optional<Value>>& literals,
                                                      bool ignore_nulls);

}  // namespace loch

#pragma once
// Aggregate functions over window frames (any BoundAggregateFunction),
// evaluated for a run of whole partitions at once:
//   - whole-partition frames: one state per partition, finalized once;
//   - running frames (UNBOUNDED PRECEDING..CURRENT ROW, ROWS or RANGE):
//     one state per row (ROWS) or peer group (RANGE), prefix-combined in
//     window order;
//   - any other frame: a segment tree of aggregate states per partition
//     (Leis et al., "Efficient Processing of Window Functions in Analytical
//     SQL Queries", VLDB 2015): leaves are row states, inner nodes combine
//     their children, and each row's frame is the combination of
//     O(log n) nodes, in order (so order-sensitive aggregates such as
//     first/collect_list stay correct). O(n log n) per partition.
// States are updated with one vectorised `update` call per run; results are
// finalized in batches.

#include <cstdint>
#include <memory>
#include <vector>

#include "loch/expr/expression.h"
#include "loch/function/aggregate_function.h"

namespace loch {

/// How an aggregate's frame is evaluated.
enum class WindowAggregateMode : uint8_t { WholePartition, Running, SegmentTree };

/// The mode for `frame`.
WindowAggregateMode windowAggregateMode(const WindowFrame& frame);

/// One run of whole partitions of the sorted input.
struct WindowRun {
  /// Rows of the run.
  int64_t n = 0;
  /// Partition boundaries, run-relative: partition p is rows
  /// [part_bounds[p], part_bounds[p+1]); front 0, back n.
  std::vector<int64_t> part_bounds;
  /// Per row, partition-relative peer group [peer_begin, peer_end).
  const int64_t* peer_begin = nullptr;
  const int64_t* peer_end = nullptr;
  /// Per row, partition-relative frame (SegmentTree mode only).
  const int64_t* frame_begin = nullptr;
  const int64_t* frame_end = nullptr;
};

/// Results of `fn` over each row's frame for the rows of `run`.
/// @param args the aggregate's argument vectors, n rows each (any encoding),
///        already of fn.arg_types.
/// @param rows_frame whether the frame is ROWS (Running mode: one row per
///        step) or RANGE (one peer group per step).
/// @returns a flat vector of run.n rows of fn.return_type.
VectorPtr evaluateWindowAggregate(const BoundAggregateFunction& fn, const std::vector<VectorPtr>& args,
                                  const WindowRun& run, WindowAggregateMode mode, bool rows_frame, EvalContext& ctx);

}  // namespace loch

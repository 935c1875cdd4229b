#pragma once
// Window (Spark's physical Window node): a pipeline breaker that appends one
// column per window expression to every input row.
//
// Sink: workers buffer their batches with the evaluated partition keys,
// ORDER BY keys and window-expression arguments, tagged with morsel
// indices. Finalize: the rows are ordered by (partition keys ASC NULLS
// FIRST, ORDER BY keys, input position) with sortRows, which also reports
// where neighbouring rows' keys change (NULL equals NULL, -0.0 equals 0.0,
// NaN equals NaN, as in Spark's grouping): partitions and peer groups come
// from that without comparing rows again. When the input already arrives in
// that order (a window over the output of a window with the same PARTITION
// BY and ORDER BY, as Spark's planner does not re-sort when the child's
// ordering satisfies the required one) the sort is skipped and the input
// batches are passed through unchanged, so the windows share one sort. Only
// the window-expression arguments are put into sorted order. Runs of whole
// partitions are evaluated in parallel on ctx.pool, many partitions per
// function call. The output is then cut into chunks (the input is gathered
// into sorted order column by column, each input column freed once copied),
// and produce hands each chunk over: the rows in sorted order (Spark's
// Window output order), input columns first, then the window columns in
// expression order.
// Results do not depend on the number of threads.

#include <atomic>
#include <memory>
#include <mutex>
#include <string>
#include <variant>
#include <vector>

#include "loch/exec/physical_operator.h"
#include "loch/exec/sort/sort_buffer.h"
#include "loch/exec/window/window_aggregate.h"
#include "loch/exec/window/window_frame.h"
#include "loch/function/aggregate_function.h"
#include "loch/function/window/window_function.h"

namespace loch {

/// One window expression: a window-only function or an aggregate over a
/// frame.
struct WindowExprSpec {
  std::variant<BoundWindowFunction, std::shared_ptr<const BoundAggregateFunction>> function;
  /// Arguments compiled over the child's columns (aggregates: already of
  /// the function's arg_types; window functions: all call arguments, see
  /// bindWindowFunction).
  std::vector<PhysicalExprPtr> args;
  /// The frame, already resolved by the planner to Spark's default when
  /// the query gives none (RANGE UNBOUNDED PRECEDING..CURRENT ROW with
  /// ORDER BY, ROWS UNBOUNDED PRECEDING..UNBOUNDED FOLLOWING without).
  /// Ranking and offset functions ignore it.
  WindowFrame frame;

  DataTypePtr returnType() const;
  bool nullable() const;
  /// "rank() ROWS BETWEEN ...", for EXPLAIN.
  std::string toString() const;
};

class WindowOperator : public PhysicalOperator {
 public:
  /// @param child input.
  /// @param partition_keys PARTITION BY expressions (may be empty: one
  ///        partition).
  /// @param order_keys ORDER BY keys with direction flags (may be empty).
  /// @param exprs window expressions, all with this operator's PARTITION BY
  ///        and ORDER BY (the planner makes one Window per specification).
  /// @param output_schema child's fields followed by one field per expression.
  /// @throws InternalException when output_schema has the wrong width,
  ///         AnalysisException for an invalid frame (see checkWindowFrame).
  WindowOperator(PhysicalOperatorPtr child, std::vector<PhysicalExprPtr> partition_keys,
                 std::vector<SortKey> order_keys, std::vector<WindowExprSpec> exprs, SchemaPtr output_schema);

  OperatorRole role() const override { return OperatorRole::Breaker; }
  /// "Window([rank() ...], [p], [o ASC NULLS FIRST])".
  std::string toString() const override;

  std::unique_ptr<OperatorState> makeSinkState(ExecContext& ctx) override;
  void sink(const RecordBatchPtr& batch, int64_t morsel, OperatorState* state, ExecContext& ctx) override;
  void combine(OperatorState* state, ExecContext& ctx) override;
  void finalize(ExecContext& ctx) override;

  int64_t morselCount(ExecContext& ctx) override;
  void produce(int64_t morsel, ExecContext& ctx, const Emit& emit) override;

  /// After finalize: whether the input already arrived in window order, so
  /// the sort was skipped and the input batches pass through (for tests and
  /// profiling).
  bool reusedInputOrder() const { return presorted_; }

 private:
  struct SinkState;
  struct Run;

  /// Results of expression `e` for the rows of `run`.
  /// @param args the sorted argument columns, indexed like evaluated_.
  /// @param peer_begin, peer_end partition-relative peer groups of the run's rows.
  VectorPtr evaluateRun(size_t e, const Run& run, const std::vector<VectorPtr>& args,
                        const std::vector<int64_t>& peer_begin, const std::vector<int64_t>& peer_end,
                        ExecContext& ctx) const;
  /// Evaluates every expression over the sorted rows into results_ (per run).
  /// @param first_diff per sorted row, the first sort key that differs from
  ///        the previous row (see sortRows).
  void evaluateAll(const std::vector<uint16_t>& first_diff, const std::vector<VectorPtr>& args, ExecContext& ctx);
  /// Cuts the input (in sorted order, `refs` unless presorted_) and the
  /// results into the output chunks out_, freeing the input as it goes.
  void buildOutput(const std::vector<uint64_t>& refs, ExecContext& ctx);
  /// Rows [start, start + len) of expression e's results.
  VectorPtr resultRows(size_t e, int64_t start, int64_t len) const;
  /// Drops what is left after the last produced morsel.
  void releaseIfDone();

  std::vector<PhysicalExprPtr> partition_keys_;
  std::vector<SortKey> order_keys_;
  std::vector<WindowExprSpec> exprs_;
  /// Everything evaluated at sink time: partition keys, order keys, then
  /// the arguments of each expression (arg_start_[e] is the first).
  std::vector<SortKey> evaluated_;
  std::vector<size_t> arg_start_;

  std::mutex mutex_;
  std::unique_ptr<MemoryReservation> reservation_;
  std::vector<SortPart> parts_;
  int64_t rows_ = 0;
  /// The input arrived in window order: the output chunks are the input
  /// batches themselves.
  bool presorted_ = false;
  std::unique_ptr<RangeKey> range_key_;  // when some frame has RANGE value offsets
  /// Per expression, the results of each run of partitions (sorted order);
  /// run r covers rows [result_starts_[r], result_starts_[r + 1]).
  std::vector<std::vector<VectorPtr>> results_;
  std::vector<int64_t> result_starts_;
  /// Output chunk per morsel, handed over (and so freed here) by produce().
  std::vector<RecordBatchPtr> out_;
  int64_t chunk_ = 4096;
  int64_t morsels_ = 0;
  std::atomic<int64_t> produced_{0};
};

}  // namespace loch

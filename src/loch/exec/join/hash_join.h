#pragma once
// HashJoin: equi-join with an optional residual condition, all join types.
//
// Build side (child 1) is a sink: workers evaluate and hash the build keys of
// their batches in parallel; finalize() orders the parts by morsel, makes one
// flat build batch and a chained hash table over its rows (head per bucket +
// next per row, chains in build order). Probe side (child 0) streams through
// execute(): probe keys are hashed, chains are walked for a whole batch at a
// time and keys compared column-wise on (probe row, build row) pair lists.
//
// Spark semantics:
//  - NULL keys never match (`=`); a key flagged null-safe (`<=>`) matches
//    NULL to NULL. NaN equals NaN and -0.0 equals 0.0 (normalised keys).
//  - The residual condition sees the joined row (probe columns, then build
//    columns); a pair matches only when it evaluates to TRUE. For outer
//    joins, a row whose matches all fail the condition is NULL-padded; for
//    semi/anti, a probe row counts as matched when some pair passes.
//  - Right/full outer: build rows never matched are emitted NULL-padded in
//    finish() (matched flags are atomic, set by all probe workers).
//  - No keys (Cross, or NestedLoopJoin): every probe row pairs with every
//    build row, then the condition applies.
// Output: probe columns then build columns (semi/anti: probe columns only),
// in batches of at most ExecContext::batch_size rows. For a given input the
// output order does not depend on the thread count.

#include <atomic>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "loch/exec/join/join_type.h"
#include "loch/exec/physical_operator.h"
#include "loch/expr/physical_expr.h"

namespace loch {

class HashJoin : public PhysicalOperator {
 public:
  /// @param probe child 0, streamed through execute().
  /// @param build child 1, consumed through the sink interface.
  /// @param probe_keys, build_keys compiled key expressions over the probe /
  ///        build input (same count, pairwise the same type; may be empty
  ///        for Cross joins).
  /// @param condition optional residual predicate (boolean) over the joined
  ///        row: probe columns then build columns (also for semi/anti).
  /// @param null_safe per key, true for `<=>` keys (empty: all false).
  /// @throws InternalException when key counts or types disagree.
  HashJoin(JoinType type, PhysicalOperatorPtr probe, PhysicalOperatorPtr build,
           std::vector<PhysicalExprPtr> probe_keys, std::vector<PhysicalExprPtr> build_keys,
           PhysicalExprPtr condition = nullptr, std::vector<bool> null_safe = {});
  ~HashJoin() override;

  OperatorRole role() const override { return OperatorRole::Join; }
  /// "HashJoin(Inner, keys=[a = b], condition=(x > y))".
  std::string toString() const override;

  JoinType joinType() const { return type_; }

  /// Makes a LeftAnti join null-aware: Spark's semantics of
  /// `a NOT IN (subquery)` with one key and no residual condition. An empty
  /// build side keeps every probe row; otherwise a NULL build key removes
  /// every probe row, and a probe row with a NULL key is removed.
  /// @throws InternalException unless the join is LeftAnti with exactly one
  ///         key and no condition.
  void setNullAwareAnti(bool null_aware);

  // Probe side.
  std::unique_ptr<OperatorState> makeState(ExecContext& ctx) override;
  void execute(const RecordBatchPtr& input, OperatorState* state, ExecContext& ctx, const Emit& emit) override;
  void finish(ExecContext& ctx, const Emit& emit) override;

  // Build side.
  void beginSink(int child, ExecContext& ctx) override;
  std::unique_ptr<OperatorState> makeSinkState(ExecContext& ctx) override;
  void sink(const RecordBatchPtr& batch, int64_t morsel, OperatorState* state, ExecContext& ctx) override;
  void combine(OperatorState* state, ExecContext& ctx) override;
  void finalize(ExecContext& ctx) override;

  /// Rows held by the build side after finalize().
  int64_t buildRows() const;

 protected:
  /// Name used by toString() ("HashJoin", "NestedLoopJoin").
  virtual std::string operatorName() const { return "HashJoin"; }

 private:
  struct BuildPart;
  struct BuildState;
  struct ProbeState;
  struct Table;

  void reserveMemory(ExecContext& ctx, int64_t bytes);
  void buildTable(ExecContext& ctx);
  void probeHashed(const RecordBatch& input, const std::vector<VectorPtr>& keys, ProbeState& st, ExecContext& ctx,
                   const Emit& emit) const;
  void probeAllPairs(const RecordBatch& input, ProbeState& st, ExecContext& ctx, const Emit& emit) const;
  void flushPairs(const RecordBatch& input, ProbeState& st, ExecContext& ctx, const Emit& emit) const;
  void emitProbeLeftovers(const RecordBatch& input, ProbeState& st, ExecContext& ctx, const Emit& emit) const;
  RecordBatchPtr joinedBatch(const RecordBatch& probe, const int32_t* probe_rows, const int32_t* build_rows,
                             int64_t n, const SchemaPtr& schema) const;

  JoinType type_;
  std::vector<PhysicalExprPtr> probe_keys_;
  std::vector<PhysicalExprPtr> build_keys_;
  PhysicalExprPtr condition_;
  std::vector<bool> null_safe_;
  bool null_aware_anti_ = false;
  SchemaPtr joined_schema_;  // probe + build columns (condition input)

  std::mutex mutex_;
  std::unique_ptr<MemoryReservation> reservation_;
  std::vector<std::unique_ptr<BuildPart>> parts_;
  std::unique_ptr<Table> table_;
};

/// Join on a condition without equi-keys, all join types: every probe row
/// meets every build row (the build side should be small) and the condition
/// decides. A thin variant of HashJoin without keys.
class NestedLoopJoin : public HashJoin {
 public:
  /// @param condition boolean predicate over probe columns then build
  ///        columns; nullptr joins every pair.
  NestedLoopJoin(JoinType type, PhysicalOperatorPtr probe, PhysicalOperatorPtr build, PhysicalExprPtr condition)
      : HashJoin(type, std::move(probe), std::move(build), {}, {}, std::move(condition)) {}

 protected:
  std::string operatorName() const override { return "NestedLoopJoin"; }
};

}  // namespace loch

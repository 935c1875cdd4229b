#pragma once
// HashAggregate: GROUP BY with aggregate functions (a pipeline breaker).
//
// Sink: every worker evaluates the key and argument expressions of a batch,
// encodes the keys into rows (GroupKeyLayout), hashes them and finds or
// creates each row's group in its own radix-partitioned hash table
// (aggregate_hash_table.h), then calls each aggregate's vectorised update
// with one state pointer per row. An aggregate's FILTER (WHERE ...) is
// evaluated here and only matching rows reach its update.
// Finalize: partition p of every worker is merged into one table (combine
// of states), partitions in parallel on the ExecContext's ThreadPool.
// Source: one morsel per partition; output batches of about
// ExecContext::batch_size rows: group keys, then one column per aggregate.
//
// Without keys there is exactly one group, so an empty input gives one row
// (count = 0, sum = NULL), as Spark's global aggregation does; with keys an
// empty input gives no rows. NULL keys form their own group; -0.0 and 0.0
// are one group, all NaNs are one group. Keys of every type are allowed;
// nested keys (arrays, maps, structs) take a slower per-row path.
//
// Memory: hash tables and arenas are charged to a MemoryReservation named
// "HashAggregate"; going past loch.memory.limit throws
// MemoryLimitException. (Memory owned by states themselves, such as
// collect_list elements or distinct sets, is not charged yet.)
//
// Output row order is unspecified; the set of rows does not depend on the
// number of threads. Floating-point sums may differ in the last bits, and
// first/last/collect_list order may differ, because rows reach workers in a
// timing-dependent way.

#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "loch/exec/aggregate/aggregate_hash_table.h"
#include "loch/exec/physical_operator.h"
#include "loch/expr/physical_expr.h"
#include "loch/function/aggregate_function.h"

namespace loch {

/// One aggregate of a HashAggregate: the bound function, its compiled
/// argument expressions (already of function->arg_types) and an optional
/// FILTER predicate (BOOLEAN; rows where it is NULL or false are skipped).
struct AggregateExprSpec {
  std::shared_ptr<const BoundAggregateFunction> function;
  std::vector<PhysicalExprPtr> args;
  PhysicalExprPtr filter;
  /// For EXPLAIN only: whether the call was DISTINCT.
  bool distinct = false;
};

class HashAggregate : public PhysicalOperator {
 public:
  /// @param schema  output schema: one field per key, then one per aggregate
  ///                (types = key expression types, function return types).
  /// @param child   input operator (may be null when driven directly).
  /// @param keys    compiled group-key expressions (empty: global aggregate).
  HashAggregate(SchemaPtr schema, PhysicalOperatorPtr child, std::vector<PhysicalExprPtr> keys,
                std::vector<AggregateExprSpec> aggregates);
  ~HashAggregate() override;

  OperatorRole role() const override { return OperatorRole::Breaker; }
  /// "HashAggregate(keys=[k], functions=[count(1), sum(value)])".
  std::string toString() const override;

  std::unique_ptr<OperatorState> makeSinkState(ExecContext& ctx) override;
  void sink(const RecordBatchPtr& batch, int64_t morsel, OperatorState* state, ExecContext& ctx) override;
  void combine(OperatorState* state, ExecContext& ctx) override;
  void finalize(ExecContext& ctx) override;

  int64_t morselCount(ExecContext& ctx) override;
  void produce(int64_t morsel, ExecContext& ctx, const Emit& emit) override;

  /// Number of radix partitions (= output morsels).
  static constexpr int kRadixBits = 4;
  static constexpr int kPartitions = 1 << kRadixBits;

  /// Number of groups after finalize().
  int64_t groupCount() const;

  /// The per-worker hash tables (public for the sink state's definition).
  struct WorkerTables;

 private:
  void mergePartition(int partition, ExecContext& ctx);
  /// The group row of each of n key rows (`width` bytes apart, with their
  /// hashes), created in w's tables when new.
  static void probe(WorkerTables& w, const uint8_t* keys, uint32_t width, const uint64_t* hashes, int64_t n,
                    uint8_t** groups);

  std::vector<PhysicalExprPtr> keys_;
  std::vector<AggregateExprSpec> aggregates_;
  std::unique_ptr<GroupRowLayout> layout_;

  std::mutex mutex_;  // guards workers_ during combine
  std::vector<std::unique_ptr<WorkerTables>> workers_;
  /// After finalize: the merged table of each partition.
  std::vector<std::unique_ptr<GroupTable>> merged_;
  std::vector<std::unique_ptr<MemoryReservation>> merge_reservations_;
  /// Holds the one group of a global aggregate over an empty input.
  std::unique_ptr<WorkerTables> empty_global_;
};

}  // namespace loch

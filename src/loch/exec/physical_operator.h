#pragma once
// Physical operators and push-based pipelines (the model of DuckDB and
// HyPer's morsel-driven execution).
//
// A query plan is cut into pipelines at pipeline breakers. A pipeline is
//   source  ->  streaming operator*  ->  sink
// The source splits its output into morsels; worker threads claim morsels,
// push each morsel's batches through the streaming operators and into the
// sink's per-worker state. When all morsels are done the sink combines the
// worker states and finalizes; a breaker (aggregate, sort, ...) then serves
// as the source of the next pipeline.
//
// Roles:
//   Source     leaf (table scan): morselCount() + produce()
//   Streaming  filter, project, hash-join probe: execute() per batch,
//              finish() once after the last morsel (e.g. unmatched rows of
//              a right/full outer join)
//   Breaker    aggregate, sort, limit, union...: sink side + source side
// A hash join is Streaming for its probe child (child 0) and a sink for its
// build child (child 1).
//
// Determinism: sinks receive the morsel index with each batch and keep
// results in morsel order, so the result does not depend on the number of
// threads or their timing.

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "loch/common/memory_tracker.h"
#include "loch/function/eval_context.h"
#include "loch/vector/record_batch.h"

namespace loch {

class ThreadPool;

/// Everything an operator may use while a query runs.
struct ExecContext {
  EvalContext eval;
  std::shared_ptr<MemoryTracker> memory;
  ThreadPool* pool = nullptr;
  int threads = 1;
  int64_t batch_size = 4096;
};

/// Receives output batches of an operator within one morsel.
using Emit = std::function<void(const RecordBatchPtr& batch)>;

enum class OperatorRole : uint8_t { Source, Streaming, Breaker, Join };

/// Per-worker state of a streaming operator or sink (scratch space,
/// thread-local hash tables). Operators subclass it.
struct OperatorState {
  virtual ~OperatorState() = default;
};

class PhysicalOperator {
 public:
  PhysicalOperator(SchemaPtr schema, std::vector<std::shared_ptr<PhysicalOperator>> children)
      : schema_(std::move(schema)), children_(std::move(children)) {}
  virtual ~PhysicalOperator() = default;

  virtual OperatorRole role() const = 0;
  /// Output schema.
  const SchemaPtr& schema() const { return schema_; }
  const std::vector<std::shared_ptr<PhysicalOperator>>& children() const { return children_; }
  /// One line for EXPLAIN: "HashAggregate(keys=[user_id], functions=[count(1)])".
  virtual std::string toString() const = 0;

  // ---- Source side (Source and Breaker) ----------------------------------
  /// Number of morsels this source produces; called after finalize().
  virtual int64_t morselCount(ExecContext& ctx) { return 0; }
  /// Pushes the batches of morsel `morsel` to `emit`. Thread-safe across
  /// morsels.
  virtual void produce(int64_t morsel, ExecContext& ctx, const Emit& emit) {}

  // ---- Streaming side (Streaming and Join) --------------------------------
  virtual std::unique_ptr<OperatorState> makeState(ExecContext& ctx) { return nullptr; }
  /// Transforms one input batch, emitting zero or more output batches.
  virtual void execute(const RecordBatchPtr& input, OperatorState* state, ExecContext& ctx, const Emit& emit) {}
  /// Called once (single-threaded) after every morsel of the pipeline
  /// passed; may emit final batches (outer-join leftovers).
  virtual void finish(ExecContext& ctx, const Emit& emit) {}

  // ---- Sink side (Breaker; Join for its build child) ----------------------
  /// Called before child `child` is run into this sink (unions have several).
  virtual void beginSink(int child, ExecContext& ctx) {}
  virtual std::unique_ptr<OperatorState> makeSinkState(ExecContext& ctx) { return nullptr; }
  /// Consumes one batch of morsel `morsel` of child `child` on a worker.
  virtual void sink(const RecordBatchPtr& batch, int64_t morsel, OperatorState* state, ExecContext& ctx) {}
  /// Merges one worker's state (single-threaded, after all morsels).
  virtual void combine(OperatorState* state, ExecContext& ctx) {}
  /// Called once after all children were sunk; prepares the source side.
  virtual void finalize(ExecContext& ctx) {}

 private:
  SchemaPtr schema_;
  std::vector<std::shared_ptr<PhysicalOperator>> children_;
};

using PhysicalOperatorPtr = std::shared_ptr<PhysicalOperator>;

}  // namespace loch

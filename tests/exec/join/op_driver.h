#pragma once
// Test harness for physical operators: a batch-list source, tiny physical
// expressions (column reference, lambda) and drivers that run the sink /
// finalize / produce and execute / finish protocol on a ThreadPool the way
// the executor does (per-worker states, morsel indices). Shared by the join,
// sort and set tests.

#include <gtest/gtest.h>

#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "loch/common/memory_tracker.h"
#include "loch/common/thread_pool.h"
#include "loch/exec/physical_operator.h"
#include "loch/expr/physical_expr.h"
#include "loch/vector/vector_ops.h"

namespace loch::testing {

using Rows = std::vector<std::vector<Value>>;

/// A source whose morsel i is batches[i].
class BatchSource : public PhysicalOperator {
 public:
  BatchSource(SchemaPtr schema, std::vector<RecordBatchPtr> batches)
      : PhysicalOperator(std::move(schema), {}), batches_(std::move(batches)) {}
  OperatorRole role() const override { return OperatorRole::Source; }
  std::string toString() const override { return "BatchSource"; }
  int64_t morselCount(ExecContext&) override { return static_cast<int64_t>(batches_.size()); }
  void produce(int64_t morsel, ExecContext&, const Emit& emit) override { emit(batches_[morsel]); }

 private:
  std::vector<RecordBatchPtr> batches_;
};

/// Column `index` of the input.
class ColumnExpr : public PhysicalExpr {
 public:
  ColumnExpr(DataTypePtr type, int index, std::string name)
      : PhysicalExpr(std::move(type)), index_(index), name_(std::move(name)) {}
  VectorPtr evaluate(const RecordBatch& batch, EvalContext&) const override { return batch.column(index_); }
  std::string toString() const override { return name_; }

 private:
  int index_;
  std::string name_;
};

/// Any vectorised function of the batch.
class LambdaExpr : public PhysicalExpr {
 public:
  using Fn = std::function<VectorPtr(const RecordBatch&)>;
  LambdaExpr(DataTypePtr type, Fn fn, std::string name)
      : PhysicalExpr(std::move(type)), fn_(std::move(fn)), name_(std::move(name)) {}
  VectorPtr evaluate(const RecordBatch& batch, EvalContext&) const override { return fn_(batch); }
  std::string toString() const override { return name_; }

 private:
  Fn fn_;
  std::string name_;
};

inline PhysicalExprPtr col(const SchemaPtr& schema, int index) {
  return std::make_shared<ColumnExpr>(schema->fields()[index].type, index, schema->fields()[index].name);
}

/// Boolean expression evaluated row by row on Values (tests only).
inline PhysicalExprPtr rowPredicate(std::string name, std::function<std::optional<bool>(const std::vector<Value>&)> fn) {
  return std::make_shared<LambdaExpr>(
      BooleanType(),
      [fn](const RecordBatch& b) {
        std::vector<Value> out;
        for (int64_t i = 0; i < b.numRows(); ++i) {
          auto r = fn(b.row(i));
          out.push_back(r ? Value::boolean(*r) : Value::null(BooleanType()));
        }
        return Vector::fromValues(BooleanType(), out);
      },
      std::move(name));
}

/// A schema from (name, type) pairs.
inline SchemaPtr schemaOf(std::vector<std::pair<std::string, DataTypePtr>> cols) {
  std::vector<StructField> f;
  for (auto& [n, t] : cols) f.emplace_back(n, t);
  return StructType(std::move(f));
}

/// Splits `rows` into batches of at most `per_batch` rows (at least one
/// batch only when rows is non-empty).
inline std::vector<RecordBatchPtr> toBatches(const SchemaPtr& schema, const Rows& rows, size_t per_batch) {
  std::vector<RecordBatchPtr> out;
  for (size_t s = 0; s < rows.size(); s += per_batch) {
    Rows part(rows.begin() + static_cast<long>(s), rows.begin() + static_cast<long>(std::min(rows.size(), s + per_batch)));
    out.push_back(RecordBatch::fromRows(schema, part));
  }
  return out;
}

inline std::shared_ptr<BatchSource> source(const SchemaPtr& schema, const Rows& rows, size_t per_batch = 3) {
  return std::make_shared<BatchSource>(schema, toBatches(schema, rows, per_batch));
}

/// An execution environment with `threads` threads.
struct Env {
  explicit Env(int threads, int64_t batch_size = 4096, int64_t memory_limit = 0)
      : pool(threads), ctx{EvalContext{}, std::make_shared<MemoryTracker>(memory_limit), &pool, threads, batch_size} {}
  ThreadPool pool;
  ExecContext ctx;
};

/// The per-morsel context the executor hands to workers.
inline ExecContext morselContext(const ExecContext& ctx, int64_t morsel) {
  ExecContext c = ctx;
  c.eval.partition_index = morsel;
  c.eval.row_offset = 0;
  return c;
}

/// Runs source operator `src` into sink child `child` of `op`.
inline void runSink(PhysicalOperator& op, int child, PhysicalOperator& src, ExecContext& ctx) {
  op.beginSink(child, ctx);
  std::vector<std::unique_ptr<OperatorState>> states;
  for (int w = 0; w < ctx.pool->threads(); ++w) states.push_back(op.makeSinkState(ctx));
  int64_t morsels = src.morselCount(ctx);
  ctx.pool->parallelFor(morsels, [&](int64_t m, int w) {
    ExecContext c = morselContext(ctx, m);
    src.produce(m, c, [&](const RecordBatchPtr& b) { op.sink(b, m, states[w].get(), c); });
  });
  for (auto& s : states) op.combine(s.get(), ctx);
}

/// Collects the output of source side of `op` in morsel order.
inline std::vector<RecordBatchPtr> runProduce(PhysicalOperator& op, ExecContext& ctx) {
  int64_t morsels = op.morselCount(ctx);
  std::vector<std::vector<RecordBatchPtr>> out(static_cast<size_t>(morsels));
  ctx.pool->parallelFor(morsels, [&](int64_t m, int) {
    ExecContext c = morselContext(ctx, m);
    op.produce(m, c, [&](const RecordBatchPtr& b) { out[m].push_back(b); });
  });
  std::vector<RecordBatchPtr> all;
  for (auto& v : out) all.insert(all.end(), v.begin(), v.end());
  return all;
}

/// Runs a breaker whose children are sources; returns its output batches.
inline std::vector<RecordBatchPtr> runBreaker(PhysicalOperator& op, ExecContext& ctx) {
  for (size_t i = 0; i < op.children().size(); ++i) runSink(op, static_cast<int>(i), *op.children()[i], ctx);
  op.finalize(ctx);
  return runProduce(op, ctx);
}

/// Runs a streaming operator over the batches of source `src`; output in
/// morsel order, then finish()'s batches.
inline std::vector<RecordBatchPtr> runStreaming(PhysicalOperator& op, PhysicalOperator& src, ExecContext& ctx) {
  std::vector<std::unique_ptr<OperatorState>> states;
  for (int w = 0; w < ctx.pool->threads(); ++w) states.push_back(op.makeState(ctx));
  int64_t morsels = src.morselCount(ctx);
  std::vector<std::vector<RecordBatchPtr>> out(static_cast<size_t>(morsels));
  ctx.pool->parallelFor(morsels, [&](int64_t m, int w) {
    ExecContext c = morselContext(ctx, m);
    src.produce(m, c, [&](const RecordBatchPtr& b) {
      op.execute(b, states[w].get(), c, [&](const RecordBatchPtr& o) { out[m].push_back(o); });
      c.eval.row_offset += b->numRows();
    });
  });
  std::vector<RecordBatchPtr> all;
  for (auto& v : out) all.insert(all.end(), v.begin(), v.end());
  op.finish(ctx, [&](const RecordBatchPtr& o) { all.push_back(o); });
  return all;
}

/// Runs a join: build child 1 into the sink, then probe child 0.
inline std::vector<RecordBatchPtr> runJoin(PhysicalOperator& op, ExecContext& ctx) {
  runSink(op, 1, *op.children()[1], ctx);
  op.finalize(ctx);
  return runStreaming(op, *op.children()[0], ctx);
}

inline Rows rowsOf(const std::vector<RecordBatchPtr>& batches) {
  Rows out;
  for (const auto& b : batches) {
    for (int64_t i = 0; i < b->numRows(); ++i) out.push_back(b->row(i));
  }
  return out;
}

inline std::string rowString(const std::vector<Value>& r) {
  std::string s = "(";
  for (size_t i = 0; i < r.size(); ++i) s += (i ? ", " : "") + r[i].toString();
  return s + ")";
}

/// Rows as sorted strings: order-insensitive comparison.
inline std::vector<std::string> sortedStrings(const Rows& rows) {
  std::vector<std::string> out;
  for (const auto& r : rows) out.push_back(rowString(r));
  std::sort(out.begin(), out.end());
  return out;
}

inline std::vector<std::string> strings(const Rows& rows) {
  std::vector<std::string> out;
  for (const auto& r : rows) out.push_back(rowString(r));
  return out;
}

inline Value I(int32_t v) { return Value::integer(v); }
inline Value L(int64_t v) { return Value::longValue(v); }
inline Value D(double v) { return Value::doubleValue(v); }
inline Value S(std::string v) { return Value::string(std::move(v)); }
inline Value NI() { return Value::null(IntegerType()); }
inline Value NL() { return Value::null(LongType()); }
inline Value NS() { return Value::null(StringType()); }
inline Value ND() { return Value::null(DoubleType()); }

}  // namespace loch::testing

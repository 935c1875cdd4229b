#pragma once
// Test helpers for HashAggregate without the executor: column-reference and
// lambda physical expressions, and a driver that runs the sink side on a
// ThreadPool (one sink state per worker, batches as morsels), combines,
// finalizes and collects every output morsel.

#include <algorithm>
#include <functional>
#include <map>
#include <mutex>
#include <string>
#include <vector>

#include "loch/common/thread_pool.h"
#include "loch/exec/aggregate/hash_aggregate.h"
#include "loch/function/aggregate/aggregate_functions.h"

namespace loch::testing {

/// Column `index` of the input batch.
class ColumnExpr : public PhysicalExpr {
 public:
  ColumnExpr(int index, DataTypePtr type, std::string name)
      : PhysicalExpr(std::move(type)), index_(index), name_(std::move(name)) {}
  VectorPtr evaluate(const RecordBatch& batch, EvalContext&) const override { return batch.column(index_); }
  std::string toString() const override { return name_; }

 private:
  int index_;
  std::string name_;
};

/// Any per-batch computation (filters in tests).
class LambdaExpr : public PhysicalExpr {
 public:
  using Fn = std::function<VectorPtr(const RecordBatch&)>;
  LambdaExpr(DataTypePtr type, std::string text, Fn fn)
      : PhysicalExpr(std::move(type)), text_(std::move(text)), fn_(std::move(fn)) {}
  VectorPtr evaluate(const RecordBatch& batch, EvalContext&) const override { return fn_(batch); }
  std::string toString() const override { return text_; }

 private:
  std::string text_;
  Fn fn_;
};

inline PhysicalExprPtr col(int index, DataTypePtr type, std::string name) {
  return std::make_shared<ColumnExpr>(index, std::move(type), std::move(name));
}

/// An aggregate spec bound by name over `args`.
inline AggregateExprSpec aggOf(const std::string& name, std::vector<PhysicalExprPtr> args, bool distinct = false,
                               PhysicalExprPtr filter = nullptr, bool ansi = true) {
  AggregateCall call;
  call.name = name;
  for (const auto& a : args) call.arg_types.push_back(a->type());
  call.distinct = distinct;
  call.ansi = ansi;
  AggregateExprSpec spec;
  spec.function = std::make_shared<BoundAggregateFunction>(bindAggregateFunction(call));
  spec.args = std::move(args);
  spec.filter = std::move(filter);
  spec.distinct = distinct;
  return spec;
}

/// Output schema: keys then aggregate results, named k0.., a0...
inline SchemaPtr aggregateSchema(const std::vector<PhysicalExprPtr>& keys, const std::vector<AggregateExprSpec>& aggs) {
  std::vector<StructField> fields;
  for (size_t i = 0; i < keys.size(); ++i) fields.emplace_back("k" + std::to_string(i), keys[i]->type());
  for (size_t i = 0; i < aggs.size(); ++i)
    fields.emplace_back("a" + std::to_string(i), aggs[i].function->return_type, aggs[i].function->nullable);
  return StructType(std::move(fields));
}

inline std::shared_ptr<HashAggregate> makeAggregate(std::vector<PhysicalExprPtr> keys,
                                                    std::vector<AggregateExprSpec> aggs) {
  SchemaPtr schema = aggregateSchema(keys, aggs);
  return std::make_shared<HashAggregate>(schema, nullptr, std::move(keys), std::move(aggs));
}

struct DriveResult {
  std::vector<std::vector<Value>> rows;
  std::vector<int64_t> batch_sizes;
};

/// Runs `op` over `batches` (one morsel each) with `threads` threads.
inline DriveResult drive(HashAggregate& op, const std::vector<RecordBatchPtr>& batches, int threads,
                         std::shared_ptr<MemoryTracker> memory = nullptr, int64_t batch_size = 4096,
                         bool ansi = true) {
  ThreadPool pool(threads);
  ExecContext ctx;
  ctx.eval = EvalContext::defaults();
  ctx.eval.ansi = ansi;
  ctx.memory = memory ? memory : std::make_shared<MemoryTracker>(0);
  ctx.pool = &pool;
  ctx.threads = threads;
  ctx.batch_size = batch_size;
  std::vector<std::unique_ptr<OperatorState>> states;
  for (int w = 0; w < threads; ++w) states.push_back(op.makeSinkState(ctx));
  pool.parallelFor(static_cast<int64_t>(batches.size()), [&](int64_t morsel, int worker) {
    op.sink(batches[static_cast<size_t>(morsel)], morsel, states[static_cast<size_t>(worker)].get(), ctx);
  });
  for (auto& s : states) op.combine(s.get(), ctx);
  states.clear();
  op.finalize(ctx);
  DriveResult result;
  std::mutex mutex;
  pool.parallelFor(op.morselCount(ctx), [&](int64_t morsel, int) {
    op.produce(morsel, ctx, [&](const RecordBatchPtr& batch) {
      std::lock_guard<std::mutex> lock(mutex);
      result.batch_sizes.push_back(batch->numRows());
      for (int64_t r = 0; r < batch->numRows(); ++r) result.rows.push_back(batch->row(r));
    });
  });
  return result;
}

/// Rows as sortable text, for comparing sets of rows.
inline std::vector<std::string> rowTexts(const std::vector<std::vector<Value>>& rows) {
  std::vector<std::string> out;
  for (const auto& row : rows) {
    std::string text;
    for (const auto& v : row) text += v.toString() + "|";
    out.push_back(text);
  }
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace loch::testing

// HashAggregate operator on 10M rows, driven directly (no planner): an
// int64 key with 1M groups (or 1K), sum/count/avg of a double. Reports
// rows/s. Batches are built once, outside the timing.
//
//   ninja -C build/bench loch_micro_bench && build/bench/bench/loch_micro_bench --benchmark_filter=Operator

#include <benchmark/benchmark.h>

#include <atomic>
#include <map>
#include <thread>

#include "loch/common/thread_pool.h"
#include "loch/exec/aggregate/hash_aggregate.h"
#include "loch/function/aggregate/aggregate_functions.h"

namespace loch {
namespace {

constexpr int64_t kAggRows = 10'000'000;
constexpr int64_t kAggBatch = 4096;

class BenchColumn : public PhysicalExpr {
 public:
  BenchColumn(int index, DataTypePtr type, std::string name)
      : PhysicalExpr(std::move(type)), index_(index), name_(std::move(name)) {}
  VectorPtr evaluate(const RecordBatch& batch, EvalContext&) const override { return batch.column(index_); }
  std::string toString() const override { return name_; }

 private:
  int index_;
  std::string name_;
};

/// 10M rows (k bigint with `groups` values spread by a multiplicative hash, v double).
const std::vector<RecordBatchPtr>& aggInput(int64_t groups) {
  static std::map<int64_t, std::vector<RecordBatchPtr>> cache;
  auto& batches = cache[groups];
  if (!batches.empty()) return batches;
  SchemaPtr schema = StructType({{"k", LongType()}, {"v", DoubleType()}});
  for (int64_t start = 0; start < kAggRows; start += kAggBatch) {
    int64_t n = std::min(kAggBatch, kAggRows - start);
    VectorPtr k = Vector::makeFlat(LongType(), n);
    VectorPtr v = Vector::makeFlat(DoubleType(), n);
    for (int64_t i = 0; i < n; ++i) {
      k->mutableValues<int64_t>()[i] = ((start + i) * 7919) % groups;
      v->mutableValues<double>()[i] = static_cast<double>(start + i) * 0.5;
    }
    batches.push_back(RecordBatch::make(schema, {k, v}, n));
  }
  return batches;
}

AggregateExprSpec benchAgg(const std::string& name, std::vector<PhysicalExprPtr> args) {
  AggregateCall call;
  call.name = name;
  for (const auto& a : args) call.arg_types.push_back(a->type());
  AggregateExprSpec spec;
  spec.function = std::make_shared<BoundAggregateFunction>(bindAggregateFunction(call));
  spec.args = std::move(args);
  return spec;
}

void BM_HashAggregateOperator(benchmark::State& state) {
  int64_t groups = state.range(0);
  const auto& batches = aggInput(groups);
  int threads = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  ThreadPool pool(threads);
  int64_t out_rows = 0;
  for (auto _ : state) {
    auto k = std::make_shared<BenchColumn>(0, LongType(), "k");
    auto v = std::make_shared<BenchColumn>(1, DoubleType(), "v");
    std::vector<AggregateExprSpec> aggs = {benchAgg("sum", {v}), benchAgg("count", {}), benchAgg("avg", {v})};
    SchemaPtr schema = StructType({{"k", LongType()},
                                   {"sum(v)", DoubleType()},
                                   {"count(1)", LongType(), false},
                                   {"avg(v)", DoubleType()}});
    HashAggregate op(schema, nullptr, {k}, std::move(aggs));
    ExecContext ctx;
    ctx.eval = EvalContext::defaults();
    ctx.memory = std::make_shared<MemoryTracker>(0);
    ctx.pool = &pool;
    ctx.threads = threads;
    std::vector<std::unique_ptr<OperatorState>> sinks;
    for (int w = 0; w < threads; ++w) sinks.push_back(op.makeSinkState(ctx));
    pool.parallelFor(static_cast<int64_t>(batches.size()), [&](int64_t m, int w) {
      op.sink(batches[static_cast<size_t>(m)], m, sinks[static_cast<size_t>(w)].get(), ctx);
    });
    for (auto& s : sinks) op.combine(s.get(), ctx);
    op.finalize(ctx);
    std::atomic<int64_t> rows{0};
    pool.parallelFor(op.morselCount(ctx), [&](int64_t m, int) {
      op.produce(m, ctx, [&](const RecordBatchPtr& b) { rows += b->numRows(); });
    });
    out_rows = rows.load();
  }
  state.counters["groups"] = static_cast<double>(out_rows);
  state.counters["rows/s"] = benchmark::Counter(static_cast<double>(kAggRows), benchmark::Counter::kIsIterationInvariantRate);
  state.SetItemsProcessed(state.iterations() * kAggRows);
}
BENCHMARK(BM_HashAggregateOperator)->Arg(1000)->Arg(1000000)->Unit(benchmark::kMillisecond)->UseRealTime();

}  // namespace
}  // namespace loch

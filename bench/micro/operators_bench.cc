// Hash aggregate, hash join and sort on 10M rows, through the DataFrame API
// (planning cost is negligible at this size). Reports rows/s.
//
//   ninja -C build/bench loch_micro_bench && build/bench/bench/loch_micro_bench

#include <benchmark/benchmark.h>

#include "loch/api/functions.h"
#include "loch/api/spark_session.h"

namespace loch {
namespace {

namespace F = functions;
constexpr int64_t kRows = 10'000'000;

std::shared_ptr<SparkSession> session() {
  static auto spark = SparkSession::builder().appName("micro-bench").getOrCreate();
  return spark;
}

/// 10M rows: id, k = hash-spread key with `groups` distinct values, v = double.
DataFrame input(int64_t groups) {
  auto df = session()->range(kRows)
                .withColumn("k", (F::col("id") * 7919) % groups)
                .withColumn("v", F::col("id").cast("double") * 0.5);
  return df.cache();
}

void BM_HashAggregate(benchmark::State& state) {
  int64_t groups = state.range(0);
  auto df = input(groups);
  df.count();  // materialise the cache outside the timing
  for (auto _ : state) {
    auto r = df.groupBy("k").agg(F::sum("v"), F::count("*"), F::avg("v")).collect();
    benchmark::DoNotOptimize(r);
  }
  state.SetItemsProcessed(state.iterations() * kRows);
  df.unpersist();
}
BENCHMARK(BM_HashAggregate)->Arg(1000)->Arg(1000000)->Unit(benchmark::kMillisecond)->UseRealTime();

void BM_HashJoin(benchmark::State& state) {
  int64_t build_rows = state.range(0);
  auto probe = input(build_rows);
  probe.count();
  auto build = session()->range(build_rows).withColumn("w", F::col("id") * 2).cache();
  build.count();
  for (auto _ : state) {
    auto n = probe.join(build, probe["k"] == build["id"]).count();
    benchmark::DoNotOptimize(n);
  }
  state.SetItemsProcessed(state.iterations() * kRows);
  probe.unpersist();
  build.unpersist();
}
BENCHMARK(BM_HashJoin)->Arg(1000000)->Unit(benchmark::kMillisecond)->UseRealTime();

void BM_Sort(benchmark::State& state) {
  auto df = input(kRows);
  df.count();
  for (auto _ : state) {
    auto r = df.orderBy(F::col("k"), F::col("v").desc()).collectBatches();
    benchmark::DoNotOptimize(r);
  }
  state.SetItemsProcessed(state.iterations() * kRows);
  df.unpersist();
}
BENCHMARK(BM_Sort)->Unit(benchmark::kMillisecond)->UseRealTime();

}  // namespace
}  // namespace loch

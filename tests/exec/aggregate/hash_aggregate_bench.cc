// Micro benchmark of HashAggregate alone (no Parquet, no planner), shaped
// after the events benchmark: `hash_aggregate_bench [rows] [threads] [case]`
// prints the time of each case. Not a test: built on demand only.

#include <atomic>
#include <chrono>
#include <cstdio>
#include <random>
#include <cstring>

#include <sys/resource.h>

#include "exec/aggregate/aggregate_driver.h"
#include "loch/vector/buffer.h"
#include "loch/vector/vector_builder.h"

namespace loch::testing {
namespace {

const char* kCountries[] = {"US", "DE", "FR", "GB", "JP", "BR", "IN", "CA", "AU"};
const char* kCategories[] = {"books", "beauty", "electronics", "fashion", "home", "sports", "toys", "grocery"};

VectorPtr stringColumn(const std::vector<int32_t>& codes, const char* const* names, bool dictionary) {
  int64_t n = static_cast<int64_t>(codes.size());
  if (dictionary) {
    VectorBuilder d(StringType(), 16);
    int32_t entries = 0;
    for (int32_t c : codes) entries = std::max(entries, c + 1);
    for (int32_t e = 0; e < entries; ++e) d.appendString(names[e]);
    auto indices = std::make_shared<Buffer>(static_cast<size_t>(n) * 4);
    std::memcpy(indices->data(), codes.data(), static_cast<size_t>(n) * 4);
    return Vector::makeDictionary(d.finish(), indices, n);
  }
  VectorBuilder b(StringType(), n);
  for (int32_t c : codes) b.appendString(names[c]);
  return b.finish();
}

std::vector<RecordBatchPtr> events(int64_t rows, int64_t users, bool dictionary) {
  SchemaPtr schema = StructType({{"country", StringType()}, {"category", StringType()}, {"user_id", LongType()},
                                 {"value", DoubleType()}});
  std::mt19937_64 rng(42);
  std::vector<RecordBatchPtr> out;
  for (int64_t start = 0; start < rows; start += 4096) {
    int64_t n = std::min<int64_t>(4096, rows - start);
    std::vector<int32_t> country(n), category(n);
    VectorPtr user = Vector::makeFlat(LongType(), n);
    VectorPtr value = Vector::makeFlat(DoubleType(), n);
    for (int64_t i = 0; i < n; ++i) {
      country[i] = static_cast<int32_t>(rng() % 9);
      category[i] = static_cast<int32_t>(rng() % 8);
      user->mutableValues<int64_t>()[i] = static_cast<int64_t>(rng() % users);
      value->mutableValues<double>()[i] = static_cast<double>(rng() % 100000) / 100;
    }
    out.push_back(RecordBatch::make(schema,
                                    {stringColumn(country, kCountries, dictionary),
                                     stringColumn(category, kCategories, dictionary), user, value},
                                    n));
  }
  return out;
}

const char* g_only = nullptr;  // run only cases whose name contains this

double cpuSeconds() {
  rusage u;
  getrusage(RUSAGE_SELF, &u);
  return static_cast<double>(u.ru_utime.tv_sec + u.ru_stime.tv_sec) +
         static_cast<double>(u.ru_utime.tv_usec + u.ru_stime.tv_usec) / 1e6;
}

void run(const char* name, std::vector<PhysicalExprPtr> keys, const std::vector<RecordBatchPtr>& batches,
         int threads) {
  if (g_only && std::strcmp(name, g_only) != 0) return;
  double cpu0 = cpuSeconds();
  auto value = col(3, DoubleType(), "value");
  auto op = makeAggregate(std::move(keys), {aggOf("count", {}), aggOf("sum", {value})});
  ThreadPool pool(threads);
  ExecContext ctx;
  ctx.eval = EvalContext::defaults();
  ctx.memory = std::make_shared<MemoryTracker>(0);
  ctx.pool = &pool;
  ctx.threads = threads;
  auto t0 = std::chrono::steady_clock::now();
  std::vector<std::unique_ptr<OperatorState>> states;
  for (int w = 0; w < threads; ++w) states.push_back(op->makeSinkState(ctx));
  pool.parallelFor(static_cast<int64_t>(batches.size()), [&](int64_t morsel, int worker) {
    op->sink(batches[static_cast<size_t>(morsel)], morsel, states[static_cast<size_t>(worker)].get(), ctx);
  });
  for (auto& s : states) op->combine(s.get(), ctx);
  states.clear();
  auto t1 = std::chrono::steady_clock::now();
  op->finalize(ctx);
  auto t2 = std::chrono::steady_clock::now();
  std::atomic<int64_t> groups = 0;
  pool.parallelFor(op->morselCount(ctx), [&](int64_t morsel, int) {
    op->produce(morsel, ctx, [&](const RecordBatchPtr& batch) { groups += batch->numRows(); });
  });
  auto t3 = std::chrono::steady_clock::now();
  auto secs = [](auto a, auto b) { return std::chrono::duration<double>(b - a).count(); };
  std::printf("%-40s %8lld groups  sink %6.3f  merge %6.3f  output %6.3f  total %6.3f s  cpu %6.3f s\n", name,
              static_cast<long long>(groups.load()), secs(t0, t1), secs(t1, t2), secs(t2, t3), secs(t0, t3),
              cpuSeconds() - cpu0);
}

}  // namespace
}  // namespace loch::testing

int main(int argc, char** argv) {
  using namespace loch;
  using namespace loch::testing;
  int64_t rows = argc > 1 ? std::atoll(argv[1]) : 10'000'000;
  int threads = argc > 2 ? std::atoi(argv[2]) : 2;
  if (argc > 3) g_only = argv[3];
  auto country = col(0, StringType(), "country");
  auto category = col(1, StringType(), "category");
  auto user = col(2, LongType(), "user_id");
  for (bool dictionary : {false, true}) {
    auto batches = events(rows, 10000, dictionary);
    std::string tag = dictionary ? " (dictionary)" : "";
    run(("country, category, user_id" + tag).c_str(), {country, category, user}, batches, threads);
    run(("country, user_id" + tag).c_str(), {country, user}, batches, threads);
    run(("user_id" + tag).c_str(), {user}, batches, threads);
    run(("country, category" + tag).c_str(), {country, category}, batches, threads);
  }
  auto wide = events(rows, 1'000'000, false);
  run("user_id (1M users)", {user}, wide, threads);
  return 0;
}

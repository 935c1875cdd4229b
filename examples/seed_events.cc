// The seed pipelines' daily-user-activity and user-behavior jobs through
// Loch's C++ DataFrame API, on a deterministic seed-shaped clickstream
// (users, sessions in bursts, a view → click → add_to_cart → purchase
// funnel). This is what the README's main command runs until the `loch`
// CLI lands (issue 6).
//
// Usage: loch_seed_events [--rows N] [--users U] [--threads T]

#include <chrono>
#include <cstdio>
#include <cstring>
#include <iostream>
#include <random>
#include <string>

#include "loch/api/functions.h"
#include "loch/api/spark_session.h"
#include "loch/common/exception.h"
#include "loch/types/datetime.h"
#include "loch/vector/vector_builder.h"

using namespace loch;
namespace F = loch::functions;

namespace {

/// Seed-shaped events: ~N rows, deterministic for a given seed.
DataFrame generateEvents(SparkSession& spark, int64_t rows, int64_t users, uint64_t seed) {
  auto schema = StructType({StructField("event_id", LongType(), false), StructField("user_id", LongType()),
                            StructField("timestamp", TimestampType()), StructField("event_type", StringType()),
                            StructField("product_id", LongType()), StructField("category", StringType()),
                            StructField("value", DoubleType()), StructField("year", IntegerType()),
                            StructField("month", IntegerType()), StructField("day", IntegerType())});
  const char* categories[] = {"electronics", "books", "home", "fashion", "toys", "sports"};
  std::mt19937_64 rng(seed);
  int64_t start = static_cast<int64_t>(daysFromCivil(2024, 1, 1)) * kMicrosPerDay;
  std::vector<RecordBatchPtr> batches;
  const int64_t batch_rows = 1 << 16;
  int64_t id = 0;
  while (id < rows) {
    int64_t n = std::min(batch_rows, rows - id);
    std::vector<std::unique_ptr<VectorBuilder>> b;
    for (const auto& f : schema->fields()) b.push_back(std::make_unique<VectorBuilder>(f.type, n));
    for (int64_t i = 0; i < n; ++i, ++id) {
      int64_t user = static_cast<int64_t>(rng() % static_cast<uint64_t>(users));
      int64_t ts = start + static_cast<int64_t>(rng() % (60 * kMicrosPerDay));
      uint64_t r = rng() % 100;
      const char* type = r < 60 ? "view" : r < 85 ? "click" : r < 95 ? "add_to_cart" : "purchase";
      int64_t product = static_cast<int64_t>(rng() % 500);
      b[0]->appendInt(id);
      b[1]->appendInt(user);
      b[2]->appendInt(ts);
      b[3]->appendString(type);
      b[4]->appendInt(product);
      b[5]->appendString(categories[product % 6]);
      if (r >= 95) {
        b[6]->appendDouble(static_cast<double>(rng() % 50000) / 100.0);
      } else {
        b[6]->appendNull();
      }
      auto c = civilFromDays(static_cast<int32_t>(floorDiv(ts, kMicrosPerDay)));
      b[7]->appendInt(c.year);
      b[8]->appendInt(c.month);
      b[9]->appendInt(c.day);
    }
    std::vector<VectorPtr> cols;
    for (auto& x : b) cols.push_back(x->finish());
    batches.push_back(RecordBatch::make(schema, std::move(cols), n));
  }
  return spark.createDataFrame(std::move(batches), schema);
}

double secondsSince(std::chrono::steady_clock::time_point t0) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}

int64_t parseFlag(int argc, char** argv, const char* name, int64_t fallback) {
  for (int i = 1; i + 1 < argc; ++i) {
    if (std::strcmp(argv[i], name) == 0) return std::stoll(argv[i + 1]);
  }
  return fallback;
}

}  // namespace

int main(int argc, char** argv) {
  for (int i = 1; i < argc; ++i) {
    if (std::strcmp(argv[i], "--help") == 0 || std::strcmp(argv[i], "-h") == 0) {
      std::cout << "Usage: loch_seed_events [--rows N] [--users U] [--threads T]\n"
                   "Generates N seed-shaped events (default 1000000) for U users (default 10000) and runs the\n"
                   "daily user activity and user behavior jobs, printing a sample of each result.\n";
      return 0;
    }
  }
  try {
    int64_t rows = parseFlag(argc, argv, "--rows", 1000000);
    int64_t users = parseFlag(argc, argv, "--users", 10000);
    int64_t threads = parseFlag(argc, argv, "--threads", 0);
    auto builder = SparkSession::builder().appName("seed-events");
    if (threads > 0) builder.config("loch.threads", std::to_string(threads));
    auto spark = builder.getOrCreate();

    auto t0 = std::chrono::steady_clock::now();
    auto events = generateEvents(*spark, rows, users, 42).cache();
    std::cout << "events: " << events.count() << " rows generated in " << secondsSince(t0) << " s\n";
    events.printSchema();

    t0 = std::chrono::steady_clock::now();
    auto daily = events.filter(F::col("event_type").isin("click", "view", "purchase"))
                     .groupBy("user_id", "year", "month", "day", "event_type")
                     .agg(F::count("*").alias("event_count"), F::sum("value").alias("total_value"),
                          F::avg("value").alias("avg_value"));
    int64_t daily_rows = daily.count();
    std::cout << "\ndaily_user_activity: " << daily_rows << " rows in " << secondsSince(t0) << " s\n";
    daily.orderBy(F::col("event_count").desc(), F::col("user_id")).show(5);

    t0 = std::chrono::steady_clock::now();
    auto behavior = events.groupBy("user_id").agg(F::countDistinct("event_type").alias("unique_event_types"),
                                                  F::count("*").alias("total_events"),
                                                  F::sum("value").alias("lifetime_value"));
    int64_t behavior_rows = behavior.count();
    std::cout << "user_behavior: " << behavior_rows << " rows in " << secondsSince(t0) << " s\n";
    behavior.orderBy(F::col("lifetime_value").desc()).show(5);
    return 0;
  } catch (const LochException& e) {
    std::cerr << "loch_seed_events: " << e.what() << "\n";
    return 1;
  }
}

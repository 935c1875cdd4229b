#include "loch/cli/gen_command.h"

#include <algorithm>
#include <cmath>
#include <iostream>
#include <random>
#include <vector>

#include "loch/api/data_frame_writer.h"
#include "loch/api/spark_session.h"
#include "loch/common/exception.h"
#include "loch/common/thread_pool.h"
#include "loch/types/datetime.h"
#include "loch/vector/vector_builder.h"

namespace loch::cli {

namespace {

constexpr int64_t kBatchRows = 1 << 16;
constexpr int64_t kProducts = 1000;
const char* const kCategories[] = {"electronics", "books", "home", "fashion", "toys", "sports", "beauty", "grocery"};
constexpr int kNumCategories = 8;
// Country, its region, and its share of users in percent.
struct Country {
  const char* code;
  const char* region;
  int percent;
};
const Country kCountries[] = {{"US", "north_america", 35}, {"CA", "north_america", 5}, {"GB", "europe", 10},
                              {"DE", "europe", 10},        {"FR", "europe", 8},        {"IN", "asia_pacific", 12},
                              {"JP", "asia_pacific", 7},   {"AU", "asia_pacific", 5},  {"BR", "latin_america", 8}};

/// SplitMix64 finaliser: decorrelates seeds derived from (seed, stream, index).
uint64_t mix(uint64_t x) {
  x += 0x9E3779B97F4A7C15ULL;
  x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ULL;
  x = (x ^ (x >> 27)) * 0x94D049BB133111EBULL;
  return x ^ (x >> 31);
}

uint64_t streamSeed(uint64_t seed, uint64_t stream, uint64_t index) { return mix(mix(mix(seed) ^ stream) ^ index); }

/// Uniform in [0, 1) from 53 random bits; std:: distributions are not
/// specified bit-exactly across standard libraries, this is.
double unit(std::mt19937_64& rng) { return static_cast<double>(rng() >> 11) * 0x1.0p-53; }

/// Uniform in [0, n).
int64_t below(std::mt19937_64& rng, int64_t n) { return static_cast<int64_t>(rng() % static_cast<uint64_t>(n)); }

int countryOf(uint64_t seed, int64_t user_id) {
  int r = static_cast<int>(streamSeed(seed, 1, static_cast<uint64_t>(user_id)) % 100);
  int i = 0;
  for (; r >= kCountries[i].percent; ++i) r -= kCountries[i].percent;
  return i;
}

struct Catalog {
  std::vector<double> price;       // by product_id - 1
  std::vector<double> popularity;  // cumulative Zipf weights by rank (rank = product_id - 1)
};

Catalog makeCatalog(uint64_t seed) {
  Catalog c;
  double total = 0;
  for (int64_t p = 0; p < kProducts; ++p) {
    std::mt19937_64 rng(streamSeed(seed, 2, static_cast<uint64_t>(p)));
    c.price.push_back(static_cast<double>(199 + below(rng, 49800)) / 100.0);  // 1.99 .. 499.98
    total += 1.0 / std::pow(static_cast<double>(p + 1), 1.1);
    c.popularity.push_back(total);
  }
  for (auto& w : c.popularity) w /= total;
  return c;
}

std::vector<VectorPtr> finish(std::vector<std::unique_ptr<VectorBuilder>>& builders) {
  std::vector<VectorPtr> cols;
  for (auto& b : builders) cols.push_back(b->finish());
  return cols;
}

std::vector<std::unique_ptr<VectorBuilder>> buildersFor(const SchemaPtr& schema, int64_t n) {
  std::vector<std::unique_ptr<VectorBuilder>> b;
  for (const auto& f : schema->fields()) b.push_back(std::make_unique<VectorBuilder>(f.type, n));
  return b;
}

SchemaPtr eventsSchema() {
  return StructType({StructField("event_id", LongType(), false), StructField("user_id", LongType()),
                     StructField("timestamp", TimestampType()), StructField("event_type", StringType()),
                     StructField("product_id", LongType()), StructField("category", StringType()),
                     StructField("value", DoubleType()), StructField("page_url", StringType()),
                     StructField("device_type", StringType()), StructField("country", StringType()),
                     StructField("year", IntegerType()), StructField("month", IntegerType()),
                     StructField("day", IntegerType())});
}

/// Rows [batch * kBatchRows, ...) of the events table.
RecordBatchPtr eventsBatch(const GenEventsOptions& o, const Catalog& catalog, const SchemaPtr& schema,
                           int64_t batch) {
  int64_t first = batch * kBatchRows;
  int64_t n = std::min(kBatchRows, o.rows - first);
  std::mt19937_64 rng(streamSeed(o.seed, 3, static_cast<uint64_t>(batch)));
  int64_t start = static_cast<int64_t>(daysFromCivil(2024, 1, 1)) * kMicrosPerDay;
  int64_t span = o.days * kMicrosPerDay;
  auto b = buildersFor(schema, n);
  for (int64_t i = 0; i < n; ++i) {
    // Activity is skewed: low user ids are more active.
    int64_t user = 1 + std::min(o.users - 1, static_cast<int64_t>(std::pow(unit(rng), 1.5) * static_cast<double>(o.users)));
    // Millisecond precision, so CSV and JSON (which write milliseconds) hold the same data as Parquet.
    int64_t ts = start + below(rng, span / 1000) * 1000;
    int64_t r = below(rng, 100);
    const char* type = r < 60 ? "view" : r < 85 ? "click" : r < 95 ? "add_to_cart" : "purchase";
    auto rank = std::upper_bound(catalog.popularity.begin(), catalog.popularity.end(), unit(rng)) -
                catalog.popularity.begin();
    int64_t product = 1 + std::min<int64_t>(rank, kProducts - 1);
    const char* category = kCategories[product % kNumCategories];
    int64_t d = below(rng, 100);
    const char* device = d < 55 ? "mobile" : d < 90 ? "desktop" : "tablet";
    b[0]->appendInt(first + i + 1);
    b[1]->appendInt(user);
    b[2]->appendInt(ts);
    b[3]->appendString(type);
    b[4]->appendInt(product);
    b[5]->appendString(category);
    if (r >= 95) {
      double revenue = catalog.price[product - 1] * static_cast<double>(1 + below(rng, 3));
      b[6]->appendDouble(std::round(revenue * 100.0) / 100.0);
    } else {
      b[6]->appendNull();
    }
    b[7]->appendString(r < 60 && product % 3 == 0 ? "/category/" + std::string(category)
                                                   : "/product/" + std::to_string(product));
    b[8]->appendString(device);
    b[9]->appendString(kCountries[countryOf(o.seed, user)].code);
    auto c = civilFromDays(static_cast<int32_t>(floorDiv(ts, kMicrosPerDay)));
    b[10]->appendInt(c.year);
    b[11]->appendInt(c.month);
    b[12]->appendInt(c.day);
  }
  return RecordBatch::make(schema, finish(b), n);
}

DataFrame usersTable(SparkSession& spark, const GenEventsOptions& o) {
  auto schema = StructType({StructField("user_id", LongType(), false), StructField("region", StringType()),
                            StructField("user_segment", StringType()), StructField("signup_date", DateType())});
  const char* segments[] = {"new", "casual", "regular", "loyal", "vip"};
  const int segment_percent[] = {25, 35, 25, 12, 3};
  int32_t signup_end = daysFromCivil(2024, 1, 1);
  std::vector<RecordBatchPtr> batches;
  for (int64_t first = 1; first <= o.users; first += kBatchRows) {
    int64_t n = std::min(kBatchRows, o.users - first + 1);
    auto b = buildersFor(schema, n);
    for (int64_t id = first; id < first + n; ++id) {
      std::mt19937_64 rng(streamSeed(o.seed, 4, static_cast<uint64_t>(id)));
      int64_t s = below(rng, 100);
      int seg = 0;
      for (; s >= segment_percent[seg]; ++seg) s -= segment_percent[seg];
      b[0]->appendInt(id);
      b[1]->appendString(kCountries[countryOf(o.seed, id)].region);
      b[2]->appendString(segments[seg]);
      b[3]->appendInt(signup_end - 1 - below(rng, 3 * 365));
    }
    batches.push_back(RecordBatch::make(schema, finish(b), n));
  }
  return spark.createDataFrame(std::move(batches), schema);
}

DataFrame productsTable(SparkSession& spark, const Catalog& catalog) {
  auto schema = StructType({StructField("product_id", LongType(), false), StructField("product_category", StringType()),
                            StructField("price", DoubleType())});
  auto b = buildersFor(schema, kProducts);
  for (int64_t p = 1; p <= kProducts; ++p) {
    b[0]->appendInt(p);
    b[1]->appendString(kCategories[p % kNumCategories]);
    b[2]->appendDouble(catalog.price[p - 1]);
  }
  return spark.createDataFrame({RecordBatch::make(schema, finish(b), kProducts)}, schema);
}

void save(const DataFrame& df, const GenEventsOptions& o, const std::string& table, std::ostream& out) {
  auto writer = df.write();
  writer.mode("overwrite").format(o.format);
  if (o.format == "csv") writer.option("header", true);
  std::string path = o.output + "/" + table;
  writer.save(path);
  out << table << ": " << df.count() << " rows -> " << path << "\n";
}

void validate(const GenEventsOptions& o) {
  auto bad = [](const std::string& what) { throw InvalidArgumentException("INVALID_ARGUMENT", what); };
  if (o.rows < 0) bad("--rows must be >= 0, got " + std::to_string(o.rows) + ".");
  if (o.users < 1) bad("--users must be >= 1, got " + std::to_string(o.users) + ".");
  if (o.days < 1 || o.days > 36500) bad("--days must be in [1, 36500], got " + std::to_string(o.days) + ".");
  if (o.output.empty()) bad("--output is required.");
  if (o.format != "parquet" && o.format != "csv" && o.format != "json") {
    bad("--format must be parquet, csv or json, got '" + o.format + "'.");
  }
}

}  // namespace

int runGenEvents(const GenEventsOptions& options, std::ostream& out, std::ostream& err) {
  try {
    validate(options);
    auto spark = SparkSession::builder().appName("loch-gen").getOrCreate();
    Catalog catalog = makeCatalog(options.seed);
    auto schema = eventsSchema();
    // Each batch has its own seed and slot, so the result is the same
    // whichever thread generates it.
    std::vector<RecordBatchPtr> batches(static_cast<size_t>((options.rows + kBatchRows - 1) / kBatchRows));
    ThreadPool pool(spark->conf().threads());
    pool.parallelFor(static_cast<int64_t>(batches.size()), [&](int64_t batch, int) {
      batches[static_cast<size_t>(batch)] = eventsBatch(options, catalog, schema, batch);
    });
    save(spark->createDataFrame(std::move(batches), schema), options, "events", out);
    save(usersTable(*spark, options), options, "users", out);
    save(productsTable(*spark, catalog), options, "products", out);
    return 0;
  } catch (const LochException& e) {
    err << "loch: " << e.what() << "\n";
    return 1;
  } catch (const std::exception& e) {
    err << "loch: [INTERNAL_ERROR] " << e.what() << "\n";
    return 1;
  }
}

}  // namespace loch::cli

// The seed pipelines' "daily user activity" and "user behavior" jobs through
// the DataFrame API, on a deterministic seed-shaped events table, checked
// against expectations computed independently with std::map.

#include <gtest/gtest.h>

#include <cmath>
#include <map>
#include <random>
#include <set>
#include <tuple>

#include "loch/api/functions.h"
#include "loch/types/datetime.h"
#include "loch/vector/vector_builder.h"
#include "test_session.h"

namespace loch {
namespace {

namespace F = functions;

struct Event {
  int64_t event_id;
  std::optional<int64_t> user_id;
  int64_t timestamp;  // µs UTC
  std::string event_type;
  int64_t product_id;
  std::string category;
  std::optional<double> value;
  int year, month, day;
};

std::vector<Event> makeEvents(int64_t n, uint32_t seed) {
  std::mt19937_64 rng(seed);
  const char* types[] = {"view", "view", "view", "click", "click", "add_to_cart", "purchase"};
  const char* categories[] = {"books", "electronics", "home", "toys"};
  std::vector<Event> events;
  int64_t start = static_cast<int64_t>(daysFromCivil(2024, 1, 30)) * kMicrosPerDay;
  for (int64_t i = 0; i < n; ++i) {
    Event e;
    e.event_id = i;
    e.user_id = rng() % 50 == 0 ? std::nullopt : std::optional<int64_t>(static_cast<int64_t>(rng() % 997));
    e.timestamp = start + static_cast<int64_t>(rng() % (3 * kMicrosPerDay));
    e.event_type = types[rng() % 7];
    e.product_id = static_cast<int64_t>(rng() % 100);
    e.category = categories[e.product_id % 4];
    if (e.event_type == "purchase") {
      e.value = rng() % 10 == 0 ? std::nullopt : std::optional<double>(static_cast<double>(rng() % 10000) / 100.0);
    } else {
      e.value = rng() % 3 == 0 ? std::optional<double>(0.0) : std::nullopt;
    }
    auto c = civilFromDays(static_cast<int32_t>(floorDiv(e.timestamp, kMicrosPerDay)));
    e.year = static_cast<int>(c.year);
    e.month = c.month;
    e.day = c.day;
    events.push_back(e);
  }
  return events;
}

SchemaPtr eventSchema() {
  return StructType({StructField("event_id", LongType(), false), StructField("user_id", LongType()),
                     StructField("timestamp", TimestampType()), StructField("event_type", StringType()),
                     StructField("product_id", LongType()), StructField("category", StringType()),
                     StructField("value", DoubleType()), StructField("year", IntegerType()),
                     StructField("month", IntegerType()), StructField("day", IntegerType())});
}

/// Builds the events table in batches of 10,000 rows (several batches, so
/// multi-batch and multi-morsel paths are exercised).
DataFrame eventsFrame(SparkSession& spark, const std::vector<Event>& events) {
  auto schema = eventSchema();
  std::vector<RecordBatchPtr> batches;
  for (size_t start = 0; start < events.size(); start += 10000) {
    size_t end = std::min(events.size(), start + 10000);
    std::vector<std::unique_ptr<VectorBuilder>> b;
    for (const auto& f : schema->fields()) b.push_back(std::make_unique<VectorBuilder>(f.type));
    for (size_t i = start; i < end; ++i) {
      const Event& e = events[i];
      b[0]->appendInt(e.event_id);
      e.user_id ? b[1]->appendInt(*e.user_id) : b[1]->appendNull();
      b[2]->appendInt(e.timestamp);
      b[3]->appendString(e.event_type);
      b[4]->appendInt(e.product_id);
      b[5]->appendString(e.category);
      e.value ? b[6]->appendDouble(*e.value) : b[6]->appendNull();
      b[7]->appendInt(e.year);
      b[8]->appendInt(e.month);
      b[9]->appendInt(e.day);
    }
    std::vector<VectorPtr> cols;
    for (auto& x : b) cols.push_back(x->finish());
    batches.push_back(RecordBatch::make(schema, std::move(cols), static_cast<int64_t>(end - start)));
  }
  return spark.createDataFrame(std::move(batches), schema);
}

bool near(double a, double b) { return std::fabs(a - b) <= 1e-9 * std::max(1.0, std::fabs(b)); }

class SeedJobsTest : public ::testing::TestWithParam<int> {};

TEST_P(SeedJobsTest, DailyUserActivity) {
  auto spark = testing::newSession(GetParam());
  auto events = makeEvents(60000, 7);
  auto df = eventsFrame(*spark, events);
  // seed: filter event_type in (click, view, purchase); group by user, date
  // parts and type; count, sum(value), avg(value).
  auto daily = df.filter(F::col("event_type").isin("click", "view", "purchase"))
                   .groupBy("user_id", "year", "month", "day", "event_type")
                   .agg(F::count("*").alias("event_count"), F::sum("value").alias("total_value"),
                        F::avg("value").alias("avg_value"));
  EXPECT_EQ(daily.columns(), (std::vector<std::string>{"user_id", "year", "month", "day", "event_type", "event_count",
                                                       "total_value", "avg_value"}));
  struct Acc {
    int64_t count = 0;
    double sum = 0;
    int64_t non_null = 0;
  };
  using Key = std::tuple<std::optional<int64_t>, int, int, int, std::string>;
  std::map<Key, Acc> expected;
  for (const auto& e : events) {
    if (e.event_type != "click" && e.event_type != "view" && e.event_type != "purchase") continue;
    auto& a = expected[{e.user_id, e.year, e.month, e.day, e.event_type}];
    a.count++;
    if (e.value) {
      a.sum += *e.value;
      a.non_null++;
    }
  }
  auto rows = daily.collect();
  ASSERT_EQ(rows.size(), expected.size());
  for (const auto& r : rows) {
    Key k{r.isNullAt(0) ? std::nullopt : std::optional<int64_t>(r.getLong(0)), r.getInt(1), r.getInt(2), r.getInt(3),
          r.getString(4)};
    auto it = expected.find(k);
    ASSERT_NE(it, expected.end());
    EXPECT_EQ(r.getLong(5), it->second.count);
    if (it->second.non_null == 0) {
      EXPECT_TRUE(r.isNullAt(6));
      EXPECT_TRUE(r.isNullAt(7));
    } else {
      EXPECT_TRUE(near(r.getDouble(6), it->second.sum));
      EXPECT_TRUE(near(r.getDouble(7), it->second.sum / static_cast<double>(it->second.non_null)));
    }
  }
}

TEST_P(SeedJobsTest, UserBehavior) {
  auto spark = testing::newSession(GetParam());
  auto events = makeEvents(60000, 11);
  auto df = eventsFrame(*spark, events);
  auto behavior = df.groupBy("user_id").agg(F::countDistinct("event_type").alias("unique_event_types"),
                                            F::count("*").alias("total_events"),
                                            F::sum("value").alias("lifetime_value"));
  struct Acc {
    std::set<std::string> types;
    int64_t count = 0;
    double sum = 0;
    bool any_value = false;
  };
  std::map<std::optional<int64_t>, Acc> expected;
  for (const auto& e : events) {
    auto& a = expected[e.user_id];
    a.types.insert(e.event_type);
    a.count++;
    if (e.value) {
      a.sum += *e.value;
      a.any_value = true;
    }
  }
  auto rows = behavior.collect();
  ASSERT_EQ(rows.size(), expected.size());
  for (const auto& r : rows) {
    auto k = r.isNullAt(0) ? std::nullopt : std::optional<int64_t>(r.getLong(0));
    const auto& a = expected.at(k);
    EXPECT_EQ(r.getLong(1), static_cast<int64_t>(a.types.size()));
    EXPECT_EQ(r.getLong(2), a.count);
    if (a.any_value) {
      EXPECT_TRUE(near(r.getDouble(3), a.sum));
    } else {
      EXPECT_TRUE(r.isNullAt(3));
    }
  }
}

TEST_P(SeedJobsTest, MillionRowFilterAndGlobalAggregate) {
  auto spark = testing::newSession(GetParam());
  auto df = spark->range(1000000);
  auto r = df.filter(F::col("id") % 3 == 0).agg(F::count("*").alias("n"), F::sum("id").alias("s"),
                                                  F::max("id").alias("m")).collect();
  ASSERT_EQ(r.size(), 1u);
  EXPECT_EQ(r[0].getLong(0), 333334);
  EXPECT_EQ(r[0].getLong(1), 166666833333LL);  // 3 * (0 + ... + 333333)
  EXPECT_EQ(r[0].getLong(2), 999999);
}

INSTANTIATE_TEST_SUITE_P(Threads, SeedJobsTest, ::testing::Values(1, 2, 4));

}  // namespace
}  // namespace loch

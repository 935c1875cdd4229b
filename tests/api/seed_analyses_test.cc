// The seed's calculate_user_metrics (sessions with a 30-minute gap: events,
// duration, value and the event sequence per session) and
// analyze_user_behavior (RFM scores from percent_rank and five segments),
// each through SQL and through the DataFrame API, checked against an
// independent std:: computation on bursty generated events (issue 5).

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <random>

#include "loch/api/functions.h"
#include "loch/api/window.h"
#include "loch/types/datetime.h"
#include "loch/vector/vector_builder.h"
#include "test_session.h"

namespace loch {
namespace {

namespace F = functions;

constexpr int64_t kMinute = 60LL * 1000 * 1000;

struct Event {
  int64_t event_id;
  int64_t user_id;
  int64_t timestamp;  // µs UTC
  std::string event_type;
  std::optional<double> value;
};

/// Users come back in bursts: most gaps are minutes, some are hours, so
/// 30-minute sessions have several events.
std::vector<Event> burstyEvents(int users, int per_user, uint32_t seed) {
  std::mt19937 rng(seed);
  const char* types[] = {"view", "view", "click", "add_to_cart", "purchase"};
  std::vector<Event> out;
  int64_t id = 0;
  for (int u = 1; u <= users; ++u) {
    int64_t t = static_cast<int64_t>(daysFromCivil(2024, 3, 1)) * 1440 * kMinute + (rng() % 1000) * kMinute;
    for (int i = 0; i < per_user; ++i) {
      // 30 minutes exactly stays in the session (Spark's `> 1800`).
      int64_t gap = rng() % 5 == 0 ? (31 + rng() % 3000) * kMinute : (rng() % 31) * kMinute;
      t += gap;
      Event e{id++, u, t, types[rng() % 5], std::nullopt};
      if (e.event_type == "purchase" && rng() % 7 != 0) e.value = static_cast<double>(rng() % 4000) / 4;
      out.push_back(e);
    }
  }
  std::shuffle(out.begin(), out.end(), rng);  // input order must not matter
  return out;
}

DataFrame eventsFrame(SparkSession& spark, const std::vector<Event>& events) {
  auto schema = StructType({StructField("event_id", LongType(), false), StructField("user_id", LongType()),
                            StructField("timestamp", TimestampType()), StructField("event_type", StringType()),
                            StructField("value", DoubleType())});
  std::vector<std::unique_ptr<VectorBuilder>> b;
  for (const auto& f : schema->fields()) b.push_back(std::make_unique<VectorBuilder>(f.type));
  for (const Event& e : events) {
    b[0]->appendInt(e.event_id);
    b[1]->appendInt(e.user_id);
    b[2]->appendInt(e.timestamp);
    b[3]->appendString(e.event_type);
    e.value ? b[4]->appendDouble(*e.value) : b[4]->appendNull();
  }
  std::vector<VectorPtr> cols;
  for (auto& x : b) cols.push_back(x->finish());
  auto n = static_cast<int64_t>(events.size());
  return spark.createDataFrame(std::vector<RecordBatchPtr>{RecordBatch::make(schema, std::move(cols), n)}, schema);
}

// ---- sessions ---------------------------------------------------------------

/// "user|session|events|duration seconds|value|type,type,..." per session.
std::vector<std::string> expectedSessions(std::vector<Event> events) {
  std::sort(events.begin(), events.end(), [](const Event& a, const Event& b) {
    return std::tie(a.user_id, a.timestamp, a.event_id) < std::tie(b.user_id, b.timestamp, b.event_id);
  });
  std::vector<std::string> out;
  size_t i = 0;
  while (i < events.size()) {
    int64_t user = events[i].user_id, session = 0;
    while (i < events.size() && events[i].user_id == user) {
      ++session;
      size_t j = i;
      double value = 0;
      bool any_value = false;
      std::string sequence;
      while (j < events.size() && events[j].user_id == user &&
             (j == i || events[j].timestamp - events[j - 1].timestamp <= 30 * kMinute)) {
        if (events[j].value) {
          value += *events[j].value;
          any_value = true;
        }
        sequence += (j == i ? "" : ",") + events[j].event_type;
        ++j;
      }
      int64_t duration = (events[j - 1].timestamp - events[i].timestamp) / 1000000;
      out.push_back(std::to_string(user) + "|" + std::to_string(session) + "|" + std::to_string(j - i) + "|" +
                    std::to_string(duration) + "|" + (any_value ? Value::doubleValue(value).toString() : "NULL") +
                    "|" + sequence);
      i = j;
    }
  }
  std::sort(out.begin(), out.end());
  return out;
}

/// Rows of (user, session, events, duration, value, array<struct<..., e>>)
/// as strings, the sequence reduced to its event types.
std::vector<std::string> sessionRows(const std::vector<Row>& rows) {
  std::vector<std::string> out;
  for (const auto& r : rows) {
    std::string s;
    for (size_t c = 0; c < 5; ++c) s += r.get(c).toString() + "|";
    const Value& seq = r.get(5);
    for (size_t k = 0; k < seq.children().size(); ++k) {
      const Value& item = seq.children()[k];
      s += (k ? "," : "") + (item.type()->id() == TypeId::Struct ? item.children().back() : item).toString();
    }
    out.push_back(s);
  }
  std::sort(out.begin(), out.end());
  return out;
}

TEST(SeedAnalysesTest, SessionsThroughSqlAndDataFrameAgreeWithIndependentResult) {
  auto spark = testing::newSession(2);
  auto events = burstyEvents(40, 60, 7);
  auto expected = expectedSessions(events);
  ASSERT_GT(expected.size(), 200u);  // bursts make multi-event sessions
  auto df = eventsFrame(*spark, events);
  df.createOrReplaceTempView("events");

  auto sql = spark->sql(R"(
    WITH e AS (
      SELECT *, lag(timestamp) OVER (PARTITION BY user_id ORDER BY timestamp, event_id) AS prev_ts FROM events),
    s AS (
      SELECT *, sum(CASE WHEN prev_ts IS NULL OR unix_timestamp(timestamp) - unix_timestamp(prev_ts) > 1800
                         THEN 1 ELSE 0 END)
                  OVER (PARTITION BY user_id ORDER BY timestamp, event_id) AS session_id
      FROM e)
    SELECT user_id, session_id, count(*) AS events,
           unix_timestamp(max(timestamp)) - unix_timestamp(min(timestamp)) AS duration,
           sum(value) AS value,
           transform(sort_array(collect_list(named_struct('t', timestamp, 'id', event_id, 'e', event_type))),
                     x -> x.e) AS sequence
    FROM s GROUP BY user_id, session_id)");
  EXPECT_EQ(sessionRows(sql.collect()), expected);

  auto w = Window::partitionBy("user_id").orderBy("timestamp", "event_id");
  auto gap = F::unix_timestamp(F::col("timestamp")) - F::unix_timestamp(F::col("prev_ts"));
  auto api = df.withColumn("prev_ts", F::lag("timestamp", 1).over(w))
                 .withColumn("new_session", F::when(F::col("prev_ts").isNull() || gap > 1800, 1).otherwise(0))
                 .withColumn("session_id", F::sum("new_session").over(w))
                 .groupBy("user_id", "session_id")
                 .agg(F::count("*").alias("events"),
                      (F::unix_timestamp(F::max("timestamp")) - F::unix_timestamp(F::min("timestamp"))).alias("duration"),
                      F::sum("value").alias("value"),
                      F::sort_array(F::collect_list(F::struct_({F::col("timestamp"), F::col("event_id"),
                                                                F::col("event_type")})))
                          .alias("sequence"));
  EXPECT_EQ(sessionRows(api.collect()), expected);
}

// ---- RFM ------------------------------------------------------------------

struct Rfm {
  int64_t recency_days;
  int64_t frequency;
  double monetary;
};

/// Score 1..5 from percent_rank p: 1 + floor(p * 5), capped at 5.
int score(double p) { return std::min(5, 1 + static_cast<int>(std::floor(p * 5))); }

/// percent_rank over `values` ascending: (rank - 1) / (n - 1), rank the
/// position of the first equal value (Spark's rank with ties).
std::vector<double> percentRanks(const std::vector<double>& values) {
  std::vector<double> out;
  for (double v : values) {
    int64_t below = std::count_if(values.begin(), values.end(), [&](double x) { return x < v; });
    out.push_back(values.size() > 1 ? static_cast<double>(below) / static_cast<double>(values.size() - 1) : 0.0);
  }
  return out;
}

std::string segment(int r, int f) {
  if (r >= 4 && f >= 4) return "Champions";
  if (f >= 4) return "Loyal Customers";
  if (r >= 4 && f <= 2) return "New Customers";
  if (r <= 2 && f >= 3) return "At Risk";
  return "Others";
}

/// "user|R|F|M|segment" for every user with a purchase.
std::vector<std::string> expectedRfm(const std::vector<Event>& events) {
  int64_t last_day = 0;
  for (const auto& e : events) last_day = std::max(last_day, floorDiv(e.timestamp, kMicrosPerDay));
  std::map<int64_t, Rfm> users;
  std::map<int64_t, int64_t> last_purchase;
  for (const auto& e : events) {
    if (e.event_type != "purchase") continue;
    auto& u = users[e.user_id];
    ++u.frequency;
    u.monetary += e.value.value_or(0);
    auto day = floorDiv(e.timestamp, kMicrosPerDay);
    last_purchase[e.user_id] = std::max(last_purchase.count(e.user_id) ? last_purchase[e.user_id] : day, day);
  }
  std::vector<int64_t> ids;
  std::vector<double> recency, frequency, monetary;
  for (auto& [id, u] : users) {
    u.recency_days = last_day - last_purchase[id];
    ids.push_back(id);
    recency.push_back(-static_cast<double>(u.recency_days));  // recent is better
    frequency.push_back(static_cast<double>(u.frequency));
    monetary.push_back(u.monetary);
  }
  auto pr = percentRanks(recency), pf = percentRanks(frequency), pm = percentRanks(monetary);
  std::vector<std::string> out;
  for (size_t i = 0; i < ids.size(); ++i) {
    int r = score(pr[i]), f = score(pf[i]), m = score(pm[i]);
    out.push_back(std::to_string(ids[i]) + "|" + std::to_string(r) + "|" + std::to_string(f) + "|" +
                  std::to_string(m) + "|" + segment(r, f));
  }
  std::sort(out.begin(), out.end());
  return out;
}

TEST(SeedAnalysesTest, RfmSegmentsThroughSqlAndDataFrameAgreeWithIndependentResult) {
  auto spark = testing::newSession(2);
  auto events = burstyEvents(60, 40, 11);
  auto expected = expectedRfm(events);
  ASSERT_GT(expected.size(), 40u);
  auto df = eventsFrame(*spark, events);
  df.createOrReplaceTempView("events");

  auto sql = spark->sql(R"(
    WITH last AS (SELECT max(to_date(timestamp)) AS d FROM events),
    p AS (
      SELECT user_id, max(to_date(timestamp)) AS last_purchase, count(*) AS frequency,
             coalesce(sum(value), 0D) AS monetary
      FROM events WHERE event_type = 'purchase' GROUP BY user_id),
    u AS (SELECT user_id, datediff((SELECT d FROM last), last_purchase) AS recency, frequency, monetary FROM p),
    s AS (
      SELECT user_id,
             least(5, 1 + CAST(floor(percent_rank() OVER (ORDER BY recency DESC) * 5) AS INT)) AS r,
             least(5, 1 + CAST(floor(percent_rank() OVER (ORDER BY frequency) * 5) AS INT)) AS f,
             least(5, 1 + CAST(floor(percent_rank() OVER (ORDER BY monetary) * 5) AS INT)) AS m
      FROM u)
    SELECT user_id, r, f, m,
           CASE WHEN r >= 4 AND f >= 4 THEN 'Champions'
                WHEN f >= 4 THEN 'Loyal Customers'
                WHEN r >= 4 AND f <= 2 THEN 'New Customers'
                WHEN r <= 2 AND f >= 3 THEN 'At Risk'
                ELSE 'Others' END AS segment
    FROM s)");
  EXPECT_EQ(testing::sortedRows(sql.collect()), expected);

  auto last_day = df.agg(F::max(F::to_date(F::col("timestamp"))).alias("d"));
  auto per_user = df.filter(F::col("event_type") == "purchase")
                      .groupBy("user_id")
                      .agg(F::max(F::to_date(F::col("timestamp"))).alias("last_purchase"),
                           F::count("*").alias("frequency"),
                           F::coalesce({F::sum("value"), F::lit(0.0)}).alias("monetary"))
                      .crossJoin(last_day)
                      .withColumn("recency", F::datediff(F::col("d"), F::col("last_purchase")));
  auto scoreOf = [](const Column& order) {
    return F::least({F::lit(5), F::lit(1) + F::floor(F::percent_rank().over(Window::orderBy(order)) * 5).cast("int")});
  };
  auto r = F::col("r"), f = F::col("f");
  auto api = per_user.withColumn("r", scoreOf(F::col("recency").desc()))
                 .withColumn("f", scoreOf(F::col("frequency")))
                 .withColumn("m", scoreOf(F::col("monetary")))
                 .withColumn("segment", F::when(r >= 4 && f >= 4, "Champions")
                                            .when(f >= 4, "Loyal Customers")
                                            .when(r >= 4 && f <= 2, "New Customers")
                                            .when(r <= 2 && f >= 3, "At Risk")
                                            .otherwise("Others"))
                 .select("user_id", "r", "f", "m", "segment");
  EXPECT_EQ(testing::sortedRows(api.collect()), expected);
}

}  // namespace
}  // namespace loch

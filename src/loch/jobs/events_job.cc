#include "loch/jobs/events_job.h"

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <functional>
#include <optional>
#include <ostream>
#include <set>

#include "loch/api/functions.h"
#include "loch/api/spark_session.h"
#include "loch/common/exception.h"
#include "loch/jobs/input_reader.h"
#include "loch/jobs/job_runner.h"
#include "loch/jobs/quarantine.h"

namespace loch::jobs {

namespace fs = std::filesystem;

namespace {

struct EventsInputs {
  std::string events;
  std::string users;     // "" when absent
  std::string products;  // "" when absent
};

/// A folder with events/ (and users/, products/) as `loch gen events` writes it, or the events table itself.
EventsInputs locateInputs(const std::string& input) {
  if (input.empty()) {
    throw InvalidArgumentException("MISSING_INPUT", "`loch run events` needs --input <events file or folder>.");
  }
  if (!pathExists(input)) throw IOException("PATH_NOT_FOUND", "Path does not exist: " + input + ".");
  fs::path root(input);
  std::error_code ec;
  if (fs::is_directory(root / "events", ec)) {
    EventsInputs in{(root / "events").string(), "", ""};
    if (fs::is_directory(root / "users", ec)) in.users = (root / "users").string();
    if (fs::is_directory(root / "products", ec)) in.products = (root / "products").string();
    return in;
  }
  return {input, "", ""};
}

std::set<std::string> lowerColumns(const DataFrame& df) {
  std::set<std::string> names;
  for (auto name : df.columns()) {
    std::transform(name.begin(), name.end(), name.begin(), [](unsigned char c) { return std::tolower(c); });
    names.insert(name);
  }
  return names;
}

std::string joinNames(const std::vector<std::string>& names) {
  std::string out;
  for (const auto& n : names) out += (out.empty() ? "" : ", ") + n;
  return out;
}

/// The events with the job's column types; optional columns filled with NULL.
DataFrame typedEvents(const DataFrame& raw) {
  auto have = lowerColumns(raw);
  std::vector<std::string> missing;
  for (const char* required : {"event_id", "user_id", "timestamp", "event_type"}) {
    if (!have.count(required)) missing.push_back(required);
  }
  if (!missing.empty()) {
    throw AnalysisException("JOB_INPUT_SCHEMA", "The events input lacks the required column(s) " + joinNames(missing) +
                                                    " (it has: " + joinNames(raw.columns()) + ").");
  }
  auto optional = [&](const std::string& name, const std::string& type) {
    return have.count(name) ? "try_cast(`" + name + "` AS " + type + ") AS " + name
                            : "CAST(NULL AS " + type + ") AS " + name;
  };
  return raw.selectExpr({optional("event_id", "BIGINT"), optional("user_id", "BIGINT"),
                         optional("timestamp", "TIMESTAMP"), "lower(trim(CAST(event_type AS STRING))) AS event_type",
                         optional("product_id", "BIGINT"), optional("category", "STRING"), optional("value", "DOUBLE"),
                         optional("page_url", "STRING"), optional("device_type", "STRING"),
                         optional("country", "STRING")});
}

const std::vector<QuarantineRule>& eventRules() {
  static const std::vector<QuarantineRule> rules = {
      {"missing user_id", "user_id IS NULL"},
      {"missing timestamp", "timestamp IS NULL"},
      {"missing event_type", "event_type IS NULL OR event_type = ''"},
  };
  return rules;
}

/// Deduplicated by event_id, defaults filled, date parts recomputed.
/// Computes the repeated event ids now (usually none: then no dedupe work
/// is planned at all); only rows with a repeated id go through
/// dropDuplicates, the others pass an anti join against those few ids.
DataFrame cleanEvents(const DataFrame& valid) {
  auto spark = valid.sparkSession();
  auto with_id = valid.filter("event_id IS NOT NULL");
  auto repeated_plan = with_id.groupBy(functions::col("event_id"))
                           .count()
                           .filter("`count` > 1")
                           .select(std::vector<std::string>{"event_id"});
  auto batches = repeated_plan.collectBatches();
  int64_t repeated_ids = 0;
  for (const auto& b : batches) repeated_ids += b->numRows();
  DataFrame deduped = valid;
  if (repeated_ids > 0) {
    auto columns = valid.columns();
    auto repeated = spark->createDataFrame(std::move(batches), repeated_plan.schema());
    auto single = with_id.join(repeated, "event_id", "left_anti").select(columns);
    auto deduped_repeats = with_id.join(repeated, "event_id", "left_semi").dropDuplicates({"event_id"}).select(columns);
    deduped = single.unionAll(deduped_repeats).unionAll(valid.filter("event_id IS NULL"));
  }
  return deduped.selectExpr({"event_id", "user_id", "timestamp", "event_type", "product_id",
                             "coalesce(category, 'unknown') AS category", "coalesce(value, 0.0D) AS value",
                             "coalesce(page_url, '') AS page_url", "coalesce(device_type, 'unknown') AS device_type",
                             "coalesce(country, 'unknown') AS country", "to_date(timestamp) AS event_date",
                             "year(timestamp) AS year", "month(timestamp) AS month", "dayofmonth(timestamp) AS day"});
}

// ---- analyses over the view `ev` (cleaned events) ----------------------------------

const char* kRevenue = "sum(CASE WHEN event_type = 'purchase' THEN value ELSE 0.0D END)";

// Two aggregation levels instead of count(DISTINCT product_id): grouping
// by product first and counting the non-NULL product ids after is the same
// number and costs Loch about half (its DISTINCT aggregates keep a set per group).
std::string dailyUserActivitySql() {
  return std::string(
             "WITH g AS (SELECT user_id, event_date, year, month, day, product_id, count(*) AS events, "
             "count_if(event_type = 'view') AS views, count_if(event_type = 'click') AS clicks, "
             "count_if(event_type = 'add_to_cart') AS add_to_carts, "
             "count_if(event_type = 'purchase') AS purchases, ") +
         kRevenue +
         " AS revenue, min(timestamp) AS first_event, max(timestamp) AS last_event FROM ev "
         "GROUP BY user_id, event_date, year, month, day, product_id) "
         "SELECT user_id, event_date, sum(events) AS events, sum(views) AS views, sum(clicks) AS clicks, "
         "sum(add_to_carts) AS add_to_carts, sum(purchases) AS purchases, sum(revenue) AS revenue, "
         "count(product_id) AS distinct_products, min(first_event) AS first_event, max(last_event) AS last_event, "
         "year, month, day FROM g GROUP BY user_id, event_date, year, month, day";
}

std::string monthlySummarySql() {
  return std::string(
             "SELECT year, month, count(*) AS events, count(DISTINCT user_id) AS active_users, "
             "count_if(event_type = 'purchase') AS purchases, ") +
         kRevenue + " AS revenue, " + kRevenue +
         " / nullif(count_if(event_type = 'purchase'), 0) AS avg_order_value FROM ev GROUP BY year, month";
}

std::string userBehaviorSql() {
  return std::string(
             "SELECT user_id, count(*) AS total_events, count_if(event_type = 'view') AS views, "
             "count_if(event_type = 'click') AS clicks, count_if(event_type = 'add_to_cart') AS add_to_carts, "
             "count_if(event_type = 'purchase') AS purchases, ") +
         kRevenue +
         " AS revenue, count(DISTINCT event_date) AS active_days, min(timestamp) AS first_seen, "
         "max(timestamp) AS last_seen, count_if(event_type = 'purchase') / nullif(count_if(event_type = 'view'), 0) "
         "AS conversion_rate FROM ev GROUP BY user_id";
}

std::string productPerformanceSql() {
  return std::string(
             "SELECT product_id, min(category) AS category, count_if(event_type = 'view') AS views, "
             "count_if(event_type = 'click') AS clicks, count_if(event_type = 'add_to_cart') AS add_to_carts, "
             "count_if(event_type = 'purchase') AS purchases, ") +
         kRevenue +
         " AS revenue, count(DISTINCT user_id) AS unique_users, count_if(event_type = 'purchase') / "
         "nullif(count_if(event_type = 'view'), 0) AS view_to_purchase_rate FROM ev WHERE product_id IS NOT NULL "
         "GROUP BY product_id";
}

// The event sequence is ordered through zero-padded position prefixes that
// array_sort orders and regexp_replace strips: Loch's SQL has no lambda
// functions (transform) nor field access on arrays of structs.
std::string sessionsSql() {
  return "WITH o AS (SELECT user_id, event_id, timestamp, event_type, value, "
         "row_number() OVER (PARTITION BY user_id ORDER BY timestamp, event_id) AS seq, "
         "CASE WHEN lag(timestamp) OVER (PARTITION BY user_id ORDER BY timestamp, event_id) IS NULL "
         "OR unix_micros(timestamp) - unix_micros(lag(timestamp) OVER (PARTITION BY user_id ORDER BY timestamp, "
         "event_id)) > 1800000000 THEN 1 ELSE 0 END AS new_session FROM ev), "
         "s AS (SELECT *, sum(new_session) OVER (PARTITION BY user_id ORDER BY timestamp, event_id ROWS BETWEEN "
         "UNBOUNDED PRECEDING AND CURRENT ROW) AS session_number FROM o) "
         "SELECT user_id, session_number, concat(CAST(user_id AS STRING), '-', CAST(session_number AS STRING)) AS "
         "session_id, min(timestamp) AS session_start, max(timestamp) AS session_end, "
         "CAST(unix_micros(max(timestamp)) - unix_micros(min(timestamp)) AS DOUBLE) / 1000000 AS duration_seconds, "
         "count(*) AS events, count_if(event_type = 'purchase') AS purchases, "
         "sum(CASE WHEN event_type = 'purchase' THEN value ELSE 0.0D END) AS value, "
         "split(regexp_replace(concat_ws(',', array_sort(collect_list(concat(lpad(CAST(seq AS STRING), 12, '0'), "
         "':', event_type)))), '[0-9]{12}:', ''), ',') AS event_sequence "
         "FROM s GROUP BY user_id, session_number";
}

std::string rfmSql() {
  auto score = [](const std::string& order) {
    return "least(5, 1 + CAST(floor(percent_rank() OVER (ORDER BY " + order + ") * 5) AS INT))";
  };
  return "WITH ref AS (SELECT date_add(max(event_date), 1) AS ref_date FROM ev), "
         "p AS (SELECT user_id, max(event_date) AS last_purchase_date, count(*) AS frequency, sum(value) AS monetary "
         "FROM ev WHERE event_type = 'purchase' GROUP BY user_id), "
         "r AS (SELECT p.user_id, p.last_purchase_date, datediff(ref.ref_date, p.last_purchase_date) AS recency_days, "
         "p.frequency, p.monetary FROM p CROSS JOIN ref), "
         "s AS (SELECT *, " +
         score("recency_days DESC") + " AS r_score, " + score("frequency") + " AS f_score, " + score("monetary") +
         " AS m_score FROM r) "
         "SELECT user_id, last_purchase_date, recency_days, frequency, monetary, r_score, f_score, m_score, "
         "concat(CAST(r_score AS STRING), CAST(f_score AS STRING), CAST(m_score AS STRING)) AS rfm_score, "
         "CASE WHEN r_score >= 4 AND f_score >= 4 AND m_score >= 4 THEN 'Champions' "
         "WHEN f_score >= 4 AND r_score >= 3 THEN 'Loyal Customers' "
         "WHEN r_score >= 4 AND f_score <= 2 THEN 'New Customers' "
         "WHEN r_score <= 2 AND f_score >= 3 THEN 'At Risk' ELSE 'Others' END AS segment FROM s";
}

std::string cohortsSql() {
  return "WITH p AS (SELECT user_id, event_date, value FROM ev WHERE event_type = 'purchase'), "
         "f AS (SELECT user_id, trunc(min(event_date), 'MM') AS cohort_month FROM p GROUP BY user_id) "
         "SELECT f.cohort_month, (year(p.event_date) * 12 + month(p.event_date)) - (year(f.cohort_month) * 12 + "
         "month(f.cohort_month)) AS months_since_first_purchase, count(DISTINCT p.user_id) AS users, "
         "count(*) AS purchases, sum(p.value) AS revenue FROM p JOIN f ON p.user_id = f.user_id "
         "GROUP BY 1, 2";
}

// Two window passes: the latest view at or before each event, then, over
// clicks and purchases only, the best chain start (latest such view of a
// click) at or before each purchase. Every CTE is referenced once: Loch
// inlines CTEs, so a CTE used three times would run its windows three times.
std::string funnelSql() {
  const char* w =
      "OVER (PARTITION BY user_id ORDER BY timestamp, event_id ROWS BETWEEN UNBOUNDED PRECEDING AND "
      "CURRENT ROW)";
  return std::string(
             "WITH a AS (SELECT user_id, event_id, timestamp, event_type, "
             "max(CASE WHEN event_type = 'view' THEN timestamp END) ") +
         w +
         " AS last_view FROM ev WHERE event_type IN ('view', 'click', 'purchase')), "
         "b AS (SELECT user_id, timestamp, event_type, last_view, "
         "max(CASE WHEN event_type = 'click' THEN last_view END) " +
         w +
         " AS chain_view FROM a WHERE event_type IN ('click', 'purchase')), "
         "u AS (SELECT count(DISTINCT CASE WHEN event_type = 'click' AND last_view IS NOT NULL AND timestamp <= "
         "last_view + INTERVAL 1 HOUR THEN user_id END) AS k, "
         "count(DISTINCT CASE WHEN event_type = 'purchase' AND chain_view IS NOT NULL AND timestamp <= chain_view + "
         "INTERVAL 1 HOUR THEN user_id END) AS p FROM b), "
         "v AS (SELECT count(DISTINCT user_id) AS v FROM ev WHERE event_type = 'view'), "
         "n AS (SELECT v.v, u.k, u.p FROM v CROSS JOIN u) "
         "SELECT s.step, s.stage, CASE s.step WHEN 1 THEN n.v WHEN 2 THEN n.k ELSE n.p END AS users, "
         "CASE s.step WHEN 1 THEN CAST(NULL AS DOUBLE) WHEN 2 THEN n.k / nullif(n.v, 0) ELSE n.p / nullif(n.k, 0) END "
         "AS conversion_from_previous, "
         "CASE s.step WHEN 1 THEN n.v / nullif(n.v, 0) WHEN 2 THEN n.k / nullif(n.v, 0) ELSE n.p / nullif(n.v, 0) END "
         "AS conversion_from_start "
         "FROM n CROSS JOIN VALUES (1, 'view'), (2, 'click'), (3, 'purchase') AS s(step, stage)";
}

std::string cubeSql() {
  return std::string(
             "SELECT category, country, count(*) AS events, count(DISTINCT user_id) AS users, "
             "count_if(event_type = 'purchase') AS purchases, ") +
         kRevenue + " AS revenue FROM ev GROUP BY CUBE(category, country)";
}

std::string topProductsSql() {
  return "WITH s AS (SELECT category, product_id, count(*) AS purchases, sum(value) AS revenue FROM ev "
         "WHERE event_type = 'purchase' AND product_id IS NOT NULL GROUP BY category, product_id), "
         "r AS (SELECT *, row_number() OVER (PARTITION BY category ORDER BY revenue DESC, product_id) AS "
         "rank_in_category FROM s) SELECT category, rank_in_category, product_id, purchases, revenue FROM r "
         "WHERE rank_in_category <= 5";
}

std::string percentilesSql() {
  std::string stats =
      "count(*) AS purchases, min(value) AS min_value, percentile_approx(value, 0.25) AS p25, "
      "percentile_approx(value, 0.5) AS p50, percentile_approx(value, 0.75) AS p75, percentile_approx(value, 0.9) AS "
      "p90, percentile_approx(value, 0.99) AS p99, max(value) AS max_value, avg(value) AS avg_value FROM ev WHERE "
      "event_type = 'purchase'";
  // One call per percentile: one column per percentile in the output.
  return "SELECT category, " + stats + " GROUP BY category UNION ALL SELECT 'ALL' AS category, " + stats +
         " HAVING count(*) > 0";
}

struct Analysis {
  std::string name;
  std::vector<std::string> partition_by;
  std::function<DataFrame(bool optimized)> build;
};

std::vector<Analysis> analyses(const std::shared_ptr<SparkSession>& spark, const std::optional<DataFrame>& users,
                               const std::optional<DataFrame>& products) {
  auto sql = [spark](std::string text) { return [spark, text](bool) { return spark->sql(text); }; };
  std::vector<Analysis> list;
  list.push_back({"daily_user_activity", {"year", "month", "day"}, sql(dailyUserActivitySql())});
  list.push_back({"monthly_summary", {}, sql(monthlySummarySql())});
  list.push_back({"user_behavior", {}, [spark, users](bool optimized) {
                    auto df = spark->sql(userBehaviorSql());
                    if (!users) return df;
                    return df.join(optimized ? users->hint("broadcast") : *users, "user_id", "left");
                  }});
  list.push_back({"product_performance", {}, [spark, products](bool optimized) {
                    auto df = spark->sql(productPerformanceSql());
                    if (!products) return df;
                    return df.join(optimized ? products->hint("broadcast") : *products, "product_id", "left");
                  }});
  list.push_back({"sessions", {}, sql(sessionsSql())});
  list.push_back({"rfm_segments", {}, sql(rfmSql())});
  list.push_back({"cohorts", {}, sql(cohortsSql())});
  list.push_back({"funnel", {}, sql(funnelSql())});
  list.push_back({"category_country_cube", {}, sql(cubeSql())});
  list.push_back({"top_products_per_category", {}, sql(topProductsSql())});
  list.push_back({"value_percentiles", {}, sql(percentilesSql())});
  return list;
}

double timeIt(const std::function<void()>& fn) {
  auto start = std::chrono::steady_clock::now();
  fn();
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

/// Times every analysis with the optimisations (broadcast joins, cached
/// cleaned table) and without (plain joins, cleaned table recomputed from
/// the input each time, spark.sql.shuffle.partitions at Spark's 200).
void performanceTest(JobRunner& runner, const std::shared_ptr<SparkSession>& spark, const DataFrame& cached,
                     const DataFrame& uncached, const std::vector<Analysis>& list) {
  runner.progress().line("loch run events: performance test (each analysis computed twice, not written)");
  for (const auto& a : list) {
    cached.createOrReplaceTempView("ev");
    double opt = timeIt([&] { a.build(true).collectBatches(); });
    uncached.createOrReplaceTempView("ev");
    std::string partitions = spark->conf().get("spark.sql.shuffle.partitions", "200");
    spark->conf().set("spark.sql.shuffle.partitions", "200");
    double base = timeIt([&] { a.build(false).collectBatches(); });
    spark->conf().set("spark.sql.shuffle.partitions", partitions);
    runner.addPerformance({a.name, opt, base});
  }
  cached.createOrReplaceTempView("ev");
}

}  // namespace

CleanedEvents cleanEventsTable(const DataFrame& raw) {
  auto split = splitQuarantine(typedEvents(raw), eventRules());
  return {cleanEvents(split.valid), split.quarantined};
}

std::string eventsAnalysisSql(const std::string& name) {
  static const std::vector<std::pair<std::string, std::string (*)()>> table = {
      {"daily_user_activity", dailyUserActivitySql},
      {"monthly_summary", monthlySummarySql},
      {"user_behavior", userBehaviorSql},
      {"product_performance", productPerformanceSql},
      {"sessions", sessionsSql},
      {"rfm_segments", rfmSql},
      {"cohorts", cohortsSql},
      {"funnel", funnelSql},
      {"category_country_cube", cubeSql},
      {"top_products_per_category", topProductsSql},
      {"value_percentiles", percentilesSql}};
  std::string names;
  for (const auto& [n, fn] : table) {
    if (n == name) return fn();
    names += (names.empty() ? "" : ", ") + n;
  }
  throw InvalidArgumentException("UNKNOWN_ANALYSIS",
                                 "Unknown analysis '" + name + "'; expected clean_events or one of " + names + ".");
}

void runEventsJob(const std::shared_ptr<SparkSession>& spark, const JobOptions& options, std::ostream& log) {
  EventsInputs inputs = locateInputs(options.input);
  std::string output = options.output.empty() ? "out/events" : options.output;
  // Inputs are opened and checked before the runner touches the output folder.
  DataFrame raw = readTable(spark, inputs.events);
  std::optional<DataFrame> users, products;
  if (!inputs.users.empty()) users = readTable(spark, inputs.users);
  if (!inputs.products.empty()) products = readTable(spark, inputs.products);
  DataFrame typed = typedEvents(raw);

  JobRunner runner("events", spark, output, log, options.terminal);
  runner.setStageCount(14);
  int64_t input_rows = runner.runStage("read", -1, [&] { return typed.count(); });
  runner.setInputRows(input_rows);
  auto split = splitQuarantine(typed, eventRules());
  DataFrame clean = split.valid;
  int64_t clean_rows = runner.runStage("clean", input_rows, [&] {
    clean = cleanEvents(split.valid).cache();
    return clean.count();
  });
  clean.createOrReplaceTempView("ev");
  int64_t quarantined = runner.writeStage(
      "quarantine", input_rows, [&] { return split.quarantined; }, OutputSpec{"quarantine"});
  runner.setQuarantinedRows(quarantined);
  runner.setDuplicateRows(input_rows - quarantined - clean_rows);

  auto list = analyses(spark, users, products);
  for (const auto& a : list) {
    OutputSpec spec{a.name};
    spec.partition_by = a.partition_by;
    runner.writeStage(
        a.name, clean_rows, [&] { return a.build(true); }, spec);
  }
  if (options.performance_test) {
    // A separately built plan: caching is keyed by plan, so this one is recomputed.
    DataFrame uncached = cleanEvents(splitQuarantine(typedEvents(readTable(spark, inputs.events)), eventRules()).valid);
    performanceTest(runner, spark, clean, uncached, list);
  }
  runner.commit();
  clean.unpersist();
}

}  // namespace loch::jobs

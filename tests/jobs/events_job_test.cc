// The `events` job on a hand-made fixture; expected values computed by hand
// (see the comments next to each expectation).

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "jobs/jobs_test_util.h"

namespace loch::jobs::testing {
namespace {

// Users 1 and 2 have clean events; row 8 lacks user_id, row 9 timestamp,
// row 10 event_type; event 3 appears twice.
const char* kEventsCsv =
    "event_id,user_id,timestamp,event_type,product_id,category,value\n"
    "1,1,2024-01-01 10:00:00,view,100,books,\n"
    "2,1,2024-01-01 10:10:00,click,100,books,\n"
    "3,1,2024-01-01 10:20:00,purchase,100,books,20.0\n"
    "4,1,2024-01-01 11:00:00,view,101,toys,\n"
    "5,2,2024-01-01 09:00:00,view,100,books,\n"
    "6,2,2024-01-01 10:30:00,click,100,books,\n"
    "7,2,2024-02-05 12:00:00,purchase,101,toys,50.0\n"
    "8,,2024-01-01 12:00:00,view,100,books,\n"
    "9,3,,view,100,books,\n"
    "3,1,2024-01-01 10:20:00,purchase,100,books,20.0\n"
    "10,3,2024-01-03 08:00:00,,100,books,\n";

class EventsJobTest : public ::testing::Test {
 protected:
  void SetUp() override {
    writeFile(dir_ / "in/events.csv", kEventsCsv);
    spark_ = newSession();
    std::string error = runJobCapture(spark_, "events", dir_ / "in/events.csv", dir_ / "out", &log_);
    ASSERT_EQ(error, "") << log_;
    spark2_ = newSession();
  }
  std::vector<std::string> q(const std::string& table, const std::string& sql) {
    viewOf(spark2_, dir_ / "out", table);
    return rows(spark2_, sql);
  }
  TempDir dir_;
  std::shared_ptr<SparkSession> spark_, spark2_;
  std::string log_;
};

TEST_F(EventsJobTest, QuarantineHoldsInvalidRowsWithReasons) {
  EXPECT_EQ(q("quarantine", "SELECT event_id, reason FROM quarantine ORDER BY event_id"),
            (std::vector<std::string>{"8|missing user_id", "9|missing timestamp", "10|missing event_type"}));
}

TEST_F(EventsJobTest, SummaryCountsRowsQuarantineAndDuplicates) {
  auto j = nlohmann::json::parse(readFile(dir_ / "out/_job_summary.json"));
  EXPECT_EQ(j["job"], "events");
  EXPECT_EQ(j["input_rows"], 11);
  EXPECT_EQ(j["quarantined_rows"], 3);
  EXPECT_EQ(j["duplicate_rows"], 1);
  ASSERT_EQ(j["stages"].size(), 14u);
  EXPECT_EQ(j["stages"][1]["name"], "clean");
  EXPECT_EQ(j["stages"][1]["rows_out"], 7);
  EXPECT_NE(log_.find("summary"), std::string::npos);
  EXPECT_NE(log_.find("stage 1/14 read: 11 rows"), std::string::npos) << log_;
}

TEST_F(EventsJobTest, DailyUserActivityIsPartitionedByDate) {
  EXPECT_TRUE(std::filesystem::is_directory(dir_.path() / "out/daily_user_activity/year=2024/month=1/day=1"));
  EXPECT_EQ(q("daily_user_activity",
              "SELECT user_id, event_date, events, views, clicks, purchases, revenue, distinct_products, year, month, "
              "day FROM daily_user_activity ORDER BY user_id, event_date"),
            (std::vector<std::string>{"1|2024-01-01|4|2|1|1|20.0|2|2024|1|1", "2|2024-01-01|2|1|1|0|0.0|1|2024|1|1",
                                      "2|2024-02-05|1|0|0|1|50.0|1|2024|2|5"}));
}

TEST_F(EventsJobTest, MonthlySummary) {
  EXPECT_EQ(q("monthly_summary",
              "SELECT year, month, events, active_users, purchases, revenue, avg_order_value FROM monthly_summary "
              "ORDER BY year, month"),
            (std::vector<std::string>{"2024|1|6|2|1|20.0|20.0", "2024|2|1|1|1|50.0|50.0"}));
}

TEST_F(EventsJobTest, SessionsSplitAtThirtyMinuteGaps) {
  // User 1: 10:00, 10:10, 10:20 | 11:00 (40 min gap). User 2: 09:00 | 10:30 | Feb 5.
  EXPECT_EQ(
      q("sessions",
        "SELECT user_id, session_number, events, duration_seconds, purchases, value, event_sequence "
        "FROM sessions ORDER BY user_id, session_number"),
      (std::vector<std::string>{"1|1|3|1200.0|1|20.0|[view, click, purchase]", "1|2|1|0.0|0|0.0|[view]",
                                "2|1|1|0.0|0|0.0|[view]", "2|2|1|0.0|0|0.0|[click]", "2|3|1|0.0|1|50.0|[purchase]"}));
}

TEST_F(EventsJobTest, FunnelWithinOneHourInOrder) {
  // View: users 1, 2. Click within an hour of a view: user 1 only (user 2's
  // click is 90 minutes after the view). Purchase: user 1 (20 minutes).
  EXPECT_EQ(q("funnel", "SELECT * FROM funnel ORDER BY step"),
            (std::vector<std::string>{"1|view|2|NULL|1.0", "2|click|1|0.5|0.5", "3|purchase|1|1.0|0.5"}));
}

TEST_F(EventsJobTest, RfmScoresAndSegments) {
  // Reference date 2024-02-06. User 1: recency 36, user 2: 1. Frequency tied
  // (1 each) → f = 1 for both. Monetary 20 vs 50.
  EXPECT_EQ(q("rfm_segments",
              "SELECT user_id, recency_days, frequency, monetary, r_score, f_score, m_score, rfm_score, segment "
              "FROM rfm_segments ORDER BY user_id"),
            (std::vector<std::string>{"1|36|1|20.0|1|1|1|111|Others", "2|1|1|50.0|5|1|5|515|New Customers"}));
}

TEST_F(EventsJobTest, Cohorts) {
  EXPECT_EQ(q("cohorts", "SELECT * FROM cohorts ORDER BY cohort_month, months_since_first_purchase"),
            (std::vector<std::string>{"2024-01-01|0|1|1|20.0", "2024-02-01|0|1|1|50.0"}));
}

TEST_F(EventsJobTest, CubeTopProductsAndPercentiles) {
  EXPECT_EQ(q("category_country_cube",
              "SELECT category, country, events, users, purchases, revenue FROM category_country_cube "
              "ORDER BY category NULLS FIRST, country NULLS FIRST"),
            (std::vector<std::string>{"NULL|NULL|7|2|2|70.0", "NULL|unknown|7|2|2|70.0", "books|NULL|5|2|1|20.0",
                                      "books|unknown|5|2|1|20.0", "toys|NULL|2|2|1|50.0", "toys|unknown|2|2|1|50.0"}));
  EXPECT_EQ(q("top_products_per_category", "SELECT * FROM top_products_per_category ORDER BY category"),
            (std::vector<std::string>{"books|1|100|1|20.0", "toys|1|101|1|50.0"}));
  EXPECT_EQ(q("value_percentiles",
              "SELECT category, purchases, min_value, p25, p50, p75, p90, p99, max_value, avg_value "
              "FROM value_percentiles ORDER BY category"),
            (std::vector<std::string>{"ALL|2|20.0|20.0|20.0|50.0|50.0|50.0|50.0|35.0",
                                      "books|1|20.0|20.0|20.0|20.0|20.0|20.0|20.0|20.0",
                                      "toys|1|50.0|50.0|50.0|50.0|50.0|50.0|50.0|50.0"}));
}

TEST_F(EventsJobTest, UserBehaviorAndProducts) {
  EXPECT_EQ(q("user_behavior",
              "SELECT user_id, total_events, views, clicks, purchases, revenue, active_days, conversion_rate "
              "FROM user_behavior ORDER BY user_id"),
            (std::vector<std::string>{"1|4|2|1|1|20.0|1|0.5", "2|3|1|1|1|50.0|2|1.0"}));
  EXPECT_EQ(q("product_performance",
              "SELECT product_id, category, views, clicks, purchases, revenue, unique_users FROM product_performance "
              "ORDER BY product_id"),
            (std::vector<std::string>{"100|books|2|2|1|20.0|2", "101|toys|1|0|1|50.0|2"}));
}

TEST(EventsJobGenerated, JoinsUsersAndProductsFromAGeneratedFolder) {
  TempDir dir;
  auto spark = newSession();
  // A folder laid out as `loch gen events` writes it, with tiny tables.
  writeFile(dir / "in/events/part.csv",
            "event_id,user_id,timestamp,event_type,product_id,category,value\n"
            "1,1,2024-01-01 10:00:00,view,7,books,\n"
            "2,1,2024-01-01 10:05:00,purchase,7,books,9.5\n");
  writeFile(dir / "in/users/part.csv", "user_id,region,user_segment\n1,EU,premium\n");
  writeFile(dir / "in/products/part.csv", "product_id,product_category,price\n7,books,9.5\n");
  ASSERT_EQ(runJobCapture(spark, "events", dir / "in", dir / "out"), "");
  auto s2 = newSession();
  viewOf(s2, dir / "out", "user_behavior");
  viewOf(s2, dir / "out", "product_performance");
  EXPECT_EQ(rows(s2, "SELECT user_id, purchases, revenue, region, user_segment FROM user_behavior"),
            (std::vector<std::string>{"1|1|9.5|EU|premium"}));
  EXPECT_EQ(rows(s2, "SELECT product_id, purchases, product_category, price FROM product_performance"),
            (std::vector<std::string>{"7|1|books|9.5"}));
}

}  // namespace
}  // namespace loch::jobs::testing

// The `ecommerce` job on a hand-made Superstore-shaped fixture; expected
// values computed by hand in the comments.

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "jobs/jobs_test_util.h"

namespace loch::jobs::testing {
namespace {

// price = Sales / Quantity / (1 - Discount): line 1 → 500, lines 2 and 4 → 25,
// line 3 → 500. Line 5 lacks an Order ID; line 2 is repeated; line 6 has
// no quantity, discount or category (→ 1, 0, "Unknown"; price 0).
const char* kSuperstoreCsv =
    "Row ID,Order ID,Order Date,Customer ID,Customer Name,Segment,Product ID,Category,Sub-Category,Product Name,"
    "Sales,Quantity,Discount\n"
    "1,O1,2024-01-05,C1,Ann,Consumer,P1,Tech,Phones,Phone,900.0,2,0.1\n"
    "2,O1,2024-01-05,C1,Ann,Consumer,P2,Office,Paper,Paper,100.0,4,0\n"
    "3,O2,2024-03-10,C1,Ann,Consumer,P1,Tech,Phones,Phone,450.0,1,0.1\n"
    "4,O3,2024-02-01,C2,Bob,Corporate,P2,Office,Paper,Paper,50.0,2,0\n"
    "5,,2024-02-02,C2,Bob,Corporate,P2,Office,Paper,Paper,50.0,2,0\n"
    "2,O1,2024-01-05,C1,Ann,Consumer,P2,Office,Paper,Paper,100.0,4,0\n"
    "6,O4,2024-03-01,C3,Cid,Consumer,P3,,,Thing,10.0,,\n";

class EcommerceJobTest : public ::testing::Test {
 protected:
  void SetUp() override {
    writeFile(dir_ / "superstore.csv", kSuperstoreCsv);
    auto spark = newSession();
    std::string log;
    ASSERT_EQ(runJobCapture(spark, "ecommerce", dir_ / "superstore.csv", dir_ / "out", &log), "") << log;
    spark_ = newSession();
  }
  std::vector<std::string> q(const std::string& table, const std::string& sql) {
    viewOf(spark_, dir_ / "out", table);
    return rows(spark_, sql);
  }
  TempDir dir_;
  std::shared_ptr<SparkSession> spark_;
};

TEST_F(EcommerceJobTest, DailySales) {
  EXPECT_EQ(q("daily_sales",
              "SELECT order_date, orders, order_lines, items, round(revenue, 6), customers, round(avg_order_value, 6) "
              "FROM daily_sales ORDER BY order_date"),
            (std::vector<std::string>{"2024-01-05|1|2|6|1000.0|1|1000.0", "2024-02-01|1|1|2|50.0|1|50.0",
                                      "2024-03-01|1|1|1|0.0|1|0.0", "2024-03-10|1|1|1|450.0|1|450.0"}));
}

TEST_F(EcommerceJobTest, CustomerPatternsAndTiers) {
  EXPECT_EQ(q("customer_patterns",
              "SELECT customer_id, customer_name, orders, items, round(total_spent, 6), round(avg_order_value, 6), "
              "first_order_date, last_order_date, favorite_category, customer_tier FROM customer_patterns "
              "ORDER BY customer_id"),
            (std::vector<std::string>{"C1|Ann|2|7|1450.0|725.0|2024-01-05|2024-03-10|Tech|Silver",
                                      "C2|Bob|1|2|50.0|50.0|2024-02-01|2024-02-01|Office|Bronze",
                                      "C3|Cid|1|1|0.0|0.0|2024-03-01|2024-03-01|Unknown|Bronze"}));
}

TEST_F(EcommerceJobTest, RfmAnalysis) {
  // Reference 2024-03-11: recency C1 1, C2 39, C3 10.
  EXPECT_EQ(q("rfm_analysis",
              "SELECT customer_id, recency_days, frequency, r_score, f_score, m_score, segment FROM rfm_analysis "
              "ORDER BY customer_id"),
            (std::vector<std::string>{"C1|1|2|5|5|5|Champions", "C2|39|1|1|1|3|Others", "C3|10|1|3|1|1|Others"}));
}

TEST_F(EcommerceJobTest, ProductsCohortsRecentPurchasesQuarantine) {
  EXPECT_EQ(q("product_sales",
              "SELECT product_id, product_name, category, orders, quantity, round(revenue, 6), "
              "revenue_rank_in_category FROM product_sales ORDER BY product_id"),
            (std::vector<std::string>{"P1|Phone|Tech|2|3|1350.0|1", "P2|Paper|Office|2|6|150.0|1",
                                      "P3|Thing|Unknown|1|1|0.0|1"}));
  EXPECT_EQ(q("cohort_sizes",
              "SELECT cohort_month, months_since_first_order, customers, orders, round(revenue, 6) FROM cohort_sizes "
              "ORDER BY cohort_month, months_since_first_order"),
            (std::vector<std::string>{"2024-01-01|0|1|1|1000.0", "2024-01-01|2|1|1|450.0", "2024-02-01|0|1|1|50.0",
                                      "2024-03-01|0|1|1|0.0"}));
  EXPECT_EQ(q("recent_purchases",
              "SELECT customer_id, purchase_rank, order_line_id FROM recent_purchases ORDER BY customer_id, "
              "purchase_rank"),
            (std::vector<std::string>{"C1|1|3", "C1|2|2", "C1|3|1", "C2|1|4", "C3|1|6"}));
  EXPECT_EQ(q("quarantine", "SELECT order_line_id, reason FROM quarantine"),
            (std::vector<std::string>{"5|missing order_id"}));
  auto j = nlohmann::json::parse(readFile(dir_ / "out/_job_summary.json"));
  EXPECT_EQ(j["input_rows"], 7);
  EXPECT_EQ(j["quarantined_rows"], 1);
  EXPECT_EQ(j["duplicate_rows"], 1);
}

}  // namespace
}  // namespace loch::jobs::testing

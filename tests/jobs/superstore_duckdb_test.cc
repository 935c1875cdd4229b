// The ecommerce job on the real Superstore file, checked against the same
// results computed independently by DuckDB (tools/peers/duckdb_query.mjs)
// straight from the file. Skipped when node, the peers or the data are missing
// (`bash scripts/peers.sh` installs them).

#include <gtest/gtest.h>

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <nlohmann/json.hpp>
#include <sstream>

#include "jobs/jobs_test_util.h"

namespace loch::jobs::testing {
namespace {

namespace fs = std::filesystem;

std::string shellQuote(const std::string& s) {
  std::string q = "'";
  for (char c : s) q += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return q + "'";
}

/// DuckDB's rows as vectors of cells (strings; numbers in JSON's text).
std::vector<std::vector<std::string>> duckdb(const std::string& sql) {
  std::string cmd = "cd " + shellQuote(sourceDir()) + " && node tools/peers/duckdb_query.mjs -c " + shellQuote(sql);
  std::FILE* pipe = ::popen(cmd.c_str(), "r");
  if (pipe == nullptr) throw std::runtime_error("popen failed");
  std::string text;
  char buf[4096];
  size_t n;
  while ((n = std::fread(buf, 1, sizeof buf, pipe)) > 0) text.append(buf, n);
  int status = ::pclose(pipe);
  if (status != 0) throw std::runtime_error("duckdb_query.mjs failed for: " + sql);
  std::vector<std::vector<std::string>> rows;
  std::istringstream lines(text);
  std::string line;
  while (std::getline(lines, line)) {
    if (line.empty()) continue;
    auto obj = nlohmann::ordered_json::parse(line);
    std::vector<std::string> row;
    for (const auto& [k, v] : obj.items()) row.push_back(v.is_string() ? v.get<std::string>() : v.dump());
    rows.push_back(row);
  }
  return rows;
}

std::vector<std::vector<std::string>> split(const std::vector<std::string>& rows) {
  std::vector<std::vector<std::string>> out;
  for (const auto& r : rows) {
    std::vector<std::string> cells;
    std::string cur;
    for (char c : r) {
      if (c == '|') {
        cells.push_back(cur);
        cur.clear();
      } else {
        cur += c;
      }
    }
    cells.push_back(cur);
    out.push_back(cells);
  }
  return out;
}

/// Cells equal as text, or as numbers within a relative 1e-9.
void expectSameRows(const std::vector<std::vector<std::string>>& loch,
                    const std::vector<std::vector<std::string>>& duck, const std::string& what) {
  ASSERT_EQ(loch.size(), duck.size()) << what;
  for (size_t r = 0; r < loch.size(); ++r) {
    ASSERT_EQ(loch[r].size(), duck[r].size()) << what << " row " << r;
    for (size_t c = 0; c < loch[r].size(); ++c) {
      const std::string& a = loch[r][c];
      const std::string& b = duck[r][c];
      if (a == b) continue;
      char* ea = nullptr;
      char* eb = nullptr;
      double x = std::strtod(a.c_str(), &ea);
      double y = std::strtod(b.c_str(), &eb);
      bool numeric = !a.empty() && !b.empty() && *ea == '\0' && *eb == '\0';
      ASSERT_TRUE(numeric && std::fabs(x - y) <= 1e-9 * std::max({1.0, std::fabs(x), std::fabs(y)}))
          << what << " row " << r << " column " << c << ": loch " << a << " vs duckdb " << b;
    }
  }
}

class SuperstoreDuckDbTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    data_ = sourceDir() + "/data/superstore.parquet";
    bool have_node = std::system("command -v node >/dev/null 2>&1") == 0;
    if (!have_node || !fs::exists(sourceDir() + "/tools/peers/node_modules/@duckdb/node-api") || !fs::exists(data_)) {
      skip_ = true;
      return;
    }
    dir_ = std::make_unique<TempDir>();
    std::string log;
    error_ = runJobCapture(newSession(), "ecommerce", data_, *dir_ / "out", &log);
  }
  static void TearDownTestSuite() { dir_.reset(); }
  void SetUp() override {
    if (skip_) GTEST_SKIP() << "node, tools/peers (bash scripts/peers.sh) or data/superstore.parquet missing";
    ASSERT_EQ(error_, "");
    spark_ = newSession();
  }
  std::vector<std::vector<std::string>> loch(const std::string& table, const std::string& sql) {
    viewOf(spark_, *dir_ / "out", table);
    return split(rows(spark_, sql));
  }
  std::string src() const { return "'" + data_ + "'"; }

  static inline std::string data_;
  static inline bool skip_ = false;
  static inline std::unique_ptr<TempDir> dir_;
  static inline std::string error_;
  std::shared_ptr<SparkSession> spark_;
};

TEST_F(SuperstoreDuckDbTest, DailySales) {
  expectSameRows(
      loch("daily_sales",
           "SELECT CAST(order_date AS STRING), orders, order_lines, items, revenue, customers "
           "FROM daily_sales ORDER BY order_date"),
      duckdb("SELECT CAST(\"Order Date\" AS VARCHAR) AS d, count(DISTINCT \"Order ID\") AS o, count(*) AS l, "
             "sum(\"Quantity\") AS q, sum(\"Sales\") AS s, count(DISTINCT \"Customer ID\") AS c FROM " +
             src() + " GROUP BY 1 ORDER BY 1"),
      "daily_sales");
}

TEST_F(SuperstoreDuckDbTest, CustomerTiersAndSpend) {
  expectSameRows(
      loch("customer_patterns",
           "SELECT customer_tier, count(*), sum(orders) FROM customer_patterns GROUP BY 1 ORDER BY 1"),
      duckdb("WITH c AS (SELECT \"Customer ID\" AS id, sum(\"Sales\") AS s, count(DISTINCT \"Order ID\") AS o "
             "FROM " +
             src() +
             " GROUP BY 1) SELECT CASE WHEN s >= 10000 THEN 'VIP' WHEN s >= 5000 THEN "
             "'Gold' WHEN s >= 1000 THEN 'Silver' ELSE 'Bronze' END AS t, count(*) AS n, sum(o) AS o "
             "FROM c GROUP BY 1 ORDER BY 1"),
      "customer tiers");
}

TEST_F(SuperstoreDuckDbTest, ProductSales) {
  expectSameRows(
      loch("product_sales", "SELECT product_id, orders, quantity, revenue FROM product_sales ORDER BY product_id"),
      duckdb("SELECT \"Product ID\" AS p, count(DISTINCT \"Order ID\") AS o, sum(\"Quantity\") AS q, "
             "sum(\"Sales\") AS s FROM " +
             src() + " GROUP BY 1 ORDER BY 1"),
      "product_sales");
}

TEST_F(SuperstoreDuckDbTest, CohortsAndRecentPurchases) {
  expectSameRows(
      loch("cohort_sizes",
           "SELECT CAST(cohort_month AS STRING), months_since_first_order, customers, orders, revenue "
           "FROM cohort_sizes ORDER BY 1, 2"),
      duckdb("WITH f AS (SELECT \"Customer ID\" AS id, date_trunc('month', min(\"Order Date\")) AS m FROM " + src() +
             " GROUP BY 1) SELECT CAST(CAST(f.m AS DATE) AS VARCHAR) AS m, "
             "(year(\"Order Date\") * 12 + month(\"Order Date\")) - (year(f.m) * 12 + month(f.m)) AS k, "
             "count(DISTINCT id) AS c, count(DISTINCT \"Order ID\") AS o, sum(\"Sales\") AS s FROM " +
             src() + " JOIN f ON \"Customer ID\" = f.id GROUP BY 1, 2 ORDER BY 1, 2"),
      "cohort_sizes");
  expectSameRows(loch("recent_purchases", "SELECT count(*), count(DISTINCT customer_id) FROM recent_purchases"),
                 duckdb("SELECT sum(least(n, 10)) AS r, count(*) AS c FROM (SELECT count(*) AS n FROM " + src() +
                        " GROUP BY \"Customer ID\")"),
                 "recent_purchases");
}

}  // namespace
}  // namespace loch::jobs::testing

#include "loch/jobs/ecommerce_job.h"

#include <algorithm>
#include <ostream>
#include <set>

#include "loch/api/spark_session.h"
#include "loch/common/exception.h"
#include "loch/jobs/input_reader.h"
#include "loch/jobs/job_runner.h"
#include "loch/jobs/quarantine.h"

namespace loch::jobs {

namespace {

std::string defaultInput() {
  for (const char* candidate : {"data/superstore.parquet", "data/superstore.csv"}) {
    if (pathExists(candidate)) return candidate;
  }
  throw IOException("PATH_NOT_FOUND",
                    "No --input given and data/superstore.parquet is missing; run `bash scripts/peers.sh` first.");
}

std::string lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return std::tolower(c); });
  return s;
}

/// Superstore columns → the order-line columns of the seed's model (see the header's mapping).
DataFrame typedOrderLines(const DataFrame& raw) {
  std::set<std::string> have;
  for (const auto& c : raw.columns()) have.insert(lower(c));
  std::string missing;
  for (const char* required :
       {"Order ID", "Order Date", "Customer ID", "Product ID", "Sales", "Quantity", "Discount"}) {
    if (!have.count(lower(required))) missing += std::string(missing.empty() ? "" : ", ") + required;
  }
  if (!missing.empty()) {
    std::string found;
    for (const auto& c : raw.columns()) found += (found.empty() ? "" : ", ") + c;
    throw AnalysisException("JOB_INPUT_SCHEMA", "The Superstore input lacks the required column(s) " + missing +
                                                    " (it has: " + found + ").");
  }
  auto col = [&](const std::string& source, const std::string& type, const std::string& name) {
    return have.count(lower(source)) ? "try_cast(`" + source + "` AS " + type + ") AS " + name
                                     : "CAST(NULL AS " + type + ") AS " + name;
  };
  return raw.selectExpr({col("Row ID", "BIGINT", "order_line_id"),
                         col("Order ID", "STRING", "order_id"),
                         col("Order Date", "DATE", "order_date"),
                         col("Ship Date", "DATE", "ship_date"),
                         col("Ship Mode", "STRING", "ship_mode"),
                         col("Customer ID", "STRING", "customer_id"),
                         col("Customer Name", "STRING", "customer_name"),
                         col("Segment", "STRING", "segment"),
                         col("Country", "STRING", "country"),
                         col("City", "STRING", "city"),
                         col("State", "STRING", "state"),
                         col("Postal Code", "STRING", "postal_code"),
                         col("Region", "STRING", "region"),
                         col("Product ID", "STRING", "product_id"),
                         col("Category", "STRING", "category"),
                         col("Sub-Category", "STRING", "sub_category"),
                         col("Product Name", "STRING", "product_name"),
                         col("Sales", "DOUBLE", "sales"),
                         col("Quantity", "INT", "quantity"),
                         col("Discount", "DOUBLE", "discount"),
                         col("Profit", "DOUBLE", "profit")});
}

const std::vector<QuarantineRule>& orderRules() {
  static const std::vector<QuarantineRule> rules = {
      {"missing order_id", "order_id IS NULL OR order_id = ''"},
      {"missing customer_id", "customer_id IS NULL OR customer_id = ''"},
      {"missing order_date", "order_date IS NULL"},
  };
  return rules;
}

/// The views orders (order lines), products and customers, then orders_clean (enriched).
void registerCleanViews(const std::shared_ptr<SparkSession>& spark, const DataFrame& valid) {
  valid.createOrReplaceTempView("superstore_valid");
  spark->sql(
      "CREATE OR REPLACE TEMP VIEW orders AS "
      "SELECT order_line_id, order_id, order_date, ship_date, ship_mode, customer_id, product_id, "
      "coalesce(quantity, 1) AS quantity, coalesce(discount, 0.0D) AS discount, "
      "coalesce(sales / nullif(CAST(quantity AS DOUBLE) * (1 - coalesce(discount, 0.0D)), 0), 0.0D) AS price, "
      "sales, profit, country, city, state, postal_code, region FROM superstore_valid");
  spark->sql(
      "CREATE OR REPLACE TEMP VIEW products AS SELECT product_id, min(product_name) AS product_name, "
      "coalesce(min(category), 'Unknown') AS category, coalesce(min(sub_category), 'Unknown') AS sub_category "
      "FROM superstore_valid WHERE product_id IS NOT NULL GROUP BY product_id");
  spark->sql(
      "CREATE OR REPLACE TEMP VIEW customers AS SELECT customer_id, min(customer_name) AS customer_name, "
      "min(segment) AS segment FROM superstore_valid GROUP BY customer_id");
}

DataFrame enrichedOrders(const std::shared_ptr<SparkSession>& spark) {
  auto with_id = spark->sql("SELECT * FROM orders WHERE order_line_id IS NOT NULL").dropDuplicates({"order_line_id"});
  with_id.unionAll(spark->sql("SELECT * FROM orders WHERE order_line_id IS NULL"))
      .createOrReplaceTempView("orders_dedup");
  return spark->sql(
      "WITH e AS (SELECT o.*, c.customer_name, c.segment, p.product_name, coalesce(p.category, 'Unknown') AS category, "
      "coalesce(p.sub_category, 'Unknown') AS sub_category, o.quantity * o.price * (1 - o.discount) AS total_amount "
      "FROM orders_dedup o LEFT JOIN customers c ON o.customer_id = c.customer_id "
      "LEFT JOIN products p ON o.product_id = p.product_id) "
      "SELECT *, CASE WHEN sum(total_amount) OVER (PARTITION BY customer_id) >= 10000 THEN 'VIP' "
      "WHEN sum(total_amount) OVER (PARTITION BY customer_id) >= 5000 THEN 'Gold' "
      "WHEN sum(total_amount) OVER (PARTITION BY customer_id) >= 1000 THEN 'Silver' ELSE 'Bronze' END AS "
      "customer_tier FROM e");
}

const std::vector<std::string>& outputNames() {
  static const std::vector<std::string> names = {"daily_sales",  "product_sales", "customer_patterns",
                                                 "rfm_analysis", "cohort_sizes",  "recent_purchases"};
  return names;
}

}  // namespace

std::string ecommerceOutputSql(const std::string& table) {
  if (table == "daily_sales") {
    return "SELECT order_date, count(DISTINCT order_id) AS orders, count(*) AS order_lines, sum(quantity) AS items, "
           "sum(total_amount) AS revenue, count(DISTINCT customer_id) AS customers, "
           "sum(total_amount) / count(DISTINCT order_id) AS avg_order_value FROM orders_clean GROUP BY order_date";
  }
  if (table == "product_sales") {
    return "WITH s AS (SELECT product_id, min(product_name) AS product_name, min(category) AS category, "
           "min(sub_category) AS sub_category, count(DISTINCT order_id) AS orders, sum(quantity) AS quantity, "
           "sum(total_amount) AS revenue, avg(discount) AS avg_discount FROM orders_clean GROUP BY product_id) "
           "SELECT *, rank() OVER (PARTITION BY category ORDER BY revenue DESC) AS revenue_rank_in_category FROM s";
  }
  if (table == "customer_patterns") {
    return "WITH c AS (SELECT customer_id, min(customer_name) AS customer_name, min(segment) AS segment, "
           "count(DISTINCT order_id) AS orders, sum(quantity) AS items, sum(total_amount) AS total_spent, "
           "sum(total_amount) / count(DISTINCT order_id) AS avg_order_value, min(order_date) AS first_order_date, "
           "max(order_date) AS last_order_date, min(customer_tier) AS customer_tier FROM orders_clean "
           "GROUP BY customer_id), "
           "k AS (SELECT customer_id, category, sum(total_amount) AS revenue FROM orders_clean "
           "GROUP BY customer_id, category), "
           "f AS (SELECT customer_id, category AS favorite_category, row_number() OVER (PARTITION BY customer_id "
           "ORDER BY revenue DESC, category) AS rn FROM k) "
           "SELECT c.customer_id, c.customer_name, c.segment, c.orders, c.items, c.total_spent, c.avg_order_value, "
           "c.first_order_date, c.last_order_date, f.favorite_category, c.customer_tier FROM c JOIN f "
           "ON c.customer_id = f.customer_id AND f.rn = 1";
  }
  if (table == "rfm_analysis") {
    auto score = [](const std::string& order) {
      return "least(5, 1 + CAST(floor(percent_rank() OVER (ORDER BY " + order + ") * 5) AS INT))";
    };
    return "WITH ref AS (SELECT date_add(max(order_date), 1) AS ref_date FROM orders_clean), "
           "p AS (SELECT customer_id, max(order_date) AS last_order_date, count(DISTINCT order_id) AS frequency, "
           "sum(total_amount) AS monetary, min(customer_tier) AS customer_tier FROM orders_clean GROUP BY "
           "customer_id), "
           "r AS (SELECT p.*, datediff(ref.ref_date, p.last_order_date) AS recency_days FROM p CROSS JOIN ref), "
           "s AS (SELECT *, " +
           score("recency_days DESC") + " AS r_score, " + score("frequency") + " AS f_score, " + score("monetary") +
           " AS m_score FROM r) "
           "SELECT customer_id, last_order_date, recency_days, frequency, monetary, r_score, f_score, m_score, "
           "concat(CAST(r_score AS STRING), CAST(f_score AS STRING), CAST(m_score AS STRING)) AS rfm_score, "
           "CASE WHEN r_score >= 4 AND f_score >= 4 AND m_score >= 4 THEN 'Champions' "
           "WHEN f_score >= 4 AND r_score >= 3 THEN 'Loyal Customers' "
           "WHEN r_score >= 4 AND f_score <= 2 THEN 'New Customers' "
           "WHEN r_score <= 2 AND f_score >= 3 THEN 'At Risk' ELSE 'Others' END AS segment, customer_tier FROM s";
  }
  if (table == "cohort_sizes") {
    return "WITH f AS (SELECT customer_id, trunc(min(order_date), 'MM') AS cohort_month FROM orders_clean "
           "GROUP BY customer_id) "
           "SELECT f.cohort_month, (year(o.order_date) * 12 + month(o.order_date)) - (year(f.cohort_month) * 12 + "
           "month(f.cohort_month)) AS months_since_first_order, count(DISTINCT o.customer_id) AS customers, "
           "count(DISTINCT o.order_id) AS orders, sum(o.total_amount) AS revenue FROM orders_clean o JOIN f "
           "ON o.customer_id = f.customer_id GROUP BY 1, 2";
  }
  if (table == "recent_purchases") {
    return "WITH r AS (SELECT customer_id, order_id, order_line_id, order_date, product_id, product_name, category, "
           "quantity, total_amount, row_number() OVER (PARTITION BY customer_id ORDER BY order_date DESC, "
           "order_line_id DESC) AS purchase_rank FROM orders_clean) SELECT * FROM r WHERE purchase_rank <= 10";
  }
  throw InvalidArgumentException("UNKNOWN_OUTPUT", "The ecommerce job has no output '" + table + "'.");
}

void runEcommerceJob(const std::shared_ptr<SparkSession>& spark, const JobOptions& options, std::ostream& log) {
  std::string input = options.input.empty() ? defaultInput() : options.input;
  std::string output = options.output.empty() ? "out/ecommerce" : options.output;
  DataFrame raw = readTable(spark, input);
  JobRunner runner("ecommerce", spark, output, log, options.terminal);
  runner.setStageCount(3 + static_cast<int>(outputNames().size()));

  DataFrame typed = typedOrderLines(raw);
  int64_t input_rows = runner.runStage("read", -1, [&] { return typed.count(); });
  runner.setInputRows(input_rows);
  auto split = splitQuarantine(typed, orderRules());
  int64_t quarantined = runner.writeStage(
      "quarantine", input_rows, [&] { return split.quarantined; }, OutputSpec{"quarantine"});
  runner.setQuarantinedRows(quarantined);
  registerCleanViews(spark, split.valid);
  DataFrame clean = enrichedOrders(spark).cache();
  int64_t clean_rows = runner.runStage("clean_enrich", input_rows, [&] { return clean.count(); });
  runner.setDuplicateRows(input_rows - quarantined - clean_rows);
  clean.createOrReplaceTempView("orders_clean");
  for (const auto& name : outputNames()) {
    runner.writeStage(
        name, clean_rows, [&] { return spark->sql(ecommerceOutputSql(name)); }, OutputSpec{name});
  }
  runner.commit();
  clean.unpersist();
}

}  // namespace loch::jobs

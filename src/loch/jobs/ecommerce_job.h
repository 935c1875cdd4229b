#pragma once
// The built-in `ecommerce` job (the seed's main.py: load orders, products
// and customers; clean; enrich; analyse; save) on the Superstore orders.
//
// Input (--input, default data/superstore.parquet, else data/superstore.csv):
// Superstore's one denormalized table (one row per order line), split into
// the seed's three inputs through this column mapping:
//   orders:    Row ID → order_line_id, Order ID → order_id, Order Date →
//              order_date, Ship Date → ship_date, Ship Mode → ship_mode,
//              Customer ID → customer_id, Product ID → product_id,
//              Quantity → quantity, Discount → discount, Sales → sales,
//              Profit → profit, Country/City/State/Postal Code/Region →
//              country, city, state, postal_code, region (where the order
//              shipped), price = Sales / Quantity / (1 − Discount): the
//              unit list price (Superstore's Sales is the discounted line
//              total, so quantity × price × (1 − discount) gives Sales back);
//   products:  Product ID → product_id, Product Name → product_name,
//              Category → category, Sub-Category → sub_category;
//   customers: Customer ID → customer_id, Customer Name → customer_name,
//              Segment → segment.
//
// Cleaning: orders deduplicated by order_line_id, products and customers by
// id (the alphabetically first name/category is kept: a few Superstore
// product ids carry two names); nulls filled: quantity 1, discount 0,
// price 0, category and sub_category "Unknown". Orders without an
// order_id, customer_id or order_date go to `quarantine` with a reason.
// Enrichment: orders left-joined with customers and products;
// total_amount = quantity × price × (1 − discount); customer_tier from the
// customer's total spend: VIP ≥ 10000, Gold ≥ 5000, Silver ≥ 1000, else Bronze.
//
// Outputs (Parquet, committed together; columns in docs/jobs.md):
// daily_sales, product_sales, customer_patterns, rfm_analysis (RFM scores
// and segments by the rule of the events job, frequency = distinct orders,
// reference date = last order date + 1), cohort_sizes (first-order month),
// recent_purchases (last 10 order lines per customer by order_date, then
// order_line_id, descending), quarantine.

#include <iosfwd>
#include <memory>
#include <string>

#include "loch/jobs/job_options.h"

namespace loch {
class SparkSession;
}

namespace loch::jobs {

/// Runs the job and commits its outputs under options.output (default out/ecommerce).
/// @throws IOException PATH_NOT_FOUND / EMPTY_INPUT; AnalysisException
///         JOB_INPUT_SCHEMA naming missing Superstore columns; engine errors.
void runEcommerceJob(const std::shared_ptr<SparkSession>& spark, const JobOptions& options, std::ostream& log);

/// The SQL computing each ecommerce output from the views `orders_clean`
/// (order lines after cleaning and enrichment), by output name; exposed
/// so tests can list them.
std::string ecommerceOutputSql(const std::string& table);

}  // namespace loch::jobs

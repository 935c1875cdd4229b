#pragma once
// `loch gen events`: writes deterministic, seed-shaped clickstream tables.

#include <cstdint>
#include <iosfwd>
#include <string>

namespace loch::cli {

struct GenEventsOptions {
  int64_t rows = 1000000;    ///< events to generate
  int64_t users = 10000;     ///< distinct user ids 1..users
  int64_t days = 30;         ///< events spread over this many days from 2024-01-01 (UTC)
  uint64_t seed = 42;        ///< same seed (and sizes) → same data, whatever the thread count
  std::string output;        ///< folder; tables go to output/events, output/users, output/products
  std::string format = "parquet";  ///< "parquet", "csv" (with header) or "json"
};

/// Generates and writes (mode overwrite) three tables:
///  - events(event_id bigint, user_id bigint, timestamp timestamp,
///    event_type string, product_id bigint, category string, value double,
///    page_url string, device_type string, country string, year int,
///    month int, day int): a view > click > add_to_cart > purchase funnel
///    (60/25/10/5 %), Zipf-like product popularity (weight 1/rank^1.1),
///    value = price × quantity on purchases and NULL otherwise;
///  - users(user_id bigint, region string, user_segment string, signup_date date);
///  - products(product_id bigint, product_category string, price double).
/// Events are generated in fixed-size batches, each from its own seed
/// derived from (seed, batch index), so the data never depends on scheduling.
/// Returns the exit status: 0, or 1 after printing "loch: [ERROR_CLASS] message"
/// to `err` (bad sizes, write errors).
int runGenEvents(const GenEventsOptions& options, std::ostream& out, std::ostream& err);

}  // namespace loch::cli

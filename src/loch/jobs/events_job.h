#pragma once
// The built-in `events` job (the seeds' batch-processing / emr-spark-job
// pipelines and their notebooks' analyses) on clickstream events.
//
// Input (--input PATH): a folder holding events/ (and optionally users/ and
// products/), as `loch gen events --output PATH` writes it, or the events
// table itself (a Parquet/CSV/JSON file or folder, partitioned or not).
//
// Columns used: event_id bigint, user_id bigint, timestamp timestamp and
// event_type string are required; product_id, category, value, page_url,
// device_type, country are optional (defaults below). Values that do not
// convert to these types become NULL (and so may be quarantined).
//
// Cleaning:
//  - quarantine (table `quarantine`, input columns + reason) rows with a
//    missing or invalid user_id ("missing user_id"), timestamp ("missing
//    timestamp") or an empty/missing event_type ("missing event_type"),
//    first broken rule wins;
//  - dedupe by event_id: one row per event_id is kept (rows without an
//    event_id are all kept);
//  - defaults: category, device_type, country "unknown", page_url "",
//    value 0.0; event_type lower-cased and trimmed; event_date =
//    to_date(timestamp) and year/month/day are recomputed from timestamp
//    (session time zone).
//
// Outputs (Parquet, mode overwrite, committed together) — columns in docs/jobs.md.
//
// Rules:
//  - revenue is the sum of `value` over purchase events;
//  - sessions: a user's events ordered by (timestamp, event_id); a new
//    session starts at the first event and after a gap of more than 30
//    minutes (a gap of exactly 30 minutes continues the session);
//  - rfm_segments: per purchasing user, recency_days = days from the last
//    purchase date to (last event date of the data + 1), frequency =
//    purchases, monetary = revenue. Each score is 1 + floor(5 ×
//    percent_rank()), capped at 5, with percent_rank ordered by recency
//    descending (recent → high r_score), frequency and monetary ascending;
//    ties get the same score. Segment, first match wins:
//      Champions        r ≥ 4 and f ≥ 4 and m ≥ 4
//      Loyal Customers  f ≥ 4 and r ≥ 3
//      New Customers    r ≥ 4 and f ≤ 2
//      At Risk          r ≤ 2 and f ≥ 3
//      Others           otherwise;
//  - cohorts: cohort_month = first day of the month of the user's first
//    purchase; months_since_first_purchase = whole calendar months between
//    that month and the purchase's month;
//  - funnel: a user reaches `view` with any view; `click` with a click at or
//    after a view and at most one hour after it; `purchase` with a
//    purchase at or after such a click and at most one hour after that
//    view (order by timestamp, then event_id).

#include <iosfwd>
#include <memory>
#include <string>

#include "loch/api/data_frame.h"
#include "loch/jobs/job_options.h"

namespace loch {
class SparkSession;
}

namespace loch::jobs {

/// Runs the job and commits its outputs under options.output.
/// @throws InvalidArgumentException MISSING_INPUT when --input is not given;
///         IOException PATH_NOT_FOUND / EMPTY_INPUT for the input;
///         AnalysisException JOB_INPUT_SCHEMA when a required column is missing;
///         whatever the engine throws. Outputs are untouched on any error.
void runEventsJob(const std::shared_ptr<SparkSession>& spark, const JobOptions& options, std::ostream& log);

/// The cleaning step alone: `clean` (deduplicated, defaults filled, with
/// event_date/year/month/day) and `quarantined` (typed input columns + reason).
/// @throws AnalysisException JOB_INPUT_SCHEMA when a required column is missing.
struct CleanedEvents {
  DataFrame clean;
  DataFrame quarantined;
};
CleanedEvents cleanEventsTable(const DataFrame& raw);

/// The SQL of one analysis over the view `ev` (cleaned events), by output
/// name: daily_user_activity, monthly_summary, user_behavior,
/// product_performance (without the products join), sessions,
/// rfm_segments, cohorts, funnel, category_country_cube,
/// top_products_per_category, value_percentiles.
/// @throws InvalidArgumentException UNKNOWN_ANALYSIS listing the names.
std::string eventsAnalysisSql(const std::string& name);

}  // namespace loch::jobs

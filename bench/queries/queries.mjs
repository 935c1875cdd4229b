// The benchmark's queries: one entry per query, its files being
// loch/ID.sql, duckdb/ID.sql, clickhouse/ID.sql (SQL with ${events},
// ${users}, ${products}, ${flights} table placeholders and ${out}, a
// folder path) and polars/ID.mjs (DataFrame code; see harness/run_polars.mjs).
//   set: 'events' runs on every generated events size, 'flights' on data/flights-3m.parquet;
//   approx: columns (0-based) whose values come from approximate algorithms
//           that legitimately differ between engines, compared within relTol;
//   verify: for queries that write files instead of returning rows, a DuckDB
//           query over ${out} whose result is compared across engines.

const PERCENTILES = 'percentiles: Loch percentile_approx (Spark GK sketch), DuckDB approx_quantile (t-digest), ClickHouse quantiles (reservoir sample), Polars exact quantile (nearest)';

export const QUERIES = [
  { id: 'Q01', set: 'events', title: 'daily user activity' },
  { id: 'Q02', set: 'events', title: 'monthly summary per category, distinct users' },
  { id: 'Q03', set: 'events', title: 'per-user behavior: event types, count, lifetime value' },
  { id: 'Q04', set: 'events', title: 'product performance joined with products' },
  { id: 'Q05', set: 'events', title: 'sessionization: lag, 30-minute gap, running sum, per-session metrics' },
  { id: 'Q06', set: 'events', title: 'RFM scores with percent_rank and segments' },
  { id: 'Q07', set: 'events', title: "the seed's cohort query" },
  { id: 'Q08', set: 'events', title: 'funnel view → click → purchase within one hour' },
  { id: 'Q09', set: 'events', title: 'CUBE(country, category)' },
  { id: 'Q10', set: 'events', title: 'top 5 products per category (row_number)' },
  { id: 'Q11', set: 'events', title: 'percentile_approx p25/p50/p75/p95 per category',
    approx: { cols: [2, 3, 4, 5], relTol: 0.05, note: PERCENTILES } },
  { id: 'Q12', set: 'events', title: 'profile of every column',
    approx: { cols: [1, 7, 13, 17, 21, 27, 31, 37, 41, 45, 49, 55, 61], relTol: 0.35, note: 'approx distinct, ±35% (HLL estimates differ widely: on 1M events DuckDB gives 1.30M for 994k distinct timestamps, Loch 994k; Spark’s default rsd is 0.05): Loch approx_count_distinct (HLL++), DuckDB approx_count_distinct (HLL), ClickHouse uniq (adaptive sample), Polars exact n_unique' } },
  { id: 'Q13', set: 'events', title: 'events × users × products by region, category, segment' },
  { id: 'Q14', set: 'events', title: 'rewrite events as Parquet partitioned by year/month',
    verify: "SELECT CAST(year AS INT) AS year, CAST(month AS INT) AS month, count(*) AS n, count(DISTINCT event_id) AS ids, sum(value) AS revenue FROM read_parquet('${out}/**/*.parquet', hive_partitioning = true) GROUP BY ALL" },
  { id: 'Q15', set: 'events', title: 'pivot of revenue by region × product category' },
  { id: 'Q16', set: 'events', title: 'time quartiles of each category (ntile(4) over all events)' },
  { id: 'S01', set: 'events', title: 'scan: count(*)' },
  { id: 'S02', set: 'events', title: 'scan: sum of one column (value)' },
  { id: 'S03', set: 'events', title: 'scan: every column (an aggregate per column)' },
  { id: 'F01', set: 'flights', title: 'daily flights and mean delay per origin' },
  { id: 'F02', set: 'flights', title: 'top 20 routes' },
  { id: 'F03', set: 'flights', title: 'delay percentiles per origin', approx: { cols: [2, 3, 4], relTol: 0.05, note: PERCENTILES } },
  { id: 'F04', set: 'flights', title: 'rank of origins by monthly volume' },
  { id: 'S11', set: 'flights', title: 'scan: count(*)' },
  { id: 'S12', set: 'flights', title: 'scan: sum of one column (delay)' },
  { id: 'S13', set: 'flights', title: 'scan: every column (an aggregate per column)' },
];

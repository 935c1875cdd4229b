-- A SQL job template: analyses the 3M US flights of data/flights-3m.parquet
-- (columns date timestamp, delay bigint (minutes), distance bigint (miles),
-- origin, destination). Copy it for your own jobs.
--
--   loch run examples/jobs/flights.sql --input data/flights-3m.parquet --output /tmp/out
--
-- ${input} and ${output} are replaced by --input and --output; any other
-- ${name} comes from --conf name=value. A query preceded by a
-- "-- output: <table> [format=..] [partition_by=..] [mode=..]" comment is
-- written as a table under --output; all tables are committed together
-- when every statement has succeeded, with _job_summary.json.

CREATE OR REPLACE TEMP VIEW flights AS
SELECT to_date(date) AS flight_date, date AS departure, delay, distance, origin, destination
FROM parquet.`${input}`;

-- Daily flights and mean delay per origin airport.
-- output: daily_origin_delays
SELECT flight_date, origin, count(*) AS flights, avg(delay) AS mean_delay,
       count_if(delay > 15) AS delayed_flights
FROM flights
GROUP BY flight_date, origin;

-- The 20 busiest routes, with their mean delay and distance.
-- output: top_routes
SELECT origin, destination, count(*) AS flights, avg(delay) AS mean_delay, max(distance) AS distance
FROM flights
GROUP BY origin, destination
ORDER BY flights DESC, origin, destination
LIMIT 20;

-- Delay percentiles per origin (airports with at least 1000 flights).
-- output: delay_percentiles
SELECT origin, count(*) AS flights,
       percentile_approx(delay, 0.5) AS p50_delay,
       percentile_approx(delay, 0.9) AS p90_delay,
       percentile_approx(delay, 0.99) AS p99_delay,
       max(delay) AS max_delay
FROM flights
GROUP BY origin
HAVING count(*) >= 1000;

-- Each month's ranking of origin airports by flights (top 10 per month).
-- output: origin_rank_per_month
WITH monthly AS (
  SELECT trunc(flight_date, 'MM') AS month, origin, count(*) AS flights, avg(delay) AS mean_delay
  FROM flights
  GROUP BY 1, 2
),
ranked AS (
  SELECT *, rank() OVER (PARTITION BY month ORDER BY flights DESC) AS origin_rank
  FROM monthly
)
SELECT month, origin_rank, origin, flights, mean_delay
FROM ranked
WHERE origin_rank <= 10;

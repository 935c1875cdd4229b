-- Q16 quartiles: ntile(4) over each category's events in time order (a
-- window over a million rows per partition at 10M events): when each
-- quarter of a category's activity started and ended, and its revenue.
WITH q AS (
  SELECT category, timestamp, value,
         ntile(4) OVER (PARTITION BY category ORDER BY timestamp, event_id) AS quartile
  FROM ${events})
SELECT category, quartile, count(*) AS events, min(timestamp) AS first_ts, max(timestamp) AS last_ts,
       round(sum(value), 2) AS revenue
FROM q
GROUP BY category, quartile
ORDER BY category, quartile

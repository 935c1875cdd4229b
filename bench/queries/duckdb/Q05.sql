WITH ordered AS (
  SELECT user_id, event_id, timestamp, value,
         lag(timestamp) OVER (PARTITION BY user_id ORDER BY timestamp, event_id) AS prev_ts
  FROM ${events}),
flagged AS (
  SELECT *, CASE WHEN prev_ts IS NULL OR timestamp > prev_ts + INTERVAL 30 MINUTE THEN 1 ELSE 0 END AS new_session
  FROM ordered),
sessions AS (
  SELECT *, sum(new_session) OVER (PARTITION BY user_id ORDER BY timestamp, event_id
                                   ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS session_id
  FROM flagged),
per_session AS (
  SELECT user_id, session_id, count(*) AS events,
         (epoch_us(max(timestamp)) - epoch_us(min(timestamp))) / 1e6 AS duration_s,
         sum(value) AS revenue
  FROM sessions
  GROUP BY user_id, session_id)
SELECT user_id, count(*) AS sessions, sum(events) AS events,
       avg(duration_s) AS avg_duration_s, max(duration_s) AS max_duration_s, sum(revenue) AS revenue
FROM per_session
GROUP BY user_id
ORDER BY user_id

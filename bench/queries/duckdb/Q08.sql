WITH marked AS (
  SELECT user_id, timestamp AS ts, event_type,
         max(CASE WHEN event_type = 'view' THEN timestamp END)
           OVER (PARTITION BY user_id ORDER BY timestamp RANGE BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS last_view
  FROM ${events}
  WHERE event_type IN ('view', 'click', 'purchase')),
chained AS (
  SELECT *, max(CASE WHEN event_type = 'click' AND ts <= last_view + INTERVAL 1 HOUR THEN last_view END)
              OVER (PARTITION BY user_id ORDER BY ts RANGE BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS chain_start
  FROM marked),
per_user AS (
  SELECT user_id,
         CASE WHEN max(CASE WHEN event_type = 'purchase' AND ts <= chain_start + INTERVAL 1 HOUR THEN 1 END) = 1 THEN 3
              WHEN max(chain_start) IS NOT NULL THEN 2
              WHEN max(last_view) IS NOT NULL THEN 1
              ELSE 0 END AS level
  FROM chained
  GROUP BY user_id)
SELECT level, count(*) AS users
FROM per_user
GROUP BY level
ORDER BY level

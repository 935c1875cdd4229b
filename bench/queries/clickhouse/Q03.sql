SELECT user_id,
       count(DISTINCT event_type) AS event_types,
       count(*) AS events,
       sum(value) AS lifetime_value,
       min(timestamp) AS first_seen,
       max(timestamp) AS last_seen
FROM ${events}
GROUP BY user_id
ORDER BY user_id

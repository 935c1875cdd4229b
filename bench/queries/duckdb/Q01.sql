SELECT CAST(timestamp AS DATE) AS day,
       count(DISTINCT user_id) AS active_users,
       count(*) AS events,
       sum(CASE WHEN event_type = 'purchase' THEN 1 ELSE 0 END) AS purchases,
       sum(value) AS revenue
FROM ${events}
GROUP BY CAST(timestamp AS DATE)
ORDER BY day

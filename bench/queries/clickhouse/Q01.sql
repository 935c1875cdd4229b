SELECT toDate(timestamp) AS day,
       count(DISTINCT user_id) AS active_users,
       count(*) AS events,
       countIf(event_type = 'purchase') AS purchases,
       sum(value) AS revenue
FROM ${events}
GROUP BY day
ORDER BY day

-- Q01 daily user activity: active users, events, purchases and revenue per day.
SELECT to_date(timestamp) AS day,
       count(DISTINCT user_id) AS active_users,
       count(*) AS events,
       sum(CASE WHEN event_type = 'purchase' THEN 1 ELSE 0 END) AS purchases,
       sum(value) AS revenue
FROM ${events}
GROUP BY to_date(timestamp)
ORDER BY day

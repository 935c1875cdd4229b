-- Q02 monthly summary per category, with distinct users.
SELECT date_format(timestamp, 'yyyy-MM') AS month, category,
       count(*) AS events, count(DISTINCT user_id) AS users,
       sum(CASE WHEN event_type = 'purchase' THEN 1 ELSE 0 END) AS purchases,
       sum(value) AS revenue, avg(value) AS avg_order_value
FROM ${events}
GROUP BY date_format(timestamp, 'yyyy-MM'), category
ORDER BY month, category

SELECT strftime(timestamp, '%Y-%m') AS month, category,
       count(*) AS events, count(DISTINCT user_id) AS users,
       sum(CASE WHEN event_type = 'purchase' THEN 1 ELSE 0 END) AS purchases,
       sum(value) AS revenue, avg(value) AS avg_order_value
FROM ${events}
GROUP BY strftime(timestamp, '%Y-%m'), category
ORDER BY month, category

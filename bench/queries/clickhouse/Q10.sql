WITH p AS (
  SELECT category, product_id, count(*) AS purchases, round(sum(value), 2) AS revenue
  FROM ${events}
  WHERE event_type = 'purchase'
  GROUP BY category, product_id),
r AS (
  SELECT *, row_number() OVER (PARTITION BY category ORDER BY revenue DESC, product_id) AS rn
  FROM p)
SELECT category, rn, product_id, purchases, revenue
FROM r
WHERE rn <= 5
ORDER BY category, rn

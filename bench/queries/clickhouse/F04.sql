WITH m AS (
  SELECT formatDateTime(date, '%Y-%m') AS month, origin, count(*) AS flights
  FROM ${flights}
  GROUP BY formatDateTime(date, '%Y-%m'), origin)
SELECT month, origin, flights, rank() OVER (PARTITION BY month ORDER BY flights DESC) AS rnk
FROM m
ORDER BY month, rnk, origin

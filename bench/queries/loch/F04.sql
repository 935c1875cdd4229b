-- F04 rank of origins by number of flights in each month.
WITH m AS (
  SELECT date_format(date, 'yyyy-MM') AS month, origin, count(*) AS flights
  FROM ${flights}
  GROUP BY date_format(date, 'yyyy-MM'), origin)
SELECT month, origin, flights, rank() OVER (PARTITION BY month ORDER BY flights DESC) AS rnk
FROM m
ORDER BY month, rnk, origin

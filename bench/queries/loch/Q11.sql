-- Q11 percentile_approx p25/p50/p75/p95 of purchase values per category.
SELECT category, n, q[0] AS p25, q[1] AS p50, q[2] AS p75, q[3] AS p95
FROM (SELECT category, count(value) AS n, percentile_approx(value, array(0.25, 0.5, 0.75, 0.95)) AS q
      FROM ${events}
      WHERE value IS NOT NULL
      GROUP BY category)
ORDER BY category

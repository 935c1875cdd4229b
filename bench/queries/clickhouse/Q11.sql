SELECT category, n, q[1] AS p25, q[2] AS p50, q[3] AS p75, q[4] AS p95
FROM (SELECT category, count(value) AS n, quantiles(0.25, 0.5, 0.75, 0.95)(value) AS q
      FROM ${events}
      WHERE value IS NOT NULL
      GROUP BY category)
ORDER BY category

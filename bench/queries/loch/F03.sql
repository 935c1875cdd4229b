-- F03 delay percentiles (p50, p90, p99) per origin.
SELECT origin, n, q[0] AS p50, q[1] AS p90, q[2] AS p99
FROM (SELECT origin, count(delay) AS n, percentile_approx(delay, array(0.5, 0.9, 0.99)) AS q
      FROM ${flights}
      GROUP BY origin)
ORDER BY origin

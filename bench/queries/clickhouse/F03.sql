SELECT origin, n, q[1] AS p50, q[2] AS p90, q[3] AS p99
FROM (SELECT origin, count(delay) AS n, quantiles(0.5, 0.9, 0.99)(delay) AS q
      FROM ${flights}
      GROUP BY origin)
ORDER BY origin

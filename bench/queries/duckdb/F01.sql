SELECT origin, CAST(date AS DATE) AS day, count(*) AS flights, avg(delay) AS mean_delay
FROM ${flights}
GROUP BY origin, CAST(date AS DATE)
ORDER BY origin, day

SELECT origin, toDate(date) AS day, count(*) AS flights, avg(delay) AS mean_delay
FROM ${flights}
GROUP BY origin, toDate(date)
ORDER BY origin, day

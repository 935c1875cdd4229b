-- F01 daily flights and mean delay per origin.
SELECT origin, to_date(date) AS day, count(*) AS flights, avg(delay) AS mean_delay
FROM ${flights}
GROUP BY origin, to_date(date)
ORDER BY origin, day

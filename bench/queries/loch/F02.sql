-- F02 top 20 routes by number of flights.
SELECT origin, destination, count(*) AS flights, avg(delay) AS mean_delay, avg(distance) AS mean_distance
FROM ${flights}
GROUP BY origin, destination
ORDER BY flights DESC, origin, destination
LIMIT 20

SELECT max(date) AS date, sum(delay) AS delay, sum(distance) AS distance, sum(length(origin)) AS origin, sum(length(destination)) AS destination
FROM ${flights}

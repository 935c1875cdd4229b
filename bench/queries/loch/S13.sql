-- S13 full scan: an aggregate over every column of flights-3m.
SELECT max(date) AS date, sum(delay) AS delay, sum(distance) AS distance, sum(length(origin)) AS origin, sum(length(destination)) AS destination
FROM ${flights}

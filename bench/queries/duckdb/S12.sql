SELECT sum(delay) AS delay FROM ${flights}

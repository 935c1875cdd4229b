SELECT count(*) AS n FROM ${flights}

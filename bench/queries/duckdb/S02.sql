SELECT sum(value) AS revenue FROM ${events}

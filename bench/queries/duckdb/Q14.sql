COPY (SELECT * FROM ${events}) TO '${out}' (FORMAT parquet, PARTITION_BY (year, month))

INSERT INTO FUNCTION file('${out}/{_partition_id}/data.parquet', Parquet) PARTITION BY concat('year=', toString(year), '/month=', toString(month)) SELECT * FROM ${events}

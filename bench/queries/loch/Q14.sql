-- Q14 rewrite events as Parquet partitioned by year/month (Hive folders under ${out}).
CREATE TABLE events_by_month USING parquet PARTITIONED BY (year, month) LOCATION '${out}'
AS SELECT * FROM ${events}

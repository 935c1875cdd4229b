// Q05 sessionization: sort by user and time, gap to the previous event of the
// same user (shift over user_id), running sum of new-session flags.
export default (pl, t) =>
  pl.scanParquet(t.events)
    .select('user_id', 'event_id', 'timestamp', 'value')
    .sort(['user_id', 'timestamp', 'event_id'])
    .withColumns(pl.col('timestamp').shift(1).over('user_id').alias('prev_ts'))
    .withColumns(pl.when(pl.col('prev_ts').isNull()
                   .or(pl.col('timestamp').cast(pl.Int64).minus(pl.col('prev_ts').cast(pl.Int64)).gt(30 * 60 * 1e6)))
                   .then(pl.lit(1)).otherwise(pl.lit(0)).alias('new_session'))
    .withColumns(pl.col('new_session').cumSum().over('user_id').alias('session_id'))
    .groupBy(['user_id', 'session_id'])
    .agg(pl.len().alias('events'),
         pl.col('timestamp').max().cast(pl.Int64).minus(pl.col('timestamp').min().cast(pl.Int64)).div(1e6).alias('duration_s'),
         pl.when(pl.col('value').count().gt(0)).then(pl.col('value').sum()).otherwise(pl.lit(null)).alias('revenue'))
    .groupBy('user_id')
    .agg(pl.len().alias('sessions'), pl.col('events').sum().alias('events'), pl.col('duration_s').mean().alias('avg_duration_s'),
         pl.col('duration_s').max().alias('max_duration_s'), pl.when(pl.col('revenue').count().gt(0)).then(pl.col('revenue').sum()).otherwise(pl.lit(null)).alias('revenue'))
    .sort('user_id');

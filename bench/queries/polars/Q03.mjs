// Q03 per-user behavior.
export default (pl, t) =>
  pl.scanParquet(t.events)
    .groupBy('user_id')
    .agg(
      pl.col('event_type').nUnique().alias('event_types'),
      pl.len().alias('events'),
      pl.when(pl.col('value').count().gt(0)).then(pl.col('value').sum()).otherwise(pl.lit(null)).alias('lifetime_value'),
      pl.col('timestamp').min().alias('first_seen'),
      pl.col('timestamp').max().alias('last_seen'),
    )
    .sort('user_id');

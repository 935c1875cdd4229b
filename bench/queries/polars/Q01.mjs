// Q01 daily user activity (days formatted after the aggregation, so the
// output is 'YYYY-MM-DD' like the SQL engines' DATE).
export default (pl, t) =>
  pl.scanParquet(t.events)
    .groupBy(pl.col('timestamp').dt.truncate('1d').alias('day'))
    .agg(
      pl.col('user_id').nUnique().alias('active_users'),
      pl.len().alias('events'),
      pl.col('event_type').eq(pl.lit('purchase')).sum().alias('purchases'),
      pl.col('value').sum().alias('revenue'),
    )
    .sort('day')
    .withColumns(pl.col('day').dt.strftime('%Y-%m-%d'));

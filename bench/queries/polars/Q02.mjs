// Q02 monthly summary per category with distinct users.
export default (pl, t) =>
  pl.scanParquet(t.events)
    .groupBy([pl.col('timestamp').dt.strftime('%Y-%m').alias('month'), pl.col('category')])
    .agg(
      pl.len().alias('events'),
      pl.col('user_id').nUnique().alias('users'),
      pl.col('event_type').eq(pl.lit('purchase')).sum().alias('purchases'),
      pl.col('value').sum().alias('revenue'),
      pl.col('value').mean().alias('avg_order_value'),
    )
    .sort(['month', 'category']);

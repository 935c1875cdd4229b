// Q11 percentiles per category (Polars: exact quantiles, nearest rank).
export default (pl, t) =>
  pl.scanParquet(t.events)
    .filter(pl.col('value').isNotNull())
    .groupBy('category')
    .agg(pl.col('value').count().alias('n'),
         ...[[0.25, 'p25'], [0.5, 'p50'], [0.75, 'p75'], [0.95, 'p95']].map(([q, name]) => pl.col('value').quantile(q, 'nearest').alias(name)))
    .sort('category');

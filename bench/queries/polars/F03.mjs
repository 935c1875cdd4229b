// F03 delay percentiles per origin (Polars: exact quantiles, nearest rank).
export default (pl, t) =>
  pl.scanParquet(t.flights)
    .groupBy('origin')
    .agg(pl.col('delay').count().alias('n'),
         ...[[0.5, 'p50'], [0.9, 'p90'], [0.99, 'p99']].map(([q, name]) => pl.col('delay').quantile(q, 'nearest').alias(name)))
    .sort('origin');

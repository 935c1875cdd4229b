// F02 top 20 routes.
export default (pl, t) =>
  pl.scanParquet(t.flights)
    .groupBy(['origin', 'destination'])
    .agg(pl.len().alias('flights'), pl.col('delay').mean().alias('mean_delay'), pl.col('distance').mean().alias('mean_distance'))
    .sort(['flights', 'origin', 'destination'], [true, false, false])
    .head(20);

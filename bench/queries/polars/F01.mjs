// F01 daily flights and mean delay per origin.
export default (pl, t) =>
  pl.scanParquet(t.flights)
    .groupBy([pl.col('origin'), pl.col('date').dt.truncate('1d').alias('day')])
    .agg(pl.len().alias('flights'), pl.col('delay').mean().alias('mean_delay'))
    .sort(['origin', 'day'])
    .withColumns(pl.col('day').dt.strftime('%Y-%m-%d'));

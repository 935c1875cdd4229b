// F04 rank of origins by monthly volume (rank 'min' = SQL rank()).
export default (pl, t) =>
  pl.scanParquet(t.flights)
    .groupBy([pl.col('date').dt.strftime('%Y-%m').alias('month'), pl.col('origin')])
    .agg(pl.len().alias('flights'))
    .withColumns(pl.col('flights').rank('min', true).over('month').alias('rnk'))
    .sort(['month', 'rnk', 'origin']);

// S03 full scan: an aggregate over every column (strings by byte length).
export default (pl, t) => {
  const len = (c) => pl.col(c).str.lengths().cast(pl.Int64).sum().alias(c);
  return pl.scanParquet(t.events).select(
    pl.col('event_id').sum(), pl.col('user_id').sum(), pl.col('timestamp').max().alias('ts'), len('event_type'),
    pl.col('product_id').sum(), len('category'), pl.col('value').sum(), len('page_url'), len('device_type'), len('country'),
    pl.col('year').cast(pl.Int64).sum(), pl.col('month').cast(pl.Int64).sum(), pl.col('day').cast(pl.Int64).sum());
};

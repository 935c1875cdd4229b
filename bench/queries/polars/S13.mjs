// S13 full scan of flights-3m.
export default (pl, t) => {
  const len = (c) => pl.col(c).str.lengths().cast(pl.Int64).sum().alias(c);
  return pl.scanParquet(t.flights).select(pl.col('date').max(), pl.col('delay').sum(), pl.col('distance').sum(), len('origin'), len('destination'));
};

export default (pl, t) => pl.scanParquet(t.flights).select(pl.col('delay').sum());

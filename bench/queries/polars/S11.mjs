export default (pl, t) => pl.scanParquet(t.flights).select(pl.len().alias('n'));

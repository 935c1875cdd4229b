export default (pl, t) => pl.scanParquet(t.events).select(pl.len().alias('n'));

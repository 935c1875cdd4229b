export default (pl, t) => pl.scanParquet(t.events).select(pl.col('value').sum().alias('revenue'));

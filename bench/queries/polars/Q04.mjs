// Q04 product performance joined with products.
export default (pl, t) => {
  const is = (type) => pl.col('event_type').eq(pl.lit(type)).cast(pl.Int64);
  return pl.scanParquet(t.events)
    .join(pl.scanParquet(t.products), { on: 'product_id' })
    .groupBy(['product_id', 'product_category', 'price'])
    .agg(is('view').sum().alias('views'), is('click').sum().alias('clicks'), is('purchase').sum().alias('purchases'),
         pl.when(pl.col('value').count().gt(0)).then(pl.col('value').sum()).otherwise(pl.lit(null)).alias('revenue'))
    .withColumns(pl.when(pl.col('views').eq(0)).then(pl.lit(null)).otherwise(pl.col('purchases').cast(pl.Float64).div(pl.col('views').cast(pl.Float64))).alias('conversion'))
    .sort('product_id');
};

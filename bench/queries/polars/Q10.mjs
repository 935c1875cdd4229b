// Q10 top 5 products by revenue per category.
export default (pl, t) =>
  pl.scanParquet(t.events)
    .filter(pl.col('event_type').eq(pl.lit('purchase')))
    .groupBy(['category', 'product_id'])
    .agg(pl.len().alias('purchases'), pl.col('value').sum().round(2).alias('revenue'))
    .sort(['category', 'revenue', 'product_id'], [false, true, false])
    .withColumns(pl.col('product_id').cumCount().over('category').alias('rn'))
    .filter(pl.col('rn').ltEq(5))
    .select('category', 'rn', 'product_id', 'purchases', 'revenue')
    .sort(['category', 'rn']);

// Q13 three-way join aggregated by region, product category and user segment.
export default (pl, t) =>
  pl.scanParquet(t.events)
    .join(pl.scanParquet(t.users), { on: 'user_id' })
    .join(pl.scanParquet(t.products), { on: 'product_id' })
    .groupBy(['region', 'product_category', 'user_segment'])
    .agg(pl.len().alias('events'), pl.col('user_id').nUnique().alias('users'), pl.col('value').sum().alias('revenue'),
         pl.col('price').mean().alias('avg_price'))
    .sort(['region', 'product_category', 'user_segment']);

// Q09 CUBE(country, category): Polars has no CUBE; the four grouping sets are
// aggregated separately and concatenated.
export default (pl, t) => {
  const events = pl.scanParquet(t.events);
  const aggs = [pl.len().alias('events'), pl.col('user_id').nUnique().alias('users'), pl.col('value').sum().alias('revenue')];
  const set = (keys) => {
    const g = keys.length ? events.groupBy(keys).agg(...aggs) : events.select(...aggs);
    const nulls = ['country', 'category'].filter((k) => !keys.includes(k)).map((k) => pl.lit(null).cast(pl.Utf8).alias(k));
    return (nulls.length ? g.withColumns(...nulls) : g).select('country', 'category', 'events', 'users', 'revenue');
  };
  return pl.concat([set(['country', 'category']), set(['country']), set(['category']), set([])])
    .sort(['country', 'category'], false, false);
};

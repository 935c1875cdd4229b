// Random query generators for the differential check. Each generator returns
// { kind, spark, duck } — the same question in Spark SQL (run on Loch) and in
// DuckDB's dialect. Where Spark's semantics differ from DuckDB's, the DuckDB
// text is rewritten to compute Spark's answer, and SPARK_VS_DUCKDB below says
// why; Loch always follows Spark.

/**
 * Places where Spark and DuckDB differ, and what the DuckDB side does to
 * compute Spark's answer.
 */
export const SPARK_VS_DUCKDB = {
  nullOrdering: 'Spark sorts NULLs first in ascending order, DuckDB last: every ORDER BY here names NULLS FIRST/LAST.',
  collectList: 'Spark collect_list/collect_set skip NULLs and give [] for no rows; DuckDB list() keeps NULLs and gives NULL: DuckDB uses list(x) FILTER (WHERE x IS NOT NULL) with coalesce(.., []).',
  castToInt: 'Spark CAST(double AS INT) truncates toward zero; DuckDB rounds: DuckDB uses CAST(trunc(c) AS INTEGER).',
  dayofweek: 'Spark dayofweek is 1 = Sunday .. 7 = Saturday; DuckDB dayofweek is 0 = Sunday: DuckDB adds 1.',
  skewness: 'Spark skewness is the population skewness g1; DuckDB skewness is the sample skewness G1 = g1·sqrt(n(n−1))/(n−2): DuckDB converts back, groups with n ≥ 3.',
  kurtosis: 'Spark kurtosis is the population excess kurtosis: DuckDB kurtosis_pop.',
  divideByZero: 'Spark (ANSI, the default) raises DIVIDE_BY_ZERO for x / 0; DuckDB returns NULL: these queries expect Loch to fail with DIVIDE_BY_ZERO.',
  percentile: 'Spark percentile(x, p) and median interpolate linearly: DuckDB quantile_cont / median.',
  datediff: "Spark datediff(end, start): DuckDB date_diff('day', start, end).",
  dateAdd: 'Spark date_add(d, n) returns a date: DuckDB d + n.',
  truncMonth: "Spark trunc(d, 'MM') returns a date; DuckDB date_trunc('month', d) a timestamp: DuckDB casts to DATE.",
  avgDecimal: 'Spark avg(decimal(p, s)) is decimal(p + 4, s + 4), rounded half up; DuckDB avg(decimal) is a double: DuckDB casts it to decimal(p + 4, s + 4).',
  countIf: 'Spark count_if over no true rows is 0; DuckDB count_if over only NULL predicates is NULL: DuckDB uses count(*) FILTER (WHERE p).',
  semiJoin: 'Spark LEFT SEMI / LEFT ANTI JOIN: DuckDB SEMI / ANTI JOIN.',
  rlike: 'Spark s RLIKE p (partial match): DuckDB regexp_matches(s, p).',
  maxBy: 'Spark max_by(x, id) returns x of the row with the largest id, NULL x included: DuckDB arg_max_null(x, id).',
  countDistinctTuple: 'Spark count(DISTINCT a, b) counts distinct tuples with no NULL member: DuckDB counts a row value that is NULL when a member is.',
  ignoreNulls: 'Spark first_value(x) IGNORE NULLS: DuckDB first_value(x IGNORE NULLS).',
};

const both = (text) => ({ spark: text, duck: text });

/** Scalar expressions over t1 (alias-free), as {spark, duck}. */
function scalarExpr(rnd) {
  return rnd.pick([
    () => both('x + 1'),
    () => both('x * 2 - k'),
    () => both('c * 2'),
    () => both('x / 3'),
    () => both('x % 7'),
    () => both('abs(x)'),
    () => both('-c'),
    () => both('round(c, 1)'),
    () => both('floor(c)'),
    () => both('ceil(c)'),
    () => both('sqrt(abs(c))'),
    () => both('greatest(x, k, 3)'),
    () => both('least(c, x)'),
    () => both('coalesce(x, k, -1)'),
    () => both('nullif(k, 2)'),
    () => both("CASE WHEN x > 10 THEN 'big' WHEN x < -10 THEN 'small' ELSE 'mid' END"),
    () => both('CASE k WHEN 1 THEN x WHEN 2 THEN -x END'),
    () => ({ spark: 'if(flag, x, c)', duck: 'CASE WHEN flag THEN x ELSE c END' }),
    () => both('upper(g)'),
    () => both('lower(g)'),
    () => both('length(g)'),
    () => both("g || '-' || CAST(k AS STRING)"),
    () => both('substring(g, 1, 1)'),
    () => both("concat_ws('/', g, CAST(x AS STRING))"),
    () => both("lpad(g, 3, '*')"),
    () => both("replace(g, 'a', 'z')"),
    () => ({ spark: 'CAST(c AS INT)', duck: 'CAST(trunc(c) AS INTEGER)' }),
    () => both('CAST(x AS DOUBLE) / 4'),
    () => both('CAST(c AS DECIMAL(10, 2)) * 3'),
    () => both('year(d) * 100 + month(d)'),
    () => both('day(d)'),
    () => ({ spark: 'dayofweek(d)', duck: 'dayofweek(d) + 1' }),
    () => ({ spark: "datediff(d, DATE '2024-02-01')", duck: "date_diff('day', DATE '2024-02-01', d)" }),
    () => ({ spark: 'date_add(d, 10)', duck: 'd + 10' }),
    () => ({ spark: "trunc(d, 'MM')", duck: "CAST(date_trunc('month', d) AS DATE)" }),
    () => both('last_day(d)'),
    () => both('x IS NULL'),
    () => both('x BETWEEN -5 AND 5'),
    () => both('k IN (1, 3, NULL)'),
    () => both('NOT flag'),
  ])();
}

/** Predicates over t1 (may be NULL), as {spark, duck}. */
function predicate(rnd) {
  return rnd.pick([
    () => both(`x > ${rnd.int(-30, 30)}`),
    () => both(`c <= ${rnd.int(-10, 10)}`),
    () => both(`k = ${rnd.int(0, 5)}`),
    () => both('k IS NOT NULL'),
    () => both('x IS NULL OR c > 0'),
    () => both("g LIKE 'a%'"),
    () => both("g IN ('a', 'B')"),
    () => both("g NOT IN ('a', 'c')"),
    () => both('flag'),
    () => both('NOT flag OR x < 0'),
    () => both("d >= DATE '2024-02-15'"),
    () => both('x BETWEEN k AND 20'),
    () => ({ spark: "g RLIKE '^a'", duck: "regexp_matches(g, '^a')" }),
    () => both('coalesce(x, 0) + coalesce(k, 0) > 3'),
    () => both('(x > 0) = (c > 0)'),
  ])();
}

const AGGREGATES = [
  both('count(*)'),
  both('count(x)'),
  both('count(DISTINCT k)'),
  both('sum(x)'),
  both('sum(c)'),
  both('avg(x)'),
  both('avg(c)'),
  both('min(g)'),
  both('max(d)'),
  both('min(c)'),
  both('max(x)'),
  { spark: 'count_if(x > 0)', duck: 'count(*) FILTER (WHERE x > 0)' },
  both('bool_and(flag)'),
  both('bool_or(flag)'),
  both('stddev(c)'),
  both('stddev_pop(x)'),
  both('var_samp(x)'),
  both('var_pop(c)'),
  both('covar_pop(x, c)'),
  both('covar_samp(x, c)'),
  both('sum(DISTINCT x)'),
  {
    spark: 'count(DISTINCT g, k)',
    duck: 'count(DISTINCT CASE WHEN g IS NOT NULL AND k IS NOT NULL THEN (g, k) END)',
  },
  both('sum(x) FILTER (WHERE c > 0)'),
  both('count(*) FILTER (WHERE flag)'),
  both('sum(CAST(c AS DECIMAL(10, 2)))'),
  { spark: 'avg(CAST(x AS DECIMAL(8, 1)))', duck: 'CAST(avg(CAST(x AS DECIMAL(8, 1))) AS DECIMAL(12, 5))' },
  { spark: 'percentile(c, 0.5)', duck: 'quantile_cont(c, 0.5)' },
  { spark: 'percentile(x, 0.9)', duck: 'quantile_cont(x, 0.9)' },
  { spark: 'median(x)', duck: 'median(x)' },
  { spark: 'max_by(x, id)', duck: 'arg_max_null(x, id)' },
  { spark: 'min_by(g, id)', duck: 'arg_min_null(g, id)' },
  {
    spark: 'sort_array(collect_list(x))',
    duck: 'coalesce(list_sort(list(x) FILTER (WHERE x IS NOT NULL)), [])',
  },
  {
    spark: 'sort_array(collect_set(g))',
    duck: 'coalesce(list_sort(list(DISTINCT g) FILTER (WHERE g IS NOT NULL)), [])',
  },
  { spark: 'kurtosis(c)', duck: 'kurtosis_pop(c)', minRows: 1 },
];

const SKEWNESS = {
  spark: 'skewness(c)',
  duck: 'skewness(c) * (count(c) - 2) / sqrt(count(c) * (count(c) - 1))',
};

// Distinct picks: JSON rows (both engines' output) key columns by name.
function pickDistinct(rnd, items, n) {
  const out = new Set();
  for (let i = 0; i < n; ++i) out.add(rnd.pick(items));
  return [...out];
}

const pickAggregates = (rnd, n) => pickDistinct(rnd, AGGREGATES, n);

const GROUP_KEYS = ['k', 'g', 'flag', 'k, g', 'month(d)', 'x % 3', 'k, flag'];

function selectGroup(rnd) {
  const keys = rnd.pick(GROUP_KEYS);
  const aggs = pickAggregates(rnd, rnd.int(1, 4));
  const where = rnd.chance(0.4) ? predicate(rnd) : null;
  const having = rnd.chance(0.3) ? `count(*) > ${rnd.int(1, 10)}` : null;
  const make = (side) =>
    `SELECT ${keys}, ${aggs.map((a) => a[side]).join(', ')} FROM t1` +
    (where ? ` WHERE ${where[side]}` : '') +
    ` GROUP BY ${keys}` +
    (having ? ` HAVING ${having}` : '');
  return { kind: 'aggregate', spark: make('spark'), duck: make('duck') };
}

function globalAggregate(rnd) {
  const aggs = pickAggregates(rnd, rnd.int(2, 5));
  const where = rnd.chance(0.5) ? predicate(rnd) : null;
  const make = (side) =>
    `SELECT ${aggs.map((a) => a[side]).join(', ')} FROM t1` + (where ? ` WHERE ${where[side]}` : '');
  return { kind: 'aggregate', spark: make('spark'), duck: make('duck') };
}

function skewness(rnd) {
  const keys = rnd.pick(['k', 'g', 'flag']);
  const make = (side) =>
    `SELECT ${keys}, ${SKEWNESS[side]} FROM t1 GROUP BY ${keys} HAVING count(c) >= 3 AND var_pop(c) > 0`;
  return { kind: 'aggregate', spark: make('spark'), duck: make('duck') };
}

function projectFilter(rnd) {
  const exprs = [scalarExpr(rnd), scalarExpr(rnd), scalarExpr(rnd)];
  const where = predicate(rnd);
  const make = (side) => `SELECT id, ${exprs.map((e, i) => `${e[side]} AS e${i}`).join(', ')} FROM t1 WHERE ${where[side]}`;
  return { kind: 'scalar', spark: make('spark'), duck: make('duck') };
}

function join(rnd) {
  const type = rnd.pick(['JOIN', 'LEFT JOIN', 'RIGHT JOIN', 'FULL OUTER JOIN']);
  const extra = rnd.pick(['', ' AND t1.x < t2.y', ' AND t1.g = t2.s', ' AND t2.c > 0']);
  const where = rnd.chance(0.4) ? rnd.pick([' WHERE t1.x > 0', ' WHERE t2.y IS NULL', ' WHERE t1.k IS NULL OR t2.s = \'a\'']) : '';
  if (rnd.chance(0.4)) {
    const agg = rnd.pick(['count(*)', 'count(t2.id)', 'sum(t2.y)', 'max(t1.c + t2.c)', 'count(DISTINCT t2.s)']);
    return { kind: 'join', ...both(`SELECT t1.k, ${agg} FROM t1 ${type} t2 ON t1.k = t2.k${extra}${where} GROUP BY t1.k`) };
  }
  return {
    kind: 'join',
    ...both(`SELECT t1.id AS id1, t2.id AS id2, t1.k AS k1, t2.k AS k2, t1.x, t2.y, t2.s FROM t1 ${type} t2 ON t1.k = t2.k${extra}${where}`),
  };
}

function semiAntiJoin(rnd) {
  const anti = rnd.chance(0.5);
  const cond = rnd.pick(['t1.k = t2.k', 't1.k = t2.k AND t1.x > t2.y', 't1.g = t2.s']);
  return {
    kind: 'join',
    spark: `SELECT t1.id, t1.k, t1.g FROM t1 LEFT ${anti ? 'ANTI' : 'SEMI'} JOIN t2 ON ${cond}`,
    duck: `SELECT t1.id, t1.k, t1.g FROM t1 ${anti ? 'ANTI' : 'SEMI'} JOIN t2 ON ${cond}`,
  };
}

function threeWayJoin(rnd) {
  const type = rnd.pick(['JOIN', 'LEFT JOIN']);
  return {
    kind: 'join',
    ...both(
      `SELECT t3.name, count(*), sum(t2.y), count(DISTINCT t1.id) FROM t1 JOIN t2 ON t1.k = t2.k ${type} t3 ON t2.k = t3.k GROUP BY t3.name`,
    ),
  };
}

function subquery(rnd) {
  return {
    kind: 'subquery',
    ...both(
      rnd.pick([
        'SELECT id, k FROM t1 WHERE k IN (SELECT k FROM t2 WHERE y > 10)',
        'SELECT id, k FROM t1 WHERE k NOT IN (SELECT k FROM t2 WHERE y > 10)',
        'SELECT id, k FROM t1 WHERE k NOT IN (SELECT k FROM t2 WHERE k IS NOT NULL AND y > 0)',
        'SELECT id, k FROM t1 WHERE x NOT IN (SELECT y FROM t2 WHERE s = \'zz\')',
        'SELECT id FROM t1 WHERE EXISTS (SELECT 1 FROM t2 WHERE t2.k = t1.k AND t2.y > t1.x)',
        'SELECT id FROM t1 WHERE NOT EXISTS (SELECT 1 FROM t2 WHERE t2.k = t1.k)',
        'SELECT id, (SELECT max(y) FROM t2 WHERE t2.k = t1.k) FROM t1',
        'SELECT id, (SELECT count(*) FROM t2 WHERE t2.k = t1.k) FROM t1',
        'SELECT id, x FROM t1 WHERE x > (SELECT avg(y) FROM t2)',
        'SELECT id, x FROM t1 WHERE c > (SELECT avg(c) FROM t2 WHERE t2.k = t1.k)',
        'SELECT k, count(*) FROM t1 WHERE k IN (SELECT k FROM t2) OR x IS NULL GROUP BY k',
        'SELECT id FROM t1 WHERE (k, g) IN (SELECT k, s FROM t2)',
      ]),
    ),
  };
}

const ORDERS = [
  'x ASC NULLS FIRST, id',
  'c DESC NULLS LAST, id',
  'd ASC NULLS LAST, id DESC',
  'id',
  'g ASC NULLS FIRST, id',
];

const FRAMES = [
  '',
  ' ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW',
  ' ROWS BETWEEN 2 PRECEDING AND 1 FOLLOWING',
  ' ROWS BETWEEN 1 FOLLOWING AND 3 FOLLOWING',
  ' ROWS BETWEEN CURRENT ROW AND UNBOUNDED FOLLOWING',
  ' ROWS BETWEEN 3 PRECEDING AND 1 PRECEDING',
];

function windowQuery(rnd) {
  const partition = rnd.pick(['', 'PARTITION BY k ', 'PARTITION BY g ', 'PARTITION BY k, flag ']);
  const order = rnd.pick(ORDERS);
  const frame = rnd.pick(FRAMES);
  const ranking = [
    both('row_number()'),
    both('rank()'),
    both('dense_rank()'),
    both('percent_rank()'),
    both('cume_dist()'),
    both(`ntile(${rnd.int(2, 5)})`),
    both(`lag(x, ${rnd.int(1, 3)}) `),
    both('lead(c, 1, -1.0)'),
    both('lag(g, 2, \'none\')'),
  ];
  const framed = [
    both('sum(x)'),
    both('avg(c)'),
    both('min(g)'),
    both('max(c)'),
    both('count(x)'),
    both('count(*)'),
    both('first_value(x)'),
    both('last_value(c)'),
    both('nth_value(x, 2)'),
    { spark: 'first_value(x) IGNORE NULLS', duck: 'first_value(x IGNORE NULLS)' },
    { spark: 'last_value(c) IGNORE NULLS', duck: 'last_value(c IGNORE NULLS)' },
  ];
  const funcs = [];
  for (let i = rnd.int(1, 3); i > 0; --i) {
    if (rnd.chance(0.5)) funcs.push({ f: rnd.pick(ranking), frame: '' });
    else funcs.push({ f: rnd.pick(framed), frame });
  }
  const make = (side) =>
    `SELECT id, ${funcs.map(({ f, frame: fr }, i) => `${f[side]} OVER (${partition}ORDER BY ${order}${fr}) AS w${i}`).join(', ')} FROM t1`;
  return { kind: 'window', spark: make('spark'), duck: make('duck') };
}

function rangeWindow(rnd) {
  return {
    kind: 'window',
    ...both(
      rnd.pick([
        'SELECT id, sum(c) OVER (PARTITION BY k ORDER BY x ASC NULLS FIRST RANGE BETWEEN 5 PRECEDING AND CURRENT ROW) FROM t1',
        'SELECT id, count(*) OVER (ORDER BY x DESC NULLS LAST RANGE BETWEEN 2 PRECEDING AND 2 FOLLOWING) FROM t1',
        'SELECT id, max(x) OVER (PARTITION BY g ORDER BY d ASC NULLS FIRST RANGE BETWEEN INTERVAL 7 DAYS PRECEDING AND CURRENT ROW) FROM t1',
        'SELECT id, sum(x) OVER (ORDER BY c ASC NULLS LAST RANGE BETWEEN CURRENT ROW AND 3.5 FOLLOWING) FROM t1',
        'SELECT id, avg(x) OVER (PARTITION BY k ORDER BY c ASC NULLS FIRST) FROM t1',
        'SELECT id, sum(x) OVER (PARTITION BY k) FROM t1',
        'SELECT id, count(x) OVER () FROM t1',
        'SELECT id, sum(x) OVER (PARTITION BY k ORDER BY d ASC NULLS FIRST RANGE BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING) FROM t1',
      ]),
    ),
  };
}

function setOperation(rnd) {
  const op = rnd.pick(['UNION', 'UNION ALL', 'INTERSECT', 'EXCEPT', 'INTERSECT ALL', 'EXCEPT ALL']);
  return { kind: 'set', ...both(`SELECT k, g FROM t1 WHERE x > 0 ${op} SELECT k, s FROM t2 WHERE y < 30`) };
}

function groupingSets(rnd) {
  const [cols, spec] = rnd.pick([
    ['k, g', 'ROLLUP (k, g)'],
    ['k, flag', 'CUBE (k, flag)'],
    ['k, g', 'GROUPING SETS ((k), (g), ())'],
    ['g, month(d)', 'ROLLUP (g, month(d))'],
  ]);
  const agg = rnd.pick(['count(*)', 'sum(x)', 'avg(c)', 'max(g)', 'count(DISTINCT x)']);
  return { kind: 'grouping', ...both(`SELECT ${cols}, ${agg} FROM t1 GROUP BY ${spec}`) };
}

function orderLimit(rnd) {
  const e = scalarExpr(rnd);
  const n = rnd.int(1, 30);
  const make = (side) =>
    `SELECT id, ${e[side]} AS v FROM t1 ORDER BY v ASC NULLS FIRST, id DESC LIMIT ${n}`;
  return { kind: 'order', spark: make('spark'), duck: make('duck'), ordered: true };
}

function distinctCte(rnd) {
  return {
    kind: 'cte',
    ...both(
      rnd.pick([
        'WITH a AS (SELECT k, sum(x) s FROM t1 GROUP BY k), b AS (SELECT k, count(*) n FROM t2 GROUP BY k) SELECT a.k, s, n FROM a FULL JOIN b ON a.k = b.k',
        'WITH a AS (SELECT DISTINCT k, g FROM t1) SELECT g, count(*) FROM a GROUP BY g',
        'SELECT DISTINCT k, flag FROM t1',
        'WITH r AS (SELECT id, k, row_number() OVER (PARTITION BY k ORDER BY c DESC NULLS LAST, id) rn FROM t1) SELECT k, id FROM r WHERE rn <= 2',
        'SELECT k, cnt FROM (SELECT k, count(*) AS cnt FROM t1 GROUP BY k) sub WHERE cnt > 20',
      ]),
    ),
  };
}

function divideByZero(rnd) {
  const q = rnd.pick(['SELECT id, x / (k - k) FROM t1 WHERE k IS NOT NULL', 'SELECT sum(x) / 0 FROM t1']);
  return { kind: 'error', spark: q, duck: q, sparkError: 'DIVIDE_BY_ZERO' };
}

/** Weighted generators: aggregates and windows get the largest share (issues 3 and 5). */
const GENERATORS = [
  [selectGroup, 6],
  [globalAggregate, 3],
  [skewness, 1],
  [projectFilter, 5],
  [join, 4],
  [semiAntiJoin, 2],
  [threeWayJoin, 1],
  [subquery, 3],
  [windowQuery, 6],
  [rangeWindow, 2],
  [setOperation, 2],
  [groupingSets, 2],
  [orderLimit, 2],
  [distinctCte, 2],
  [divideByZero, 0.3],
];

/** Generates `count` queries from the seeded `rnd`. */
export function generateQueries(rnd, count) {
  const total = GENERATORS.reduce((s, [, w]) => s + w, 0);
  const out = [];
  for (let i = 0; i < count; ++i) {
    let r = rnd.next() * total;
    let gen = GENERATORS[0][0];
    for (const [g, w] of GENERATORS) {
      if (r < w) {
        gen = g;
        break;
      }
      r -= w;
    }
    out.push({ kind: 'query', ...gen(rnd) });
  }
  return out;
}

// Random tables with NULLs for the differential check, written once as
// Parquet by DuckDB so both engines read the very same files.
//
// Doubles are multiples of 1/4 so that sums are exact in any order (a
// differential check must not fail on summation order); ids are unique so
// that window functions with an id tie-break are deterministic.

/** Mulberry32: a small seeded PRNG (returns floats in [0, 1)). */
export function makeRandom(seed) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (lo, hi) => lo + Math.floor(next() * (hi - lo + 1)),
    pick: (items) => items[Math.floor(next() * items.length)],
    chance: (p) => next() < p,
  };
}

const sqlText = (v) => (v === null ? 'NULL' : typeof v === 'string' ? `'${v.replace(/'/g, "''")}'` : String(v));

/**
 * Column generators per table: name → SQL type and value function.
 * t1: 240 rows; t2: 160 rows (keys overlap t1's partly); t3: 9 rows (a
 * dimension with a duplicate key and a NULL key).
 */
export function tableSpecs(rnd) {
  const maybe = (p, f) => () => (rnd.chance(p) ? null : f());
  const day = () => {
    const d = new Date(Date.UTC(2024, 0, 1) + rnd.int(0, 75) * 86400000);
    return d.toISOString().slice(0, 10);
  };
  return {
    t1: {
      rows: 240,
      columns: {
        id: ['INTEGER', null],
        k: ['INTEGER', maybe(0.12, () => rnd.int(0, 5))],
        g: ['VARCHAR', maybe(0.1, () => rnd.pick(['a', 'b', 'c', 'B', 'ab', '']))],
        x: ['INTEGER', maybe(0.15, () => rnd.int(-50, 50))],
        c: ['DOUBLE', maybe(0.15, () => rnd.int(-80, 80) / 4)],
        d: ['DATE', maybe(0.1, day)],
        flag: ['BOOLEAN', maybe(0.2, () => rnd.chance(0.5))],
      },
    },
    t2: {
      rows: 160,
      columns: {
        id: ['INTEGER', null],
        k: ['INTEGER', maybe(0.15, () => rnd.int(2, 8))],
        y: ['INTEGER', maybe(0.1, () => rnd.int(-20, 60))],
        s: ['VARCHAR', maybe(0.1, () => rnd.pick(['a', 'b', 'x', 'yy', 'B']))],
        c: ['DOUBLE', maybe(0.1, () => rnd.int(-40, 40) / 4)],
      },
    },
    t3: {
      rows: 9,
      columns: {
        k: ['INTEGER', null],
        name: ['VARCHAR', () => rnd.pick(['north', 'south', 'east', 'west'])],
      },
    },
  };
}

/** The VALUES text of one table (id = row number; t3.k: 0..6, a duplicate 3 and a NULL). */
export function tableSelect(name, spec) {
  const cols = Object.entries(spec.columns);
  const rows = [];
  for (let r = 0; r < spec.rows; ++r) {
    const values = cols.map(([col, [, gen]]) => {
      if (gen !== null) return sqlText(gen());
      if (name === 't3') return r < 7 ? String(r) : r === 7 ? '3' : 'NULL';
      return String(r + 1);
    });
    rows.push(`(${values.join(', ')})`);
  }
  const casts = cols.map(([col, [type]], i) => `CAST(col${i} AS ${type}) AS ${col}`).join(', ');
  return `SELECT ${casts} FROM (VALUES ${rows.join(',\n')}) v(${cols.map((_, i) => `col${i}`).join(', ')})`;
}

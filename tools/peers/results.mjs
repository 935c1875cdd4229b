// Result comparison shared by the differential tests and the benchmark
// harness: rows from Loch (`loch sql --mode json`, one JSON object per line)
// and from a peer (DuckDB's getRowObjectsJson(), Polars, chdb JSONEachRow)
// are compared by column position, ignoring column names, with floating
// point equal within a relative tolerance (default 1e-9).

/** Parses JSON Lines text into an array of row objects. */
export function parseJsonLines(text) {
  return text.split('\n').filter((l) => l.trim() !== '').map((l) => JSON.parse(l));
}

const NUMERIC = /^[+-]?(\d+\.?\d*([eE][+-]?\d+)?|\.\d+([eE][+-]?\d+)?)$/;

/**
 * Canonical form of one value: null, {n: number, i: integer text or null},
 * a string, or arrays (lists; structs and maps as ['obj', [key, value]...]
 * in their order). DuckDB's maps ([{key, value}, ...]) and Loch's
 * ({key: value}) agree here.
 */
export function canonical(v) {
  if (v === null || v === undefined) return null;
  if (typeof v === 'bigint') return { n: Number(v), i: v.toString() };
  if (typeof v === 'number') return { n: v, i: Number.isInteger(v) && Math.abs(v) < 2 ** 53 ? String(v) : null };
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (typeof v === 'string') {
    if (NUMERIC.test(v)) {
      const intText = /^[+-]?\d+$/.test(v) ? BigInt(v).toString() : null;
      // Decimal text such as "2.50" is an integer when its fraction is zero.
      const n = Number(v);
      return { n, i: intText ?? (Number.isInteger(n) && Math.abs(n) < 2 ** 53 ? String(n) : null) };
    }
    if (v === 'NaN' || v === 'Infinity' || v === '-Infinity') return { n: Number(v), i: null };
    return v;
  }
  if (v instanceof Date) return v.toISOString();
  if (Array.isArray(v)) {
    if (v.length > 0 && v.every((e) => e && typeof e === 'object' && !Array.isArray(e) && 'key' in e && 'value' in e && Object.keys(e).length === 2)) {
      return ['obj', ...v.map((e) => [String(e.key), canonical(e.value)])];
    }
    return v.map(canonical);
  }
  return ['obj', ...Object.entries(v).map(([k, x]) => [k, canonical(x)])];
}

/** A string that orders canonical values; floats rounded to 9 digits so near-equal rows sort together. */
export function sortKey(c) {
  if (c === null) return '\u0000';
  if (typeof c === 'string') return 's' + c;
  if (Array.isArray(c)) return '[' + c.map(sortKey).join('\u0001') + ']';
  if (Number.isNaN(c.n)) return 'nNaN';
  return 'n' + (c.i ?? c.n.toPrecision(9));
}

function valuesEqual(a, b, relTol) {
  if (a === null || b === null) return a === b;
  if (typeof a === 'string' || typeof b === 'string') return a === b;
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    return a.every((x, k) => valuesEqual(x, b[k], relTol));
  }
  // Integers compare exactly, unless the column is declared approximate.
  if (a.i !== null && b.i !== null && relTol <= 1e-9) return a.i === b.i;
  if (Number.isNaN(a.n) || Number.isNaN(b.n)) return Number.isNaN(a.n) && Number.isNaN(b.n);
  if (a.n === b.n) return true;
  const scale = Math.max(Math.abs(a.n), Math.abs(b.n));
  return Math.abs(a.n - b.n) <= relTol * scale;
}

/** Rows (objects or arrays) → arrays of canonical values; `prepare` maps each raw value first. */
export function canonicalRows(rows, prepare = (v) => v) {
  return rows.map((r) => (Array.isArray(r) ? r : Object.values(r)).map((v) => canonical(prepare(v))));
}

const showRow = (row) => JSON.stringify(row.map((x) => (x && typeof x === 'object' && 'n' in x ? (x.i ?? x.n) : x)));

/**
 * Compares two result sets by column position. Options: ordered (default
 * false: both sides are sorted first), relTol (default 1e-9), approx
 * ({cols: [column indexes], relTol}: columns compared with that looser
 * tolerance and left out of the sort key), prepare (maps each raw value
 * before comparison, e.g. to normalise timestamp text). Returns null when
 * equal, else a message naming the first differing row.
 */
export function compareResults(left, right, { ordered = false, relTol = 1e-9, approx = null, prepare } = {}) {
  const approxCols = new Set(approx?.cols ?? []);
  let a = canonicalRows(left, prepare), b = canonicalRows(right, prepare);
  if (a.length !== b.length) return `row count differs: ${a.length} vs ${b.length}`;
  if (!ordered) {
    const key = (row) => row.filter((_, c) => !approxCols.has(c)).map(sortKey).join('\u0002');
    const sort = (rows) => rows.map((r) => [key(r), r]).sort((x, y) => (x[0] < y[0] ? -1 : x[0] > y[0] ? 1 : 0)).map((p) => p[1]);
    a = sort(a);
    b = sort(b);
  }
  for (let r = 0; r < a.length; ++r) {
    if (a[r].length !== b[r].length) return `row ${r}: column count differs: ${a[r].length} vs ${b[r].length}`;
    for (let c = 0; c < a[r].length; ++c) {
      const tol = approxCols.has(c) ? approx.relTol : relTol;
      if (!valuesEqual(a[r][c], b[r][c], tol)) return `row ${r}, column ${c}: ${showRow(a[r])} vs ${showRow(b[r])}`;
    }
  }
  return null;
}

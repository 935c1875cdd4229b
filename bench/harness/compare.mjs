// Result check across engines: rows are normalised (timestamps written as
// 'YYYY-MM-DD HH:MM:SS[.ffffff]' whatever the engine's text or Date form),
// turned into canonical values (tools/peers/results.mjs), sorted, and
// compared by column position: exactly for integers and strings, within
// 1e-9 relative for floating point, and within a query's documented looser
// tolerance for the columns it declares approximate.
import { canonical, sortKey } from '../../tools/peers/results.mjs';

const TIMESTAMP = /^(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2}:\d{2})(\.\d+)?(Z|[+-]00(:?00)?)?$/;

/** One value → a form the engines agree on (timestamps, Dates, bigint). */
export function normalizeValue(v) {
  if (v instanceof Date) v = v.toISOString();
  if (typeof v === 'string') {
    const m = TIMESTAMP.exec(v);
    if (m) {
      const frac = (m[3] ?? '').replace(/0+$/, '');
      return `${m[1]} ${m[2]}${frac === '.' ? '' : frac}`;
    }
    return v;
  }
  if (Array.isArray(v)) return v.map(normalizeValue);
  if (v && typeof v === 'object' && typeof v !== 'bigint') {
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, normalizeValue(x)]));
  }
  return v;
}

function valueEqual(a, b, relTol) {
  if (a === null || b === null) return a === b;
  if (typeof a === 'string' || typeof b === 'string') return a === b;
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    return a.every((x, k) => valueEqual(x, b[k], relTol));
  }
  if (a.i !== null && b.i !== null && relTol <= 1e-9) return a.i === b.i;  // integers: exact
  if (Number.isNaN(a.n) || Number.isNaN(b.n)) return Number.isNaN(a.n) && Number.isNaN(b.n);
  if (a.n === b.n) return true;
  return Math.abs(a.n - b.n) <= relTol * Math.max(Math.abs(a.n), Math.abs(b.n));
}

/**
 * Compares two result sets (arrays of row objects or arrays).
 * options.approx: {cols: [column indexes], relTol} compared with relTol and
 * left out of the sort key; other floats use 1e-9 relative, integers exact.
 * Returns null when equal, else a message naming the first difference.
 */
export function compareRows(left, right, { approx = null } = {}) {
  const approxCols = new Set(approx?.cols ?? []);
  const canon = (rows) => rows.map((r) => (Array.isArray(r) ? r : Object.values(r)).map((v) => canonical(normalizeValue(v))));
  const key = (row) => row.filter((_, c) => !approxCols.has(c)).map(sortKey).join('\u0002');
  const sort = (rows) => rows.map((r) => [key(r), r]).sort((x, y) => (x[0] < y[0] ? -1 : x[0] > y[0] ? 1 : 0)).map((p) => p[1]);
  const a = sort(canon(left)), b = sort(canon(right));
  if (a.length !== b.length) return `row count differs: ${a.length} vs ${b.length}`;
  for (let r = 0; r < a.length; ++r) {
    if (a[r].length !== b[r].length) return `column count differs: ${a[r].length} vs ${b[r].length}`;
    for (let c = 0; c < a[r].length; ++c) {
      const tol = approxCols.has(c) ? approx.relTol : 1e-9;
      if (!valueEqual(a[r][c], b[r][c], tol)) {
        const show = (row) => JSON.stringify(row.map((x) => (x && typeof x === 'object' && 'n' in x ? (x.i ?? x.n) : x)));
        return `row ${r}, column ${c}: ${show(a[r])} vs ${show(b[r])}`;
      }
    }
  }
  return null;
}

// Result check across engines: rows are normalised (timestamps written as
// 'YYYY-MM-DD HH:MM:SS[.ffffff]' whatever the engine's text or Date form),
// then compared by tools/peers/results.mjs (canonical values, sorted, by
// column position): exactly for integers and strings, within
// 1e-9 relative for floating point, and within a query's documented looser
// tolerance for the columns it declares approximate.
import { compareResults } from '../../tools/peers/results.mjs';

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

/**
 * Compares two result sets (arrays of row objects or arrays), sorted.
 * options.approx: {cols: [column indexes], relTol} compared with relTol and
 * left out of the sort key; other floats use 1e-9 relative, integers exact.
 * Returns null when equal, else a message naming the first difference.
 */
export function compareRows(left, right, { approx = null } = {}) {
  return compareResults(left, right, { approx, prepare: normalizeValue });
}

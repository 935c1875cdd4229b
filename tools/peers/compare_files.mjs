// Compares rows Loch produced (a JSON Lines file, one JSON array or object
// per row, e.g. written by tests/io/peer_check.h) with what a peer reads,
// using compareResults from results.mjs. The peer runs in-process, so large
// results never go through a pipe.
//
// Usage:
//   node tools/peers/compare_files.mjs --loch rows.jsonl --duckdb "<sql>" [--ordered] [--rel-tol 1e-9]
//   node tools/peers/compare_files.mjs --loch rows.jsonl --polars file.parquet [--ordered]
//   node tools/peers/compare_files.mjs --loch rows.jsonl --duckdb "<sql>" --in-duckdb
// --in-duckdb (for large flat results; always ordered): DuckDB loads the
// Loch rows (objects keyed c0, c1, ... by position) with read_json typed as
// the query's columns, and compares both in file order inside DuckDB, each
// column with IS DISTINCT FROM (exact; NaN equals NaN). Converting millions
// of values to JS is what makes the default path slow.
// DuckDB runs with TimeZone=UTC; `--duckdb` may hold several statements
// separated by ';' at line ends (the last one's rows are compared).
// Polars (nodejs-polars readParquet) rows: top-level datetimes and decimals
// are cast to text first (JS Dates hold only ms; decimals do not convert),
// binary becomes DuckDB's "\xHH" text; a struct of all-NULL fields counts
// as NULL on both sides (see collapseNullStructs).
// Before comparing, timestamp text on both sides is normalised to UTC
// "yyyy-MM-dd HH:mm:ss[.ffffff]" (offsets applied, trailing zeros dropped),
// so TIMESTAMP, TIMESTAMPTZ "…+00" and ISO "…T…Z" forms agree in meaning.
// Exit status: 0 equal, 1 different (message on stdout), 2 usage or peer error.
import { readFileSync } from 'node:fs';
import { compareResults, parseJsonLines } from './results.mjs';

const args = process.argv.slice(2);
const opts = { ordered: false, relTol: 1e-9 };
for (let i = 0; i < args.length; ++i) {
  const a = args[i];
  if (a === '--loch') opts.loch = args[++i];
  else if (a === '--duckdb') opts.duckdb = args[++i];
  else if (a === '--polars') opts.polars = args[++i];
  else if (a === '--ordered') opts.ordered = true;
  else if (a === '--in-duckdb') opts.inDuckdb = true;
  else if (a === '--rel-tol') opts.relTol = Number(args[++i]);
  else {
    console.log(`compare_files: unknown argument ${a}`);
    process.exit(2);
  }
}
if (!opts.loch || (!opts.duckdb && !opts.polars)) {
  console.log('usage: compare_files.mjs --loch rows.jsonl (--duckdb "<sql>" | --polars file.parquet) [--ordered] [--rel-tol x]');
  process.exit(2);
}

const TIMESTAMP = /^([+-]?\d{4,})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?(Z|[+-]\d{2}(?::?\d{2})?)?$/;

const BC = /^(\d{4,})(-\d{2}-\d{2}.*) \(BC\)$/;

/** DuckDB's "0002-12-03 (BC)" as the proleptic astronomical year Loch and Spark print: "-0001-12-03". */
function fromBc(text) {
  const m = BC.exec(text);
  if (!m) return text;
  const year = 1 - Number(m[1]);
  return (year < 0 ? '-' : '') + String(Math.abs(year)).padStart(4, '0') + m[2];
}

/** UTC "yyyy-MM-dd HH:mm:ss[.ffffff]" of timestamp text, or the text unchanged. */
export function normalizeTimestamp(text) {
  text = fromBc(text);
  const m = TIMESTAMP.exec(text);
  if (!m) return text;
  let [, y, mo, d, h, mi, s, frac = '', zone] = m;
  // setUTCFullYear, not Date.UTC: Date.UTC maps years 0..99 to 1900..1999.
  const start = new Date(0);
  start.setUTCFullYear(Number(y), Number(mo) - 1, Number(d));
  start.setUTCHours(Number(h), Number(mi), Number(s), 0);
  let ms = start.getTime();
  if (zone && zone !== 'Z') {
    const sign = zone[0] === '-' ? -1 : 1;
    const digits = zone.slice(1).replace(':', '');
    const offsetMin = Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2, 4) || '0');
    ms -= sign * offsetMin * 60000;
  }
  const dt = new Date(ms);
  if (Number.isNaN(dt.getTime())) return text;
  const iso = dt.toISOString(); // yyyy-MM-ddTHH:mm:ss.000Z (or ±yyyyyy for far years)
  const base = iso.slice(0, iso.indexOf('T')) + ' ' + iso.slice(iso.indexOf('T') + 1, iso.indexOf('.'));
  frac = frac.replace(/0+$/, '');
  return frac ? `${base}.${frac}` : base;
}

function blobText(bytes) {
  let out = '';
  for (const c of bytes) {
    out += c >= 0x20 && c < 0x7f && c !== 0x5c ? String.fromCharCode(c) : '\\x' + c.toString(16).toUpperCase().padStart(2, '0');
  }
  return out;
}

function normalize(v) {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string') return normalizeTimestamp(v);
  if (v instanceof Uint8Array) return blobText(v);
  if (v instanceof Date) return normalizeTimestamp(v.toISOString());
  if (Array.isArray(v)) return v.map(normalize);
  if (typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, normalize(x)]));
  return v;
}

function normalizeRows(rows) {
  return rows.map((r) => (Array.isArray(r) ? r : Object.values(r)).map(normalize));
}

// nodejs-polars hands a NULL struct to JS as an object of NULL fields
// (Polars itself has it as NULL: `isNull()` is true). For Polars
// comparisons both sides get the same lossy reading: a struct whose fields
// are all NULL counts as NULL.
function collapseNullStructs(v) {
  if (v === null || typeof v !== 'object') return v;
  if (Array.isArray(v)) return v.map(collapseNullStructs);
  const entries = Object.entries(v);
  const isMapEntry = entries.length === 2 && 'key' in v && 'value' in v;
  if (!isMapEntry && entries.length > 0 && entries.every(([, x]) => x === null)) return null;
  return Object.fromEntries(entries.map(([k, x]) => [k, collapseNullStructs(x)]));
}

async function duckdbRows(sql) {
  const { DuckDBInstance } = await import('@duckdb/node-api');
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  await connection.run("SET TimeZone='UTC'");
  const statements = sql.split(/;\s*(?:\n|$)/).map((s) => s.trim()).filter((s) => s !== '');
  let reader = null;
  for (const s of statements) reader = await connection.runAndReadAll(s);
  return reader ? reader.getRowsJson() : [];
}

// nodejs-polars cannot hand binary or decimals to JS, and JS Dates hold
// only milliseconds: those top-level columns are converted in Polars first
// (binary → list<u8> → "\xHH" text, decimal and datetime → text).
async function polarsRows(path) {
  const pl = (await import('nodejs-polars')).default;
  let df = pl.readParquet(path);
  const casts = [];
  const binary = new Set();
  for (const name of df.columns) {
    let type;
    try {
      type = String(df.getColumn(name).dtype);
    } catch {
      binary.add(name); // "DataType Binary is not supported for JS conversion"
      casts.push(pl.col(name).cast(pl.List(pl.UInt8)));
      continue;
    }
    if (/^DataType\((Datetime|Decimal|Date)/.test(type)) casts.push(pl.col(name).cast(pl.Utf8));
  }
  if (casts.length) df = df.withColumns(...casts);
  // Column-wise: toRecords() fails on one-row frames with struct columns ("StructOwned").
  const columns = df.toObject();
  const names = df.columns;
  const rows = [];
  for (let r = 0; r < df.height; ++r) {
    rows.push(names.map((n) => {
      const v = columns[n][r];
      return binary.has(n) && v !== null && v !== undefined ? blobText(v) : v;
    }));
  }
  return rows;
}

function sqlText(s) {
  return "'" + s.replaceAll("'", "''") + "'";
}

/** Compares inside DuckDB; returns null when equal, else a message, and the row count. */
async function compareInDuckDb(lochPath, sql) {
  const { DuckDBInstance } = await import('@duckdb/node-api');
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  await connection.run("SET TimeZone='UTC'");
  const statements = sql.split(/;\s*(?:\n|$)/).map((s) => s.trim()).filter((s) => s !== '');
  const last = statements.pop();
  for (const s of statements) await connection.run(s);
  await connection.run(`CREATE TABLE peer AS ${last}`);
  const columns = (await connection.runAndReadAll(
    "SELECT column_name, data_type FROM information_schema.columns WHERE table_name = 'peer' ORDER BY ordinal_position",
  )).getRowsJson();
  const spec = columns.map(([, type], i) => `'c${i}': ${sqlText(type)}`).join(', ');
  await connection.run(
    `CREATE TABLE loch AS SELECT * FROM read_json(${sqlText(lochPath)}, format = 'newline_delimited', columns = {${spec}})`);
  const [[peerCount, lochCount]] = (await connection.runAndReadAll(
    'SELECT (SELECT count(*) FROM peer), (SELECT count(*) FROM loch)')).getRowsJson();
  if (Number(peerCount) !== Number(lochCount)) return [`row count differs: ${lochCount} vs ${peerCount}`, lochCount];
  const quote = (name) => '"' + name.replaceAll('"', '""') + '"';
  const differs = columns.map(([name], i) => `p.${quote(name)} IS DISTINCT FROM l.c${i}`).join(' OR ');
  const diff = (await connection.runAndReadAll(
    `SELECT p.rowid AS row, to_json(l) AS loch, to_json(p) AS peer FROM peer p JOIN loch l ON p.rowid = l.rowid
     WHERE ${differs} ORDER BY p.rowid LIMIT 1`)).getRowsJson();
  if (diff.length) return [`row ${diff[0][0]}: ${JSON.stringify(diff[0][1])} vs ${JSON.stringify(diff[0][2])}`, lochCount];
  return [null, lochCount];
}

try {
  if (opts.inDuckdb) {
    if (!opts.duckdb) throw new Error('--in-duckdb needs --duckdb "<sql>"');
    const [diff, count] = await compareInDuckDb(opts.loch, opts.duckdb);
    if (diff) {
      console.log(`different (duckdb): ${diff}`);
      process.exit(1);
    }
    console.log(`equal: ${count} rows`);
    process.exit(0);
  }
  let left = normalizeRows(parseJsonLines(readFileSync(opts.loch, 'utf8')));
  const peerRows = opts.duckdb ? await duckdbRows(opts.duckdb) : await polarsRows(opts.polars);
  let right = normalizeRows(peerRows);
  if (opts.polars) {
    left = left.map((r) => r.map(collapseNullStructs));
    right = right.map((r) => r.map(collapseNullStructs));
  }
  const diff = compareResults(left, right, { ordered: opts.ordered, relTol: opts.relTol });
  if (diff) {
    console.log(`different (${opts.duckdb ? 'duckdb' : 'polars'}): ${diff}`);
    process.exit(1);
  }
  console.log(`equal: ${left.length} rows`);
} catch (e) {
  console.log(`compare_files: ${e.stack ?? e.message}`);
  process.exit(2);
}

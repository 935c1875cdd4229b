// Benchmark driver: runs every selected query on every selected engine, each
// run in its own process under /usr/bin/time (peak RSS), one warm-up then
// --runs timed runs in alternation (Loch, DuckDB, Polars, ClickHouse, Loch,
// ...), checks that the engines' results agree, and writes bench/RESULTS.md
// plus bench/results/latest.json. Normally started by scripts/bench.sh.
//
// Usage: node bench/harness/bench.mjs --loch PATH [--rows 1M,10M] [--runs 5]
//          [--engines loch,duckdb,polars,clickhouse] [--queries Q01,F02,...]
//          [--timeout SECONDS] [--output bench/RESULTS.md]
// Time per run: Loch, the `loch sql` process's wall time (start-up and JSON
// output included); the peers, the time their runner measures from creating
// the engine to holding the result rows (node's start and the library load
// excluded; see peers.mjs). Both are reported in latest.json.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync, mkdtempSync } from 'node:fs';
import { resolve, join } from 'node:path';
import { tmpdir } from 'node:os';
import { QUERIES } from '../queries/queries.mjs';
import { compareRows } from './compare.mjs';
import { substitute } from './peers.mjs';
import { writeReport } from './report.mjs';

const ROOT = resolve(new URL('../..', import.meta.url).pathname);
const HERE = join(ROOT, 'bench/harness');
const ENGINES = {
  loch: { label: 'Loch', file: (id) => `bench/queries/loch/${id}.sql` },
  duckdb: { label: 'DuckDB', file: (id) => `bench/queries/duckdb/${id}.sql`, runner: 'run_duckdb.mjs' },
  polars: { label: 'Polars', file: (id) => `bench/queries/polars/${id}.mjs`, runner: 'run_polars.mjs' },
  clickhouse: { label: 'ClickHouse', file: (id) => `bench/queries/clickhouse/${id}.sql`, runner: 'run_clickhouse.mjs' },
};

function parseRows(text) {
  const m = /^(\d+(?:\.\d+)?)([kKmM]?)$/.exec(text.trim());
  if (!m) throw new Error(`--rows: bad size '${text}'`);
  return Math.round(Number(m[1]) * { '': 1, k: 1e3, K: 1e3, m: 1e6, M: 1e6 }[m[2]]);
}
const label = (n) => (n % 1e6 === 0 ? `${n / 1e6}M` : n % 1e3 === 0 ? `${n / 1e3}K` : String(n));

function parseArgs(argv) {
  const o = { rows: [1e6, 1e7], runs: 5, engines: Object.keys(ENGINES), queries: null, timeout: 900,
              output: join(ROOT, 'bench/RESULTS.md'), loch: join(ROOT, 'build/release/src/loch/cli/loch') };
  for (let i = 0; i < argv.length; ++i) {
    const a = argv[i], next = () => argv[++i];
    if (a === '--rows') o.rows = next().split(',').map(parseRows);
    else if (a === '--with-100m') o.rows.push(1e8);
    else if (a === '--runs') o.runs = Math.max(1, Number(next()));
    else if (a === '--engines') o.engines = next().split(',');
    else if (a === '--queries') o.queries = next().split(',').map((q) => q.toUpperCase());
    else if (a === '--timeout') o.timeout = Number(next());
    else if (a === '--output') o.output = resolve(next());
    else if (a === '--loch') o.loch = resolve(next());
    else throw new Error(`unknown option ${a}`);
  }
  for (const e of o.engines) if (!ENGINES[e]) throw new Error(`unknown engine ${e}`);
  o.rows = [...new Set(o.rows)];
  return o;
}

/** Table placeholders of one dataset as each engine spells a Parquet folder or file. */
function tableVars(engine, files) {
  const vars = {};
  for (const [name, path] of Object.entries(files)) {
    const isDir = !path.endsWith('.parquet');
    const glob = isDir ? `${path}/*.parquet` : path;
    vars[name] = engine === 'loch' ? `parquet.\`${path}\`` : engine === 'duckdb' ? `read_parquet('${glob}')`
      : engine === 'clickhouse' ? `file('${glob}', Parquet)` : glob;
  }
  return vars;
}

function median(xs) {
  const s = [...xs].sort((a, b) => a - b), m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

const firstLine = (text) => text.split('\n').map((l) => l.trim()).filter((l) => l !== '' && !l.startsWith('BENCH_MS'))[0] ?? '';

/** Runs one process under /usr/bin/time; returns {ok, ms, wallMs, rssMb, stdout, error}. */
function runOnce(opts, engine, q, files, tmp) {
  const vars = { ...tableVars(engine, files), out: files.out ? `${files.out}/${engine}` : '' };
  if (vars.out) {
    rmSync(vars.out, { recursive: true, force: true });
    mkdirSync(files.out, { recursive: true });
  }
  let cmd;
  if (engine === 'loch') {
    const sqlFile = join(tmp, `${q.id}.sql`);
    writeFileSync(sqlFile, substitute(readFileSync(join(ROOT, ENGINES.loch.file(q.id)), 'utf8'), vars));
    cmd = [opts.loch, 'sql', '--mode', 'json', '--conf', 'spark.sql.session.timeZone=UTC', '-f', sqlFile];
  } else {
    cmd = [process.execPath, join(HERE, ENGINES[engine].runner), join(ROOT, ENGINES[engine].file(q.id)), JSON.stringify(vars)];
  }
  const rssFile = join(tmp, 'rss');
  rmSync(rssFile, { force: true });
  const t0 = performance.now();
  const r = spawnSync('/usr/bin/time', ['-f', '%M', '-o', rssFile, ...cmd], {
    cwd: ROOT, env: { ...process.env, TZ: 'UTC' }, maxBuffer: 1 << 30, encoding: 'utf8', timeout: opts.timeout * 1000,
  });
  const wallMs = performance.now() - t0;
  const rssKb = existsSync(rssFile) ? Number(readFileSync(rssFile, 'utf8').trim().split('\n').pop()) : NaN;
  if (r.error || r.status !== 0) {
    const why = r.error?.code === 'ETIMEDOUT' ? `timeout after ${opts.timeout} s` : firstLine(r.stderr ?? '') || `exit status ${r.status} (signal ${r.signal})`;
    return { ok: false, error: why, wallMs, rssMb: rssKb / 1024 };
  }
  const m = /BENCH_MS ([\d.]+)/.exec(r.stderr);
  return { ok: true, ms: m ? Number(m[1]) : wallMs, wallMs, rssMb: rssKb / 1024, stdout: r.stdout };
}

function parseOutput(text) {
  return text.split('\n').filter((l) => l.trim() !== '').map((l) => JSON.parse(l));
}

/** Rows of the query's result, or for writing queries the verify query's over its output. */
function resultRows(engine, q, files, run) {
  if (!q.verify) return parseOutput(run.stdout);
  const r = spawnSync(process.execPath, [join(ROOT, 'tools/peers/duckdb_query.mjs'), '-c', substitute(q.verify, { out: `${files.out}/${engine}` })],
    { cwd: ROOT, encoding: 'utf8', maxBuffer: 1 << 30 });
  if (r.status !== 0) throw new Error(`verify: ${firstLine(r.stderr)}`);
  return parseOutput(r.stdout);
}

function benchQuery(opts, q, dataset, tmp) {
  const engines = opts.engines.filter((e) => existsSync(join(ROOT, ENGINES[e].file(q.id))));
  const res = Object.fromEntries(opts.engines.map((e) => [e, { times: [], walls: [], rss: [], error: engines.includes(e) ? null : 'no query file' }]));
  for (let rep = 0; rep <= opts.runs; ++rep) {
    for (const e of engines) {
      const s = res[e];
      if (s.error) continue;
      const run = runOnce(opts, e, q, dataset.files, tmp);
      if (!run.ok) { s.error = run.error; continue; }
      s.rss.push(run.rssMb);
      if (rep === 0) {
        try { s.rows = resultRows(e, q, dataset.files, run); } catch (err) { s.error = `result: ${err.message}`; }
      } else {
        s.times.push(run.ms);
        s.walls.push(run.wallMs);
      }
    }
  }
  const out = { id: q.id, title: q.title, engines: {} };
  for (const e of opts.engines) {
    const s = res[e];
    out.engines[e] = s.error ? { error: s.error }
      : { ms: median(s.times), wallMs: median(s.walls), runsMs: s.times, rssMb: Math.max(...s.rss), rows: s.rows.length };
  }
  // Check: every engine against the first successful of DuckDB, ClickHouse, Polars, Loch.
  const ref = ['duckdb', 'clickhouse', 'polars', 'loch'].find((e) => res[e] && !res[e].error);
  out.check = {};
  for (const e of opts.engines) {
    if (res[e].error || !ref) continue;
    out.check[e] = e === ref ? null : compareRows(res[e].rows, res[ref].rows, { approx: q.approx });
  }
  out.reference = ref;
  out.approx = q.approx?.note ?? null;
  return out;
}

function printLine(r, engines) {
  const cells = engines.map((e) => {
    const x = r.engines[e];
    return `${e}=${x.error ? 'FAIL' : `${x.ms.toFixed(0)}ms/${x.rssMb.toFixed(0)}MB`}`;
  });
  const bad = Object.entries(r.check).filter(([, v]) => v).map(([e, v]) => `${e}≠${r.reference}: ${v}`);
  const errs = engines.filter((e) => r.engines[e].error && r.engines[e].error !== 'no query file').map((e) => `${e}: ${r.engines[e].error}`);
  console.log(`  ${r.id} ${cells.join(' ')}${bad.length ? '  MISMATCH ' + bad.join('; ') : ''}${errs.length ? '  ERROR ' + errs.join('; ') : ''}`);
}

function main() {
  const opts = parseArgs(process.argv.slice(2));
  const selected = QUERIES.filter((q) => !opts.queries || opts.queries.includes(q.id));
  const outRoot = join(ROOT, 'bench/data/out');
  const datasets = [];
  for (const n of opts.rows) {
    const dir = join(ROOT, `bench/data/events-${n}`);
    datasets.push({ name: `events ${label(n)}`, set: 'events', rows: n,
      files: { events: `${dir}/events`, users: `${dir}/users`, products: `${dir}/products`, out: outRoot } });
  }
  datasets.push({ name: 'flights-3m', set: 'flights', files: { flights: join(ROOT, 'data/flights-3m.parquet'), out: outRoot } });
  const tmp = mkdtempSync(join(tmpdir(), 'loch-bench-'));
  const report = { date: new Date().toISOString(), runs: opts.runs, engines: opts.engines, datasets: [] };
  mkdirSync(join(ROOT, 'bench/results'), { recursive: true });
  for (const ds of datasets) {
    const qs = selected.filter((q) => q.set === ds.set);
    if (qs.length === 0) continue;
    console.log(`${ds.name}:`);
    const entry = { name: ds.name, queries: [] };
    report.datasets.push(entry);
    for (const q of qs) {
      const r = benchQuery(opts, q, ds, tmp);
      printLine(r, opts.engines);
      entry.queries.push(r);
      writeFileSync(join(ROOT, 'bench/results/latest.json'), JSON.stringify(report, null, 1));
      writeReport({ ...report, partial: true }, opts, ROOT);  // a stopped run still leaves its tables
    }
  }
  rmSync(outRoot, { recursive: true, force: true });
  rmSync(tmp, { recursive: true, force: true });
  writeReport(report, opts, ROOT);
  console.log(`wrote ${opts.output}`);
}

main();

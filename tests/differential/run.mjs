// Differential check (issues 3 and 5): runs a few hundred generated queries
// (filters, expressions, joins, subqueries, aggregates, windows, grouping
// sets, set operations) over random tables with NULLs on Loch and on DuckDB,
// and compares the results (sorted unless the query orders them; doubles
// within 1e-9 relative). Where Spark's semantics differ from DuckDB's, the
// DuckDB query computes Spark's answer (see SPARK_VS_DUCKDB in queries.mjs).
//
// Usage: node tests/differential/run.mjs --loch PATH/TO/loch
//          [--seed N] [--queries N] [--jobs N] [--only I] [--show N] [--verbose]
// --only I reruns query I of the seed's sequence; --show N prints N failures (25).
// Exit status: 0 all equal; 1 a mismatch or an unexpected error (each is
// printed with both queries); 77 when DuckDB (tools/peers) is not installed,
// which CTest reports as skipped.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { generateQueries } from './queries.mjs';
import { makeRandom, tableSelect, tableSpecs } from './tables.mjs';

const SKIP = 77;

function parseArgs(argv) {
  const opts = { seed: 20261121, queries: 300, jobs: 2, only: null, show: 25, verbose: false, loch: null };
  for (let i = 0; i < argv.length; ++i) {
    const a = argv[i];
    if (a === '--verbose') opts.verbose = true;
    else if (a === '--loch') opts.loch = argv[++i];
    else if (['--seed', '--queries', '--jobs', '--only', '--show'].includes(a)) opts[a.slice(2)] = Number(argv[++i]);
    else throw new Error(`unknown argument ${a}`);
  }
  if (!opts.loch) throw new Error('--loch PATH is required');
  return opts;
}

async function loadPeers() {
  const require = createRequire(new URL('../../tools/peers/package.json', import.meta.url));
  try {
    const duckdb = await import(require.resolve('@duckdb/node-api'));
    const { compareResults } = await import('../../tools/peers/results.mjs');
    return { duckdb, compareResults };
  } catch {
    return null;
  }
}

function runLoch(loch, sql) {
  return new Promise((resolve) => {
    execFile(loch, ['sql', '--mode', 'json', '-c', sql], { maxBuffer: 64 << 20 }, (error, stdout, stderr) => {
      if (error) resolve({ error: (stderr || error.message).trim() });
      else resolve({ rows: stdout.split('\n').filter((l) => l !== '').map((l) => JSON.parse(l)) });
    });
  });
}

async function runDuck(connection, sql) {
  try {
    const reader = await connection.runAndReadAll(sql);
    return { rows: reader.getRowObjectsJson() };
  } catch (e) {
    return { error: e.message };
  }
}

/** Runs `tasks` (functions returning promises) with at most `jobs` at a time. */
async function pool(tasks, jobs) {
  const results = new Array(tasks.length);
  let next = 0;
  const worker = async () => {
    while (next < tasks.length) {
      const i = next++;
      results[i] = await tasks[i]();
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, jobs) }, worker));
  return results;
}

function check(q, loch, duck, compareResults) {
  if (q.sparkError) {
    if (loch.error && loch.error.includes(q.sparkError)) return null;
    return `expected Loch to fail with ${q.sparkError} (Spark's ANSI semantics), got ${loch.error ?? 'rows'}`;
  }
  if (duck.error) return `DuckDB failed (generator bug): ${duck.error}`;
  if (loch.error) return `Loch failed: ${loch.error}`;
  return compareResults(loch.rows, duck.rows, { ordered: !!q.ordered });
}

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  const peers = await loadPeers();
  if (!peers) {
    console.log('differential: DuckDB not installed (run scripts/peers.sh); skipped');
    process.exit(SKIP);
  }
  const dir = mkdtempSync(join(tmpdir(), 'loch-differential-'));
  try {
    const rnd = makeRandom(opts.seed);
    const instance = await peers.duckdb.DuckDBInstance.create(':memory:');
    const connection = await instance.connect();
    const views = [];
    for (const [name, spec] of Object.entries(tableSpecs(rnd))) {
      const file = join(dir, `${name}.parquet`);
      await connection.run(`COPY (${tableSelect(name, spec)}) TO '${file}' (FORMAT parquet)`);
      await connection.run(`CREATE VIEW ${name} AS SELECT * FROM '${file}'`);
      views.push(`CREATE OR REPLACE TEMP VIEW ${name} AS SELECT * FROM parquet.\`${file}\``);
    }
    let queries = generateQueries(rnd, opts.queries).map((q, i) => ({ ...q, index: i }));
    if (opts.only !== null) queries = queries.filter((q) => q.index === opts.only);

    const duckResults = [];
    for (const q of queries) duckResults.push(await runDuck(connection, q.duck));
    const lochResults = await pool(
      queries.map((q) => () => runLoch(opts.loch, `${views.join(';\n')};\n${q.spark}`)),
      opts.jobs,
    );

    const failures = [];
    const byKind = {};
    queries.forEach((q, i) => {
      byKind[q.kind] = (byKind[q.kind] ?? 0) + 1;
      const problem = check(q, lochResults[i], duckResults[i], peers.compareResults);
      if (problem) failures.push({ q, problem });
      else if (opts.verbose) console.log(`ok ${q.index}: ${q.spark}`);
    });
    for (const { q, problem } of failures.slice(0, opts.show)) {
      console.log(`FAIL query ${q.index} (${q.kind}, --seed ${opts.seed} --only ${q.index})\n  Spark SQL: ${q.spark}\n  DuckDB:    ${q.duck}\n  ${problem}\n`);
    }
    const kinds = Object.entries(byKind).map(([k, n]) => `${k} ${n}`).join(', ');
    console.log(`differential: ${queries.length - failures.length}/${queries.length} queries agree with DuckDB (${kinds}; seed ${opts.seed})`);
    process.exitCode = failures.length ? 1 : 0;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((e) => {
  console.error(`differential: ${e.stack ?? e}`);
  process.exit(1);
});

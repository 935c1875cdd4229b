// One benchmark run on ClickHouse in-process (chdb): each statement of the
// SQL file runs through chdb's query(sql, 'JSONEachRow') (all cores,
// session time zone UTC); prints the last statement's rows as JSON Lines and
// BENCH_MS on stderr (see peers.mjs).
// Usage: node run_clickhouse.mjs bench/queries/clickhouse/Q01.sql '{"events":"...",...}'
import { readFileSync } from 'node:fs';
import { peerRequire, substitute, splitStatements, emit, runnerArgs } from './peers.mjs';

const { file, vars } = runnerArgs();
const sql = substitute(readFileSync(file, 'utf8'), vars);
const chdb = peerRequire('chdb');
try {
  const start = performance.now();
  let text = '';
  for (const s of splitStatements(sql)) {
    // group_by_use_nulls: CUBE/ROLLUP subtotal rows hold NULL (SQL standard, Spark) instead of default values.
    text = chdb.query(`${s} SETTINGS session_timezone = 'UTC', group_by_use_nulls = 1`, 'JSONEachRow');
  }
  const rows = text.split('\n').filter((l) => l.trim() !== '').map((l) => JSON.parse(l));
  emit(rows, performance.now() - start);
} catch (e) {
  console.error(`clickhouse: ${String(e.message ?? e).split('\n')[0]}`);
  process.exit(1);
}

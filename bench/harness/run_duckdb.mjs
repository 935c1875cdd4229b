// One benchmark run on DuckDB (@duckdb/node-api): a fresh in-memory
// instance (all cores) runs the statements of a SQL file whose ${...}
// placeholders become read_parquet(...) table expressions; prints the last
// statement's rows as JSON Lines and BENCH_MS on stderr (see peers.mjs).
// Usage: node run_duckdb.mjs bench/queries/duckdb/Q01.sql '{"events":"...",...}'
import { readFileSync } from 'node:fs';
import { peerRequire, substitute, splitStatements, emit, runnerArgs } from './peers.mjs';

const { file, vars } = runnerArgs();
const sql = substitute(readFileSync(file, 'utf8'), vars);
const { DuckDBInstance } = peerRequire('@duckdb/node-api');
try {
  const start = performance.now();
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  await connection.run("SET TimeZone = 'UTC'");
  let reader = null;
  for (const s of splitStatements(sql)) reader = await connection.runAndReadAll(s);
  const rows = reader ? reader.getRowObjectsJson() : [];
  emit(rows, performance.now() - start);
} catch (e) {
  console.error(`duckdb: ${e.message}`);
  process.exit(1);
}

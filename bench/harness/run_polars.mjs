// One benchmark run on Polars (nodejs-polars, all cores): imports the query
// module bench/queries/polars/QNN.mjs, whose default export
// `(pl, paths) => LazyFrame | DataFrame | undefined` builds the query over
// pl.scanParquet(...) of the same files; collects it and prints the rows as
// JSON Lines and BENCH_MS on stderr (see peers.mjs). A module that throws
// `new Error('UNSUPPORTED: reason')` marks the query as not expressible.
// Usage: node run_polars.mjs bench/queries/polars/Q01.mjs '{"events":"...",...}'
import { pathToFileURL } from 'node:url';
import { resolve } from 'node:path';
import { peerRequire, emit, runnerArgs } from './peers.mjs';

const { file, vars } = runnerArgs();
const pl = peerRequire('nodejs-polars');
try {
  const query = (await import(pathToFileURL(resolve(file)).href)).default;
  const start = performance.now();
  let result = await query(pl, vars);
  if (result && typeof result.collectSync === 'function') result = result.collectSync();
  const rows = result && typeof result.toRecords === 'function' ? result.toRecords() : [];
  emit(rows, performance.now() - start);
} catch (e) {
  console.error(`polars: ${String(e.message ?? e).split('\n')[0]}`);
  process.exit(1);
}

// Runs SQL on DuckDB (npm @duckdb/node-api) and prints the last statement's
// rows as JSON Lines, the same shape as `loch sql --mode json`.
// Usage: node tools/peers/duckdb_query.mjs (-c "<sql>" | -f file.sql)
// Statements are separated by ';' at line ends. Exit status 1 with the
// DuckDB error on stderr when a statement fails.
import { readFileSync } from 'node:fs';
import { DuckDBInstance } from '@duckdb/node-api';

const args = process.argv.slice(2);
let sql = null;
for (let i = 0; i < args.length; ++i) {
  if (args[i] === '-c') sql = args[++i];
  else if (args[i] === '-f') sql = readFileSync(args[++i], 'utf8');
}
if (sql === null) {
  console.error('usage: duckdb_query.mjs (-c "<sql>" | -f file.sql)');
  process.exit(2);
}
try {
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  const statements = sql.split(/;\s*(?:\n|$)/).map((s) => s.trim()).filter((s) => s !== '');
  let reader = null;
  for (const s of statements) reader = await connection.runAndReadAll(s);
  if (reader) for (const row of reader.getRowObjectsJson()) process.stdout.write(JSON.stringify(row) + '\n');
} catch (e) {
  console.error(`duckdb: ${e.message}`);
  process.exit(1);
}

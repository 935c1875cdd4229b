// Resolves the peer engines' npm packages from tools/peers/node_modules
// (installed by scripts/peers.sh), so bench/ needs no node_modules of its own.
import { createRequire } from 'node:module';

export const peerRequire = createRequire(new URL('../../tools/peers/package.json', import.meta.url));

/** Replaces ${name} placeholders in `text` with vars[name]; unknown names are an error. */
export function substitute(text, vars) {
  return text.replace(/\$\{(\w+)\}/g, (_, name) => {
    if (!(name in vars)) throw new Error(`unknown placeholder \${${name}}`);
    return vars[name];
  });
}

/** Splits a SQL script into statements at ';' followed by a line end (or the end). */
export function splitStatements(sql) {
  return sql.split(/;\s*(?:\n|$)/).map((s) => s.trim()).filter((s) => s !== '' && !/^(--[^\n]*\n?\s*)+$/.test(s + '\n'));
}

/**
 * Common runner protocol: the result goes to stdout as JSON Lines; the time
 * from just before the engine is created to the result being in JS objects
 * goes to stderr as `BENCH_MS <ms>`.
 */
export function emit(rows, ms) {
  const out = rows.map((r) => JSON.stringify(r, (_, v) => (typeof v === 'bigint' ? v.toString() : v))).join('\n');
  process.stdout.write(out === '' ? '' : out + '\n');
  process.stderr.write(`BENCH_MS ${ms.toFixed(3)}\n`);
}

/** argv → {file, vars}: `runner.mjs FILE VARS_JSON`. */
export function runnerArgs() {
  const [file, varsJson] = process.argv.slice(2);
  if (!file) {
    console.error('usage: node runner.mjs QUERY_FILE [VARS_JSON]');
    process.exit(2);
  }
  return { file, vars: varsJson ? JSON.parse(varsJson) : {} };
}

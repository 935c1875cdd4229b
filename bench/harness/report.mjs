// Writes bench/RESULTS.md from the driver's report object (see bench.mjs).
import { cpus } from 'node:os';
import { readFileSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';

const LABEL = { loch: 'Loch', duckdb: 'DuckDB', polars: 'Polars', clickhouse: 'ClickHouse' };

function machine() {
  const mem = /MemTotal:\s+(\d+) kB/.exec(readFileSync('/proc/meminfo', 'utf8'));
  const model = /model name\s*:\s*(.*)/.exec(readFileSync('/proc/cpuinfo', 'utf8'));
  return `${cpus().length} cores (${model ? model[1].trim() : 'unknown CPU'}), ${mem ? (Number(mem[1]) / 1048576).toFixed(1) : '?'} GiB memory`;
}

function commit(root) {
  const git = (...a) => spawnSync('git', a, { cwd: root, encoding: 'utf8' }).stdout.trim();
  const dirty = git('status', '--porcelain', '--untracked-files=no') !== '';
  return `${git('rev-parse', 'HEAD')}${dirty ? ' (with uncommitted changes)' : ''}`;
}

const fmtMs = (x) => (x.error ? 'FAIL' : x.ms < 10 ? x.ms.toFixed(1) : x.ms.toFixed(0));
const geomean = (xs) => (xs.length ? Math.exp(xs.reduce((s, x) => s + Math.log(x), 0) / xs.length) : NaN);
const ratio = (r, peer) => {
  const l = r.engines.loch, p = r.engines[peer];
  return l && p && !l.error && !p.error ? l.ms / p.ms : null;
};

function checkCell(r) {
  const bad = Object.entries(r.check).filter(([, v]) => v).map(([e]) => `${LABEL[e]} ≠ ${LABEL[r.reference]}`);
  if (bad.length) return `**mismatch**: ${bad.join(', ')}`;
  if (!r.reference) return '—';
  const n = Object.keys(r.check).length;
  return n < 2 ? 'not checked (one engine)' : r.approx ? 'ok (approx cols ±5%)' : 'ok';
}

function table(ds, engines) {
  const peers = engines.filter((e) => e !== 'loch');
  const hasLoch = engines.includes('loch');
  const head = ['query', ...engines.map((e) => `${LABEL[e]} ms`), ...(hasLoch ? peers.map((p) => `Loch/${LABEL[p]}`) : []),
    ...engines.map((e) => `${LABEL[e]} MB`), 'result check'];
  const lines = [`| ${head.join(' | ')} |`, `|${head.map(() => '---').join('|')}|`];
  for (const r of ds.queries) {
    const cells = [`${r.id} ${r.title}`, ...engines.map((e) => fmtMs(r.engines[e])),
      ...(hasLoch ? peers.map((p) => { const x = ratio(r, p); return x === null ? '—' : x.toFixed(2); }) : []),
      ...engines.map((e) => (r.engines[e].error ? '—' : r.engines[e].rssMb.toFixed(0))), checkCell(r)];
    lines.push(`| ${cells.join(' | ')} |`);
  }
  if (hasLoch) {
    lines.push('');
    for (const p of peers) {
      const rs = ds.queries.map((r) => ratio(r, p)).filter((x) => x !== null);
      lines.push(`- geometric mean Loch/${LABEL[p]}: **${geomean(rs).toFixed(2)}** over ${rs.length} queries`);
    }
  }
  return lines.join('\n');
}

function problems(report, engines) {
  const out = [];
  for (const ds of report.datasets) {
    for (const r of ds.queries) {
      for (const e of engines) {
        const x = r.engines[e];
        if (x.error) out.push(`- ${ds.name} ${r.id} ${LABEL[e]}: ${x.error === 'no query file' ? 'not expressed (see the query folder)' : 'error: `' + x.error.replaceAll('`', "'") + '`'}`);
        const c = r.check[e];
        if (c) out.push(`- ${ds.name} ${r.id} ${LABEL[e]} differs from ${LABEL[r.reference]}: ${c.replaceAll('|', '\\|')}`);
      }
    }
  }
  return out.length ? out.join('\n') : 'none';
}

/** Renders the report as Markdown into opts.output. */
export function writeReport(report, opts, root) {
  const engines = report.engines;
  const notes = new Set();
  for (const ds of report.datasets) for (const r of ds.queries) if (r.approx) notes.add(`${r.id}: ${r.approx}`);
  const md = `# Benchmark results

Produced by \`scripts/bench.sh\` (see bench/README.md). Do not edit by hand.${report.partial ? '\n\n**Partial: the run was still going (or was stopped) when this was written.**' : ''}

- machine: ${machine()}
- commit: ${commit(root)}
- date: ${report.date}
- runs: 1 warm-up + ${report.runs} timed runs per engine and query, in alternation (${engines.map((e) => LABEL[e]).join(', ')}, ...); each run is its own process
- time: median of the timed runs, in ms. Loch: wall time of the \`loch sql\` process (start-up and JSON output included). Peers: time inside their node runner from creating the engine to holding the result rows (node start-up and library load excluded).
- memory: peak resident set (max RSS, \`/usr/bin/time -f %M\`) of the process over all runs, in MB; for the peers this includes node itself (about 40-50 MB).
- result check: results sorted and compared by column position with the reference engine (first of DuckDB, ClickHouse, Polars that ran); floats within 1e-9 relative, integers and strings exact; approximate columns as noted below.

${report.datasets.map((ds) => `## ${ds.name}\n\n${table(ds, engines)}`).join('\n\n')}

## Failures, mismatches and queries a peer cannot express

${problems(report, engines)}

## Approximate columns

${notes.size ? [...notes].map((n) => `- ${n}`).join('\n') : 'none'}
`;
  writeFileSync(opts.output, md);
}

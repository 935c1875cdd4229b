#!/usr/bin/env bash
# The benchmark suite (issue 7): sets up the machine and the peers, builds the
# `loch` CLI in Release, generates the seed workload (deterministic, seed 42)
# when missing, runs every query on Loch, DuckDB, Polars and ClickHouse and
# writes bench/RESULTS.md. See bench/README.md.
# Usage: scripts/bench.sh [--rows 1M,10M] [--with-100m] [--runs N]
#          [--engines loch,duckdb,polars,clickhouse] [--queries Q01,F02,...]
#        BUILD_DIR overrides build/release.
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/setup.sh
scripts/peers.sh
BUILD_DIR=${BUILD_DIR:-build/release}
export CCACHE_DIR=${CCACHE_DIR:-$HOME/.cache/loch-ccache}
cmake -S . -B "$BUILD_DIR" -G Ninja -DCMAKE_BUILD_TYPE=Release >/dev/null
ninja -C "$BUILD_DIR" loch
LOCH="$BUILD_DIR/src/loch/cli/loch"

rows="1M,10M"
args=("$@")
for ((i = 0; i < ${#args[@]}; ++i)); do
  case "${args[$i]}" in
    --rows) rows="${args[$((i + 1))]}" ;;
    --with-100m) rows="$rows,100M" ;;
  esac
done
for r in ${rows//,/ }; do
  n=$(node -e "const m=/^(\d+(?:\.\d+)?)([kKmM]?)$/.exec(process.argv[1]); if(!m) process.exit(1); console.log(Math.round(m[1]*({'':1,k:1e3,K:1e3,m:1e6,M:1e6})[m[2]]))" "$r")
  dir="bench/data/events-$n"
  if [[ ! -f "$dir/events/_SUCCESS" || ! -f "$dir/users/_SUCCESS" || ! -f "$dir/products/_SUCCESS" ]]; then
    echo "bench: generating $n events into $dir"
    "$LOCH" gen events --rows "$n" --seed 42 --output "$dir"
  fi
done
exec node bench/harness/bench.mjs --loch "$LOCH" "$@"

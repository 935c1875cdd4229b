#!/usr/bin/env bash
# The README's main command: sets up the machine (Debian packages, then the
# npm peers and real data sets into the git-ignored data/), builds the `loch`
# CLI (Release), runs the built-in `ecommerce` job on the real Superstore
# orders and the `events` job on freshly generated clickstream events, and
# shows a few result rows.
# Usage: scripts/run.sh [--rows N] [--users U] [--threads T] [--output DIR]
#   --rows     generated events (default 1000000)
#   --users    generated users (default 10000)
#   --threads  worker threads (default: all cores)
#   --output   where the jobs write their tables (default out/)
set -euo pipefail
cd "$(dirname "$0")/.."

ROWS=1000000
USERS=10000
THREADS=""
OUT=out
while (($#)); do
  case "$1" in
    --rows) ROWS=$2; shift 2 ;;
    --users) USERS=$2; shift 2 ;;
    --threads) THREADS=$2; shift 2 ;;
    --output) OUT=$2; shift 2 ;;
    -h|--help) sed -n '2,11p' "$0"; exit 0 ;;
    *) echo "run.sh: unknown argument $1 (see --help)" >&2; exit 2 ;;
  esac
done

scripts/setup.sh
bash scripts/peers.sh

BUILD_DIR=${BUILD_DIR:-build/release}
export CCACHE_DIR=${CCACHE_DIR:-$HOME/.cache/loch-ccache}
cmake -S . -B "$BUILD_DIR" -G Ninja -DCMAKE_BUILD_TYPE=Release >/dev/null
ninja -C "$BUILD_DIR" loch
LOCH="$BUILD_DIR/src/loch/cli/loch"
CONF=()
if [[ -n $THREADS ]]; then CONF=(--conf "loch.threads=$THREADS"); fi

echo
echo "== loch run ecommerce (Superstore, data/superstore.parquet)"
"$LOCH" run ecommerce --input data/superstore.parquet --output "$OUT/ecommerce" "${CONF[@]}"

echo
echo "== loch gen events --rows $ROWS --users $USERS"
"$LOCH" gen events --rows "$ROWS" --users "$USERS" --seed 42 --output "$OUT/generated"
echo
echo "== loch run events"
"$LOCH" run events --input "$OUT/generated" --output "$OUT/events" "${CONF[@]}"

echo
echo "== a few result rows"
"$LOCH" sql -c "SELECT customer_id, customer_name, orders, round(total_spent, 2) AS total_spent, favorite_category, customer_tier
  FROM parquet.\`$OUT/ecommerce/customer_patterns\` ORDER BY total_spent DESC LIMIT 5"
"$LOCH" sql -c "SELECT customer_tier, count(*) AS customers FROM parquet.\`$OUT/ecommerce/customer_patterns\`
  GROUP BY customer_tier ORDER BY customers DESC"
"$LOCH" sql -c "SELECT * FROM parquet.\`$OUT/events/funnel\` ORDER BY step"
"$LOCH" sql -c "SELECT segment, count(*) AS users, round(avg(monetary), 2) AS avg_revenue
  FROM parquet.\`$OUT/events/rfm_segments\` GROUP BY segment ORDER BY users DESC"
"$LOCH" sql -c "SELECT user_id, session_start, events, duration_seconds, event_sequence
  FROM parquet.\`$OUT/events/sessions\` WHERE events >= 3 ORDER BY user_id, session_start LIMIT 5"
echo
echo "Outputs: $OUT/ecommerce and $OUT/events (each with _job_summary.json); docs/jobs.md describes every table."

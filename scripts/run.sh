#!/usr/bin/env bash
# The README's main command: sets up the machine, builds Loch (Release) and
# runs the seed analytics job (daily user activity and user behavior) on
# freshly generated seed-shaped events.
# Usage: scripts/run.sh [--rows N] [--users U] [--threads T]
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/setup.sh
BUILD_DIR=${BUILD_DIR:-build/release}
export CCACHE_DIR=${CCACHE_DIR:-$HOME/.cache/loch-ccache}
cmake -S . -B "$BUILD_DIR" -G Ninja -DCMAKE_BUILD_TYPE=Release >/dev/null
ninja -C "$BUILD_DIR" loch_seed_events
exec "$BUILD_DIR/examples/loch_seed_events" "$@"

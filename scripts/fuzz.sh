#!/usr/bin/env bash
# Builds and runs one libFuzzer target (ASan + UBSan) for the file readers.
# Usage: scripts/fuzz.sh <parquet|csv> [seconds=600] [extra libFuzzer args...]
# Env: FUZZ_BUILD_DIR (default build/fuzz, the `fuzz` preset's folder),
#      PARQUET_TEST_DATA (the parquet-testing data/ folder: seeds for parquet),
#      FUZZ_RSS_MB (default 2048), FUZZ_TIMEOUT (seconds per input, default 10).
# Crash/leak/timeout reproducers are written to $FUZZ_BUILD_DIR/artifacts/<target>/;
# replay one with: $FUZZ_BUILD_DIR/fuzz/loch_fuzz_<target> <file>.
set -euo pipefail

target=${1:?usage: scripts/fuzz.sh <parquet|csv> [seconds] [libFuzzer args...]}
seconds=${2:-600}
shift $(( $# >= 2 ? 2 : 1 ))
case "$target" in parquet|csv) ;; *) echo "fuzz.sh: unknown target '$target' (parquet or csv)" >&2; exit 2 ;; esac

root=$(cd "$(dirname "$0")/.." && pwd)
build=${FUZZ_BUILD_DIR:-$root/build/fuzz}
[[ "$build" = /* ]] || build=$root/$build

if [[ ! -f "$build/build.ninja" ]]; then
  cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_CXX_COMPILER=clang++ \
    -DLOCH_BUILD_FUZZ=ON -DLOCH_BUILD_TESTS=OFF
fi
ninja -C "$build" -j"${FUZZ_BUILD_JOBS:-2}" "loch_fuzz_$target"

corpus=$build/corpus/$target
artifacts=$build/artifacts/$target
mkdir -p "$corpus" "$artifacts"
if [[ -z "$(ls -A "$corpus")" ]]; then
  # Seeds: small conformance files (parquet) or the sample CSVs, each CSV
  # once per option set (the first input byte picks the option set).
  # large_string_map.brotli.parquet is left out: it legitimately inflates to
  # more than 2 GB, beyond the fuzzer's memory limit.
  if [[ "$target" == parquet ]]; then
    data=${PARQUET_TEST_DATA:-/work/shared/testdata/parquet-testing/data}
    if [[ -d "$data" ]]; then
      find "$data" "$data/../bad_data" -name '*.parquet' -size -64k ! -name 'large_string_map*' -exec cp {} "$corpus/" \; 2>/dev/null || true
    fi
    find "$root/tests/io" -name '*.parquet' -size -64k -exec cp {} "$corpus/" \; 2>/dev/null || true
  else
    for f in "$root"/fuzz/seeds/csv/*.csv; do
      for k in 0 1 2 3 4; do
        { printf "\\x$(printf %02x "$k")"; cat "$f"; } > "$corpus/$k-$(basename "$f")"
      done
    done
  fi
fi

export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
exec "$build/fuzz/loch_fuzz_$target" "$corpus" \
  -max_total_time="$seconds" -rss_limit_mb="${FUZZ_RSS_MB:-2048}" -timeout="${FUZZ_TIMEOUT:-10}" \
  -max_len=65536 -print_final_stats=1 -artifact_prefix="$artifacts/" "$@"

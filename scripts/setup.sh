#!/usr/bin/env bash
# Installs every Debian 12 package Loch's build, tests and benchmarks need.
# Non-interactive and idempotent: packages already present are skipped.
# Usage: scripts/setup.sh        (as root, or with sudo available)
set -euo pipefail

PACKAGES=(
  build-essential cmake ninja-build ccache pkg-config git
  googletest libgtest-dev libgmock-dev libbenchmark-dev
  libre2-dev libcctz-dev libfmt-dev libxxhash-dev
  libsnappy-dev libzstd-dev liblz4-dev zlib1g-dev libbrotli-dev
  libsimdjson-dev nlohmann-json3-dev libcli11-dev libedit-dev libutf8proc-dev libssl-dev
  libyaml-cpp-dev
  clang libclang-rt-14-dev
  time
)

missing=()
for p in "${PACKAGES[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done

if ((${#missing[@]})); then
  SUDO=""
  if [[ $(id -u) -ne 0 ]]; then SUDO="sudo"; fi
  echo "setup: installing ${missing[*]}"
  $SUDO env DEBIAN_FRONTEND=noninteractive apt-get update -qq
  $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
else
  echo "setup: all Debian packages present"
fi

# Node.js and npm fetch the benchmark peers and real data sets from the npm
# registry. A machine that already has them (from any source) keeps its own:
# Debian's npm conflicts with other Node.js installs.
if ! command -v npm >/dev/null 2>&1; then
  SUDO=""
  if [[ $(id -u) -ne 0 ]]; then SUDO="sudo"; fi
  $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends nodejs npm ||
    echo "setup: warning: could not install nodejs/npm; benchmarks against peers need them" >&2
fi

#!/usr/bin/env bash
# Installs, with apt, every Debian 12 package signet needs to build and test.
# Does nothing (and needs no network) when they are all present already.
# Usage: scripts/install-deps.sh [--build-only]
set -euo pipefail

build_pkgs=(g++ cmake ninja-build pkg-config make git python3 libssl-dev libcli11-dev libfmt-dev doctest-dev)
# Peers and tools the tests run: BIND, ldns and Knot utilities, clang with its
# sanitizer and libFuzzer runtimes, time(1) for peak-memory measurements, and
# NSD, Unbound and dig for the tests where a real resolver validates signed zones.
test_pkgs=(bind9-utils bind9-dnsutils ldnsutils knot-dnsutils knot knot-dnssecutils nsd unbound iproute2 clang libclang-rt-14-dev libfuzzer-14-dev time openssl)

pkgs=("${build_pkgs[@]}")
if [[ "${1:-}" != "--build-only" ]]; then
  pkgs+=("${test_pkgs[@]}")
fi

missing=()
for p in "${pkgs[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done
if ((${#missing[@]} == 0)); then
  exit 0
fi

echo "signet: installing missing Debian packages: ${missing[*]}" >&2
as_root=()
if [[ $(id -u) -ne 0 ]]; then
  command -v sudo >/dev/null || { echo "signet: need root (or sudo) to install: ${missing[*]}" >&2; exit 1; }
  as_root=(sudo)
fi
export DEBIAN_FRONTEND=noninteractive
"${as_root[@]}" apt-get update -qq
"${as_root[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null

#!/usr/bin/env bash
# Configures and builds signet into build/<name> with the given extra CMake arguments.
# Usage: scripts/build.sh NAME [cmake args...]
set -euo pipefail
cd "$(dirname "$0")/.."
name=$1; shift
jobs=$(nproc 2>/dev/null || echo 2)
cmake -S . -B "build/$name" -G Ninja -DSIGNET_WERROR=ON "$@" >/dev/null
cmake --build "build/$name" -j "$jobs"

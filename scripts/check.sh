#!/usr/bin/env bash
# Builds signet and runs every test: a -Werror g++ build with unit, CLI,
# interop (BIND, ldns, Knot) and corpus tests; the same tests under clang with
# AddressSanitizer + UndefinedBehaviorSanitizer; and the zone-parser fuzzer for
# a bounded time (FUZZ_SECONDS, default 60) plus its regression inputs. The
# campaign here uses a fixed seed and run count so that a CI result can be
# reproduced; run scripts/fuzz.sh alone for longer, randomly seeded campaigns.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
jobs=$(nproc 2>/dev/null || echo 2)

echo "== g++ build, all tests"
scripts/build.sh release
(cd build/release && ctest --output-on-failure -j "$jobs")

echo "== clang ASan+UBSan build, all tests"
CXX=clang++ scripts/build.sh asan -DCMAKE_BUILD_TYPE=Debug -DSIGNET_SANITIZE=ON -DCMAKE_CXX_COMPILER=clang++
(cd build/asan && ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 ctest --output-on-failure -j "$jobs")

echo "== fuzzing the zone parser for ${FUZZ_SECONDS:-60} s"
FUZZ_SEED=${FUZZ_SEED:-1} FUZZ_RUNS=${FUZZ_RUNS:-150000} scripts/fuzz.sh

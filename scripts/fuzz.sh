#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Builds the libFuzzer target for the zone parser (clang, ASan+UBSan, in its
# own build directory), replays every saved crash in tests/fuzz/regressions/,
# then fuzzes for a bounded time.
#
#   FUZZ_SECONDS=60   how long to fuzz (0 = only replay the regressions)
#   FUZZ_JOBS=1       parallel fuzzing jobs
#   FUZZ_SEED=N       fixed libFuzzer seed (default: random)
#   FUZZ_RUNS=N       stop after N inputs (with a fixed seed this makes the
#                     campaign reproducible; CI uses both, see scripts/check.sh)
#   FUZZ_BUILD=...    build directory (default: build-fuzz next to the source)
#
# A crash input found is copied into tests/fuzz/regressions/ so that it is
# replayed by every later run; fix the bug, keep the file.
set -euo pipefail
src=$(cd "$(dirname "$0")/.." && pwd)
build=${FUZZ_BUILD:-$src/build-fuzz}
seconds=${FUZZ_SECONDS:-60}
jobs=${FUZZ_JOBS:-1}
extra=()
[[ -n "${FUZZ_SEED:-}" ]] && extra+=("-seed=$FUZZ_SEED")
[[ -n "${FUZZ_RUNS:-}" ]] && extra+=("-runs=$FUZZ_RUNS")
command -v clang++ >/dev/null || { echo "fuzz.sh: clang++ is needed (apt-get install clang)"; exit 1; }

cmake -S "$src" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DCMAKE_CXX_COMPILER=clang++ -DSIGNET_FUZZ=ON -DSIGNET_TESTS=OFF \
  -DCMAKE_CXX_FLAGS="-fsanitize=fuzzer-no-link,address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all" \
  -DCMAKE_EXE_LINKER_FLAGS="-fsanitize=address,undefined" >/dev/null
ninja -C "$build" -j"${NINJA_JOBS:-2}" fuzz_zone_parser
fuzzer="$build/tests/fuzz/fuzz_zone_parser"
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}

regressions="$src/tests/fuzz/regressions"
if compgen -G "$regressions/*" >/dev/null; then
  echo "fuzz.sh: replaying $(ls "$regressions" | wc -l) saved inputs from tests/fuzz/regressions"
  "$fuzzer" -runs=0 "$regressions"/*
fi
[ "$seconds" -gt 0 ] || exit 0

# Fuzz into a scratch copy of the seed corpus so new inputs do not pile up in the repo.
work="$build/fuzz-work"
rm -rf "$work/artifacts"  # a crash of an earlier campaign is in regressions/ already
mkdir -p "$work/corpus" "$work/artifacts"
cp -n "$src"/tests/fuzz/corpus/* "$work/corpus/" 2>/dev/null || true
set +e
"$fuzzer" -dict="$src/tests/fuzz/zone.dict" -max_total_time="$seconds" -max_len=4096 -timeout=10 \
  -rss_limit_mb=2048 -jobs="$jobs" -workers="$jobs" -print_final_stats=1 \
  -artifact_prefix="$work/artifacts/" "${extra[@]}" "$work/corpus"
rc=$?
set -e
found=0
for f in "$work"/artifacts/*; do
  [ -e "$f" ] || continue
  cp "$f" "$regressions/" && found=$((found + 1))
  echo "fuzz.sh: saved $(basename "$f") to tests/fuzz/regressions/"
done
if [ $rc -ne 0 ] || [ $found -ne 0 ]; then
  echo "fuzz.sh: the fuzzer found $found failing input(s) (exit $rc)"
  exit 1
fi
echo "fuzz.sh: no crash in $seconds s"

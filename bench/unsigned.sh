#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Benchmark: checking an unsigned zone. For the 100k- and 1M-delegation zones,
# times signet-verify (parse + unsigned checks) against kzonecheck (Knot),
# named-checkzone (BIND) and ldns-read-zone (ldns), with hyperfine when it is
# installed (else a /usr/bin/time loop); records each tool's peak RSS
# (/usr/bin/time -v) and signet's parser MB/s (signet-bench-parse, when built).
#
# Usage: bash bench/unsigned.sh [BUILD_DIR]   (default: ./build)
#   BENCH_DIR=/tmp/signet-bench   where the generated zones are kept
#   BENCH_SIZES="100000 1000000"  delegation counts
#   BENCH_RUNS=5                  timed runs per tool and zone
# Zones come from ../shared/bench/genzone.py when present (the shared reference
# generator), else from bench/genzone.py; both are deterministic (seed 1).
set -uo pipefail
src=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-$src/build}
verify="$build/signet-verify"
benchparse="$build/bench/signet-bench-parse"
dir=${BENCH_DIR:-/tmp/signet-bench}
sizes=${BENCH_SIZES:-"100000 1000000"}
runs=${BENCH_RUNS:-5}
origin=tld.
[ -x "$verify" ] || { echo "unsigned.sh: $verify is not built"; exit 1; }
mkdir -p "$dir"

gen="$src/../shared/bench/genzone.py"
[ -f "$gen" ] || gen="$src/bench/genzone.py"
echo "# signet unsigned-zone benchmark"
echo "# date: $(date -u +%Y-%m-%dT%H:%M:%SZ)  host: $(nproc) cores, $(awk '/MemTotal/{printf "%.0f GiB", $2/1048576}' /proc/meminfo)"
echo "# generator: $gen"
echo "# signet: $("$verify" --version 2>/dev/null | head -1)"
command -v kzonecheck >/dev/null && echo "# kzonecheck: $(kzonecheck --version 2>&1 | head -1)"
command -v named-checkzone >/dev/null && echo "# named-checkzone: $(named-checkzone -v 2>&1 | head -1)"
command -v ldns-read-zone >/dev/null && echo "# ldns-read-zone: $(ldns-read-zone -v 2>&1 | head -1)"

for n in $sizes; do
  zone="$dir/tld-$n.zone"
  if [ ! -s "$zone" ]; then
    echo "# generating $zone"
    python3 "$gen" --origin "$origin" --delegations "$n" --seed 1 >"$zone.tmp" && mv "$zone.tmp" "$zone"
  fi
  bytes=$(stat -c %s "$zone")
  echo
  echo "## $n delegations: $zone, $bytes bytes, $(wc -l <"$zone") lines"

  names=(signet-verify)
  cmds=("$verify -o $origin $zone")
  if command -v kzonecheck >/dev/null; then names+=(kzonecheck); cmds+=("kzonecheck -o $origin $zone"); fi
  if command -v named-checkzone >/dev/null; then names+=(named-checkzone); cmds+=("named-checkzone -q -i local $origin $zone"); fi
  if command -v ldns-read-zone >/dev/null; then names+=(ldns-read-zone); cmds+=("ldns-read-zone -q $zone"); fi

  echo "### exit codes and peak RSS (/usr/bin/time -v, one run)"
  for i in "${!cmds[@]}"; do
    /usr/bin/time -v -o "$dir/time.txt" bash -c "${cmds[$i]} >/dev/null 2>&1"
    rc=$(sed -n 's/.*Exit status: //p' "$dir/time.txt")
    rss=$(sed -n 's/.*Maximum resident set size (kbytes): //p' "$dir/time.txt")
    wall=$(sed -n 's/.*Elapsed (wall clock) time (h:mm:ss or m:ss): //p' "$dir/time.txt")
    printf '%-16s exit %s  peak RSS %6.1f MiB  wall %s\n' "${names[$i]}" "$rc" "$(echo "$rss / 1024" | bc -l)" "$wall"
  done

  echo "### wall time"
  if command -v hyperfine >/dev/null; then
    args=()
    for i in "${!cmds[@]}"; do args+=(-n "${names[$i]}" "${cmds[$i]}"); done
    # -i: a checker's exit code 1 means "warnings", not a failed run (exit codes are shown above).
    hyperfine -N -i --warmup 1 --runs "$runs" --export-json "$dir/hyperfine-$n.json" "${args[@]}" 2>&1
    python3 - "$dir/hyperfine-$n.json" "$bytes" <<'PY'
import json, sys
data = json.load(open(sys.argv[1]))
size = int(sys.argv[2]) / 1e6
base = data["results"][0]["mean"]
for r in data["results"]:
    print(f'{r["command"]:16s} mean {r["mean"]:.3f} s  ({size / r["mean"]:.1f} MB/s of zone text)  {r["mean"] / base:.2f}x signet')
PY
  else
    for i in "${!cmds[@]}"; do
      start=$(date +%s.%N)
      for _ in $(seq "$runs"); do bash -c "${cmds[$i]} >/dev/null 2>&1"; done
      end=$(date +%s.%N)
      mean=$(echo "($end - $start) / $runs" | bc -l)
      printf '%-16s mean %.3f s  (%.1f MB/s of zone text)\n' "${names[$i]}" "$mean" "$(echo "$bytes / 1000000 / $mean" | bc -l)"
    done
  fi

  if [ -x "$benchparse" ]; then
    echo "### parser only (signet-bench-parse)"
    "$benchparse" -o "$origin" -n "$runs" "$zone"
  else
    echo "### parser only: $benchparse not built (configure with -DSIGNET_BENCH=ON)"
  fi
done

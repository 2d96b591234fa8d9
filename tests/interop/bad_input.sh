#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Every zone in tests/data/bad must be rejected by signet-verify with exit code
# 3 ("could not check") and a message that names FILE:LINE, within 10 seconds.
# Each file says its expected line in a comment "; expect-line: N" and its
# origin in "; origin: NAME" ("none" = no -o option at all).
#
# Usage: bash bad_input.sh <dir-of-binaries> <tests-dir>
set -u
bindir=$1
testsdir=$2
verify="$bindir/signet-verify"
[ -x "$verify" ] || { echo "$verify not built"; exit 1; }
out=$(mktemp)
trap 'rm -f "$out"' EXIT
fail=0
n=0
for zone in "$testsdir"/data/bad/*.zone; do
  file=$(basename "$zone")
  line=$(sed -n 's/^; expect-line: *\([0-9]*\).*/\1/p' "$zone" | head -1)
  origin=$(sed -n 's/^; origin: *//p' "$zone" | head -1)
  if [ -z "$line" ] || [ -z "$origin" ]; then
    echo "FAIL $file: needs '; expect-line: N' and '; origin: NAME' comments"; fail=1; continue
  fi
  args=()
  [ "$origin" != none ] && args=(-o "$origin")
  (cd "$(dirname "$zone")" && timeout 10 "$verify" "${args[@]}" "$file") >"$out" 2>&1
  rc=$?
  if [ $rc -eq 124 ]; then
    echo "FAIL $file: signet-verify did not finish within 10 s"; fail=1; continue
  fi
  if [ $rc -ne 3 ]; then
    echo "FAIL $file: exit code $rc, expected 3 (could not check). Output:"; head -10 "$out"; fail=1; continue
  fi
  if ! grep -Eq "(^|[^[:alnum:]_.-])${file//./\\.}:${line}([^0-9]|$)" "$out"; then
    echo "FAIL $file: no message naming $file:$line. Output:"; head -10 "$out"; fail=1; continue
  fi
  echo "ok   $file: $(grep -E "${file//./\\.}:${line}" "$out" | head -1)"
  n=$((n + 1))
done
[ $fail -eq 0 ] && echo "$n bad zones rejected with file:line"
exit $fail

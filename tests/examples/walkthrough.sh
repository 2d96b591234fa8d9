#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# The README's main job (examples/walkthrough.sh, run by scripts/quickstart.sh)
# works end to end at a fixed time: keys are made, the example zone is signed,
# the DS printed and the signed zone verified against it; a second run reuses
# the keys and changes no byte of the signed zone. (Peers accepting signet's
# output is tests/interop/signzone_roundtrip.sh: they read the clock, so they
# need signatures valid now, not at this test's fixed time.)
# Usage: walkthrough.sh <dir-of-binaries> <tests-dir>
set -euo pipefail
bin=$(cd "$1" && pwd); tests=$(cd "$2" && pwd)
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
export SIGNET_NOW=20261122000000
failures=0
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }

"$tests/../examples/walkthrough.sh" "$bin" "$work/out" >"$work/log" 2>&1 || { cat "$work/log"; fail "the walk-through failed"; exit 1; }
signed=$work/out/example.com.zone.signed
[ "$(ls "$work/out/keys" | grep -c '\.private$')" = 2 ] || fail "expected two private keys"
grep -Eq '^example\.com\. IN DS [0-9]+ 13 2 [0-9A-F]{64}$' "$work/out/example.com.zone.ds" || fail "no SHA-256 DS line"
grep -q "RRSIG" "$signed" || fail "no signatures in the output"
grep -q "0 errors, 0 warnings" "$work/log" || fail "signet-verify reported findings"
cp "$signed" "$work/first"
"$tests/../examples/walkthrough.sh" "$bin" "$work/out" >"$work/log2" 2>&1 || { cat "$work/log2"; fail "the second run failed"; }
cmp -s "$signed" "$work/first" || fail "a re-run with nothing due changed the signed zone"
[ "$(ls "$work/out/keys" | grep -c '\.private$')" = 2 ] || fail "the second run made new keys"
grep -q "0 to make" "$work/log2" || fail "the plan after a re-run should have nothing to make"
[ "$failures" = 0 ] && echo "walk-through: passed" || exit 1

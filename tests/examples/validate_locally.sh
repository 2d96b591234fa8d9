#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# examples/validate-locally.sh, the README's "see a resolver validate it"
# step: the walk-through's signed example zone and DS validate (exit 0, three
# AD answers); the same zone with one address changed does not (exit 1).
# Usage: validate_locally.sh <dir-of-binaries> <tests-dir>
set -u
bin=$(cd "$1" && pwd); tests=$(cd "$2" && pwd)
export PATH=$PATH:/usr/sbin
for tool in nsd unbound dig; do command -v $tool >/dev/null || { echo "$tool not installed"; exit 77; }; done
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
export SIGNET_NOW=20261122000000
failures=0
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }
"$tests/../examples/walkthrough.sh" "$bin" "$work/out" >/dev/null 2>&1 || fail "the walk-through failed"
signed=$work/out/example.com.zone.signed ds=$work/out/example.com.zone.ds
out=$("$tests/../examples/validate-locally.sh" "$signed" "$ds" 2>&1); rc=$?
[ "$rc" = 0 ] || { fail "the signed example did not validate (exit $rc)"; echo "$out"; }
[ "$(grep -c 'validated (AD)' <<<"$out")" = 3 ] || { fail "want 3 validated answers"; echo "$out"; }
grep -q "status: NXDOMAIN" <<<"$out" || fail "the default questions should include an NXDOMAIN"
sed 's/192\.0\.2\.25$/192.0.2.26/' "$signed" >"$work/tampered"
out=$("$tests/../examples/validate-locally.sh" "$work/tampered" "$ds" mail.example.com. A 2>&1); rc=$?
[ "$rc" = 1 ] || { fail "a tampered zone validated (exit $rc)"; echo "$out"; }
grep -q "NOT validated" <<<"$out" || fail "no 'NOT validated' for the tampered record"
[ "$failures" = 0 ] && echo "validate-locally: passed" || exit 1

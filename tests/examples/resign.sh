#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# examples/signet-resign, the cron / systemd-timer job, in a temporary
# directory at fixed times: the first run publishes and reloads, quietly; a
# run with nothing due changes no byte and does not reload; a changed zone is
# re-signed (serial bumped by the extra signet-signzone options) and reloaded;
# a broken zone, a failing publication check (--crit-expiry beyond the
# validity), and a failing reload exit non-zero with a message and leave the
# published zone as it was; a damaged published zone is replaced by a good one.
# Usage: resign.sh <dir-of-binaries> <tests-dir>
set -uo pipefail
bin=$(cd "$1" && pwd); tests=$(cd "$2" && pwd)
resign=$tests/../examples/signet-resign
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
cd "$work"
export SIGNET_BIN=$bin SIGNET_NOW=20261122000000
failures=0
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }
mkdir keys
"$bin/signet-keygen" --now $SIGNET_NOW -K keys --ksk example.com >/dev/null
"$bin/signet-keygen" --now $SIGNET_NOW -K keys example.com >/dev/null
cp "$tests/../examples/example.com.zone" zone
run() {  # run ARGS...: signet-resign with a reload that counts, output in $out, status in $rc
  out=$("$resign" -K keys -r 'echo x >> reloads' "$@" 2>&1); rc=$?
}
reloads() { [ -f reloads ] && wc -l <reloads || echo 0; }

run -- -N increment zone pub.zone
[ "$rc" = 0 ] || fail "first run: exit $rc: $out"
[ -z "$out" ] || fail "first run is not quiet: $out"
[ "$(reloads)" = 1 ] || fail "first run: want 1 reload, got $(reloads)"
"$bin/signet-verify" -q --now $SIGNET_NOW pub.zone || fail "the published zone does not verify"
cp pub.zone first.zone

run -- -N increment zone pub.zone
[ "$rc" = 0 ] && [ -z "$out" ] || fail "no-op run: exit $rc, output: $out"
cmp -s pub.zone first.zone || fail "a run with nothing due changed the published zone"
[ "$(reloads)" = 1 ] || fail "a run with nothing due reloaded"

sed -i 's/^mail            IN  A     192.0.2.25/mail            IN  A     192.0.2.26/' zone
SIGNET_NOW=20261123000000 run -- -N increment zone pub.zone
[ "$rc" = 0 ] && [ -z "$out" ] || fail "changed zone: exit $rc, output: $out"
[ "$(reloads)" = 2 ] || fail "changed zone: want a second reload"
grep -q "192.0.2.26" pub.zone || fail "changed zone: the new address is not published"
serial() { awk '$4 == "SOA" { print $7 }' "$1"; }
[ "$(serial pub.zone)" = $(($(serial first.zone) + 1)) ] || fail "changed zone: serial $(serial first.zone) -> $(serial pub.zone), want +1"
cp pub.zone good.zone

cp zone zone.ok
printf 'mail IN CNAME elsewhere.example.net.\n' >>zone
run zone pub.zone
[ "$rc" != 0 ] || fail "broken zone: exit 0"
grep -q "zone:23: .*CNAME and other data" <<<"$out" || fail "broken zone: the cause is not shown: $out"
grep -q "pub.zone is unchanged" <<<"$out" || fail "broken zone: no 'unchanged' message: $out"
cmp -s pub.zone good.zone || fail "broken zone: the published zone changed"
[ "$(reloads)" = 2 ] || fail "broken zone: reloaded"
cp zone.ok zone

# A margin longer than the 14-day validity: the check before publishing fails.
sed -i 's/192.0.2.26/192.0.2.27/' zone
run -c 20d zone pub.zone
[ "$rc" != 0 ] || fail "crit margin: exit 0"
grep -q "signature-expiry-critical" <<<"$out" || fail "crit margin: the finding is not shown: $out"
cmp -s pub.zone good.zone || fail "crit margin: the published zone changed"
ls -a | grep -q '\.tmp\|signet' && fail "crit margin: a temporary file was left: $(ls -a)"

out=$("$resign" -K keys -r 'exit 3' zone pub.zone 2>&1); rc=$?
[ "$rc" != 0 ] || fail "failing reload: exit 0"
grep -q "reload command failed" <<<"$out" || fail "failing reload: no message: $out"
cp zone.ok zone

# The published file damaged on disk (one signature byte): the next run
# replaces it with a good one rather than keeping the damaged signature.
awk '$4 == "RRSIG" && $5 == "MX" && !done { $NF = "AAAA" substr($NF, 5); done = 1 } { print }' OFS='\t' good.zone >pub.zone
"$bin/signet-verify" -q --now $SIGNET_NOW pub.zone >/dev/null 2>&1 && fail "the damage did not damage"
SIGNET_NOW=20261123000000 run zone pub.zone
[ "$rc" = 0 ] || fail "damaged published zone: exit $rc: $out"
"$bin/signet-verify" -q --now 20261123000000 pub.zone || fail "damaged published zone was not repaired"

[ "$failures" = 0 ] && echo "signet-resign: passed" || exit 1

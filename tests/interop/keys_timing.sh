#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Interop: BIND's `dnssec-signzone -S` reads the timing metadata signet-keygen
# writes. With a current KSK and ZSK, a pre-published successor ZSK made by
# `signet-keygen -S` (published, not yet active), and a ZSK whose Publish time
# is in the future, BIND must publish the first three DNSKEYs, sign only with
# the active ZSK, and leave the future key out; dnssec-verify accepts the zone.
#
# Usage: bash keys_timing.sh <dir-of-binaries> <tests-dir>
set -u
bindir=$1
keygen="$bindir/signet-keygen"
for tool in dnssec-signzone dnssec-verify; do
  command -v "$tool" >/dev/null || { echo "$tool not installed (apt-get install bind9-utils)"; exit 77; }
done
[ -x "$keygen" ] || { echo "$keygen not built"; exit 1; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail() { echo "FAIL: $*"; exit 1; }

# Keys start at a fixed past time; "far" is well after any real clock reading.
NOW=20250101000000
FAR=20991231000000
cat >"$work/zone.db" <<'ZONE'
$ORIGIN example.com.
$TTL 3600
@    IN SOA ns1.example.com. hostmaster.example.com. 1 7200 3600 1209600 300
@    IN NS  ns1.example.com.
ns1  IN A   192.0.2.1
ZONE
ksk=$("$keygen" -K "$work" --ksk --now $NOW example.com) || fail "signet-keygen --ksk"
zsk=$("$keygen" -K "$work" --now $NOW -I $FAR example.com) || fail "signet-keygen ZSK"
next=$("$keygen" -K "$work" --now $NOW -S "$work/$zsk") || fail "signet-keygen -S"
future=$("$keygen" -K "$work" --now $NOW -P $FAR -A $FAR example.com) || fail "signet-keygen -P future"
tag() { echo "$1" | sed 's/.*+0*\([0-9][0-9]*\)$/\1/'; }

dnssec-signzone -S -K "$work" -o example.com -f "$work/signed" "$work/zone.db" >"$work/log" 2>&1 || { cat "$work/log"; fail "dnssec-signzone -S"; }
dnssec-verify -o example.com "$work/signed" >"$work/log" 2>&1 || { cat "$work/log"; fail "dnssec-verify"; }
# BIND notes each DNSKEY's tag in a comment after the record: "; key id = N".
for k in "$ksk" "$zsk" "$next"; do
  grep -q "key id = $(tag "$k")\$" "$work/signed" || fail "$k is not published"
done
grep -q "key id = $(tag "$future")\$" "$work/signed" && fail "$future is published before its Publish time"
# RRSIGs name their signer's tag after the two timestamps.
grep -Eq "[0-9]{14} [0-9]{14} $(tag "$zsk") example\.com\." "$work/signed" || fail "the active ZSK $zsk does not sign"
grep -Eq "[0-9]{14} [0-9]{14} $(tag "$next") example\.com\." "$work/signed" && fail "the successor $next signs before its Activate time"
echo "BIND follows signet-keygen's timing metadata"

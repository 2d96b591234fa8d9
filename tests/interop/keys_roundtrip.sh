#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Interop for key files and DS records, for every signing algorithm
# (8 10 13 14 15 16):
#  - a KSK and a ZSK from signet-keygen sign a small zone with BIND's
#    `dnssec-signzone -S` (which picks them up by their timing metadata) and
#    `dnssec-verify` accepts it; `ldns-signzone` signs with the same key files
#    and `ldns-verify-zone` accepts the result;
#  - signet-key2ds prints what `dnssec-dsfromkey -2` / `-a SHA-384` and
#    `ldns-key2ds -f -n -2` print (case-insensitively, whitespace normalised);
#  - DS from the BIND-signed zone (-f) equals `dnssec-dsfromkey -f`;
#  - keys made by `dnssec-keygen` and `ldns-keygen` are read by signet-key2ds
#    with the same results.
#
# Usage: bash keys_roundtrip.sh <dir-of-binaries> <tests-dir>
# Exit 77 (skipped) when BIND or ldns tools are not installed.
set -u
bindir=$1
keygen="$bindir/signet-keygen"
key2ds="$bindir/signet-key2ds"
for tool in dnssec-keygen dnssec-signzone dnssec-verify dnssec-dsfromkey ldns-keygen ldns-signzone ldns-verify-zone ldns-key2ds; do
  command -v "$tool" >/dev/null || { echo "$tool not installed (apt-get install bind9-utils ldnsutils)"; exit 77; }
done
[ -x "$keygen" ] && [ -x "$key2ds" ] || { echo "signet-keygen/signet-key2ds not built"; exit 1; }

# Keys are created, published and active at this fixed time, in the past, so
# BIND (which reads the clock) finds them active.
NOW=20250101000000
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
failures=0
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }
# Lower-case, squeeze blanks to one space, drop empty lines.
norm() { tr 'A-Z\t' 'a-z ' | tr -s ' ' | sed -e 's/ *$//' -e '/^$/d'; }
same() {  # same LABEL FILE-A FILE-B; an empty reference output is a failure too
  [ -s "$2" ] || { fail "$1: the reference tool printed nothing"; return; }
  if ! diff <(norm <"$2") <(norm <"$3") >"$work/diff"; then fail "$1"; cat "$work/diff"; fi
}
declare -A LDNS_NAME=([8]=RSASHA256 [10]=RSASHA512 [13]=ECDSAP256SHA256 [14]=ECDSAP384SHA384 [15]=ED25519 [16]=ED448)

for alg in 8 10 13 14 15 16; do
  dir="$work/$alg"
  mkdir "$dir"
  cat >"$dir/zone.db" <<ZONE
\$ORIGIN example.com.
\$TTL 3600
@    IN SOA ns1.example.com. hostmaster.example.com. 2025010101 7200 3600 1209600 300
@    IN NS  ns1.example.com.
ns1  IN A   192.0.2.1
www  IN A   192.0.2.2
www  IN AAAA 2001:db8::2
sub  IN NS  ns.sub.example.com.
ns.sub IN A 192.0.2.3
ZONE
  ksk=$("$keygen" -K "$dir" -a "$alg" --ksk --now "$NOW" example.com) || { fail "alg $alg: signet-keygen --ksk"; continue; }
  zsk=$("$keygen" -K "$dir" -a "$alg" --now "$NOW" example.com) || { fail "alg $alg: signet-keygen"; continue; }

  # BIND signs with signet's keys, found by their timing metadata.
  if dnssec-signzone -S -K "$dir" -o example.com -f "$dir/bind.signed" "$dir/zone.db" >"$dir/log" 2>&1; then
    grep -Eq "DNSKEY[[:space:]]+257 3 $alg " "$dir/bind.signed" || fail "alg $alg: dnssec-signzone -S did not publish the KSK"
    dnssec-verify -o example.com "$dir/bind.signed" >"$dir/log" 2>&1 || { fail "alg $alg: dnssec-verify"; cat "$dir/log"; }
    # DS for the signed zone's SEP keys, read from the zone file.
    dnssec-dsfromkey -2 -f "$dir/bind.signed" example.com >"$dir/ds.bind" 2>/dev/null
    "$key2ds" -f "$dir/bind.signed" >"$dir/ds.signet" || fail "alg $alg: signet-key2ds -f on the signed zone"
    same "alg $alg: -f signed zone vs dnssec-dsfromkey -f" "$dir/ds.bind" "$dir/ds.signet"
  else
    fail "alg $alg: dnssec-signzone -S"; cat "$dir/log"
  fi

  # ldns signs with the same key files.
  if (cd "$dir" && ldns-signzone -o example.com -f ldns.signed zone.db "$ksk" "$zsk") >"$dir/log" 2>&1; then
    ldns-verify-zone "$dir/ldns.signed" >"$dir/log" 2>&1 || { fail "alg $alg: ldns-verify-zone"; cat "$dir/log"; }
  else
    fail "alg $alg: ldns-signzone"; cat "$dir/log"
  fi

  # DS from signet's keys: same as BIND's and ldns's.
  for key in "$ksk" "$zsk"; do
    dnssec-dsfromkey -2 "$dir/$key.key" >"$dir/ds.bind" 2>/dev/null
    "$key2ds" "$dir/$key.key" >"$dir/ds.signet" || fail "alg $alg: signet-key2ds $key"
    same "alg $alg: $key SHA-256 vs dnssec-dsfromkey -2" "$dir/ds.bind" "$dir/ds.signet"
    dnssec-dsfromkey -a SHA-384 "$dir/$key.key" >"$dir/ds.bind" 2>/dev/null
    "$key2ds" -a SHA-384 "$dir/$key.key" >"$dir/ds.signet"
    same "alg $alg: $key SHA-384 vs dnssec-dsfromkey -a SHA-384" "$dir/ds.bind" "$dir/ds.signet"
    (cd "$dir" && ldns-key2ds -f -n -2 "$key.key") >"$dir/ds.ldns"
    "$key2ds" -T 3600 "$dir/$key.key" >"$dir/ds.signet"
    same "alg $alg: $key vs ldns-key2ds -n -2" "$dir/ds.ldns" "$dir/ds.signet"
  done

  # Keys from BIND and ldns, read by signet-key2ds.
  bits=(); [ "$alg" -le 10 ] && bits=(-b 2048)
  bkey=$(dnssec-keygen -q -K "$dir" -a "$alg" "${bits[@]}" -f KSK example.org 2>/dev/null) || { fail "alg $alg: dnssec-keygen"; continue; }
  dnssec-dsfromkey -2 "$dir/$bkey.key" >"$dir/ds.bind" 2>/dev/null
  "$key2ds" "$dir/$bkey.key" >"$dir/ds.signet" || fail "alg $alg: signet-key2ds on dnssec-keygen's key"
  same "alg $alg: dnssec-keygen key" "$dir/ds.bind" "$dir/ds.signet"
  "$key2ds" -f "$dir/$bkey.key" >"$dir/ds.signet" || fail "alg $alg: signet-key2ds -f on dnssec-keygen's key"
  same "alg $alg: dnssec-keygen key via -f" "$dir/ds.bind" "$dir/ds.signet"

  lkey=$(cd "$dir" && ldns-keygen -a "${LDNS_NAME[$alg]}" "${bits[@]}" -k example.net) || { fail "alg $alg: ldns-keygen"; continue; }
  (cd "$dir" && ldns-key2ds -n -2 "$lkey.key") >"$dir/ds.ldns"
  "$key2ds" -T 3600 "$dir/$lkey.key" >"$dir/ds.signet" || fail "alg $alg: signet-key2ds on ldns-keygen's key"
  same "alg $alg: ldns-keygen key" "$dir/ds.ldns" "$dir/ds.signet"
  echo "alg $alg: checked"
done

[ "$failures" -eq 0 ] || { echo "$failures failure(s)"; exit 1; }
echo "all key interop checks passed"

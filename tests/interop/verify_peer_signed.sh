#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# signet-verify accepts what the other signers produce (issue 4): the zone
# tests/data/signzone/test.zone (less its deliberately occluded record) is
# signed by BIND's dnssec-signzone, ldns-signzone and Knot's kzonesign, with
# their own keys, for algorithms 8 10 13 14 15 16 x NSEC / NSEC3 / NSEC3
# opt-out, and by BIND with two algorithms (8 and 13) at once. signet-verify
# must report no finding at all (exit 0). The peers sign at the current time
# with their default validity, so signet-verify checks at the current time too.
# Usage: bash verify_peer_signed.sh <dir-of-binaries> <tests-dir>
# Exit 77 (skipped) when a peer tool is missing.
set -u
bindir=$1 tests=$2
for tool in dnssec-keygen dnssec-signzone ldns-keygen ldns-signzone keymgr kzonesign; do
  command -v "$tool" >/dev/null || { echo "$tool not installed (apt-get install bind9-utils ldnsutils knot knot-dnsutils)"; exit 77; }
done
ORIGIN=signed.test.
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
failures=0 cases=0
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }
grep -v '^occluded\.' "$tests/data/signzone/test.zone" >"$work/zone"
declare -A NAME=([8]=RSASHA256 [10]=RSASHA512 [13]=ECDSAP256SHA256 [14]=ECDSAP384SHA384 [15]=ED25519 [16]=ED448)

check() {  # check LABEL SIGNED-FILE
  cases=$((cases + 1))
  [ -s "$2" ] || { fail "$1: the peer wrote nothing"; return; }
  "$bindir/signet-verify" -o "$ORIGIN" "$2" >"$2.out" 2>&1 || { fail "$1: signet-verify exit $?"; head -20 "$2.out"; }
  # ... and it did check a signed zone: every signature verified, none skipped.
  "$bindir/signet-verify" -o "$ORIGIN" --format json "$2" 2>/dev/null |
    grep -Eq '"signed":true,"signatures":([1-9][0-9]*),"signatures_verified":\1,' ||
    fail "$1: not a signed zone, or not every signature was verified"
}

bind_sign() {  # bind_sign DIR ALG... -- SIGNZONE-ARGS...
  local dir=$1; shift
  mkdir -p "$dir"
  while [ "$1" != -- ]; do
    local bits=(); case $1 in 8|10) bits=(-b 2048) ;; esac
    dnssec-keygen -q -K "$dir" -a "${NAME[$1]}" "${bits[@]}" -f KSK "$ORIGIN" >/dev/null &&
      dnssec-keygen -q -K "$dir" -a "${NAME[$1]}" "${bits[@]}" "$ORIGIN" >/dev/null || fail "dnssec-keygen $1"
    shift
  done
  shift
  dnssec-signzone -q -S -K "$dir" -d "$dir" -o "$ORIGIN" -f "$dir/out" "$@" "$work/zone" >/dev/null 2>"$dir/err" ||
    { fail "dnssec-signzone $*"; cat "$dir/err"; }
}

for alg in 8 10 13 14 15 16; do
  bits=(); case $alg in 8|10) bits=(-b 2048) ;; esac
  # BIND
  for mode in nsec nsec3 optout; do
    args=(); [ $mode = nsec3 ] && args=(-3 - -H 0); [ $mode = optout ] && args=(-3 - -H 0 -A)
    bind_sign "$work/bind-$alg-$mode" $alg -- "${args[@]}"
    check "dnssec-signzone alg $alg $mode" "$work/bind-$alg-$mode/out"
  done
  # ldns
  d=$work/ldns-$alg
  mkdir -p "$d"
  (cd "$d" && ldns-keygen -a "${NAME[$alg]}" "${bits[@]}" -k "$ORIGIN" >ksk && ldns-keygen -a "${NAME[$alg]}" "${bits[@]}" "$ORIGIN" >zsk) ||
    { fail "ldns-keygen $alg"; continue; }
  for mode in nsec nsec3 optout; do
    args=(); [ $mode = nsec3 ] && args=(-n -t 0); [ $mode = optout ] && args=(-n -t 0 -p)
    ldns-signzone "${args[@]}" -f "$d/$mode.out" "$work/zone" "$d/$(cat "$d/ksk")" "$d/$(cat "$d/zsk")" 2>"$d/err" ||
      { fail "ldns-signzone alg $alg $mode"; cat "$d/err"; }
    check "ldns-signzone alg $alg $mode" "$d/$mode.out"
  done
  # Knot
  for mode in nsec nsec3 optout; do
    d=$work/knot-$alg-$mode
    mkdir -p "$d/db" "$d/out"
    n3=off oo=off; [ $mode != nsec ] && n3=on; [ $mode = optout ] && oo=on
    cat >"$d/knot.conf" <<CONF
database:
    storage: $d/db
keystore:
  - id: ks
    backend: pem
    config: $d/db/keys
policy:
  - id: pol
    manual: on
    nsec3: $n3
    nsec3-opt-out: $oo
    nsec3-iterations: 0
    nsec3-salt-length: 0
    keystore: ks
zone:
  - domain: $ORIGIN
    storage: $work
    file: zone
    dnssec-signing: on
    dnssec-policy: pol
CONF
    size=(); case $alg in 8|10) size=(size=2048) ;; esac
    { keymgr -c "$d/knot.conf" "$ORIGIN" generate algorithm=$alg ksk=yes "${size[@]}" &&
      keymgr -c "$d/knot.conf" "$ORIGIN" generate algorithm=$alg ksk=no "${size[@]}"; } >/dev/null 2>"$d/err" ||
      { fail "keymgr generate $alg"; cat "$d/err"; continue; }
    kzonesign -c "$d/knot.conf" -o "$d/out" "$ORIGIN" >/dev/null 2>"$d/err" || { fail "kzonesign alg $alg $mode"; cat "$d/err"; }
    check "kzonesign alg $alg $mode" "$d/out/zone"
  done
done
# Two algorithms at once (the middle of an algorithm rollover).
bind_sign "$work/bind-two" 8 13 --
check "dnssec-signzone algs 8+13" "$work/bind-two/out"
bind_sign "$work/bind-two3" 8 13 -- -3 - -H 0
check "dnssec-signzone algs 8+13 NSEC3" "$work/bind-two3/out"

echo "peer-signed zones: $cases checked, $failures failures"
[ "$failures" = 0 ]

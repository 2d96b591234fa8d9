#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# signet-signzone output is accepted by every peer validator, for algorithms
# 8 10 13 14 15 16 x NSEC / NSEC3 / NSEC3 opt-out, plus two algorithms at once
# and a single key used as a CSK, on tests/data/signzone/test.zone
# (delegations with and without DS, glue, occluded data, wildcards, empty
# non-terminals, a DNAME, apex CDS/CDNSKEY from the KSK's SyncPublish):
#  - BIND's `dnssec-verify`, ldns's `ldns-verify-zone` and Knot's
#    `kzonecheck -d on` accept it (they read the clock, so signatures run
#    from the fixed signing time to 2036);
#  - `signet-verify --format json` reports nothing but the zone's deliberate
#    occluded record;
#  - the unsigned content is unchanged: the signed zone minus DNSSEC records
#    prints (signet-verify --print) exactly as the input does;
#  - CDS and CDNSKEY are present for the KSK, and the CDS matches
#    signet-key2ds --cds of it; NSEC3 zones carry NSEC3PARAM 1 0 0 -;
#  - a re-sign an hour later of the zone with one address changed patches
#    the previous output (signet-signzone -v says so), and every validator
#    accepts that too.
#
# Usage: bash signzone_roundtrip.sh <dir-of-binaries> <tests-dir>
# Exit 77 (skipped) when a peer tool is not installed.
set -u
bindir=$1 tests=$2
for tool in dnssec-verify ldns-verify-zone kzonecheck; do
  command -v "$tool" >/dev/null || { echo "$tool not installed (apt-get install bind9-utils ldnsutils knot-dnsutils)"; exit 77; }
done
for b in keygen signzone key2ds verify; do
  [ -x "$bindir/signet-$b" ] || { echo "signet-$b not built"; exit 1; }
done
NOW=20261122000000 UNTIL=20361122000000 ORIGIN=signed.test.
zone=$tests/data/signzone/test.zone
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
failures=0 cases=0
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }
# The zone without DNSSEC records, in canonical form (owner TTL class type rdata).
unsigned_view() {
  "$bindir/signet-verify" -o "$ORIGIN" --print "$1" 2>/dev/null |
    awk '$4 !~ /^(RRSIG|NSEC|NSEC3|NSEC3PARAM|DNSKEY|CDS|CDNSKEY|ZONEMD)$/'
}
# The same zone with one address changed: a re-sign keeps its shape.
sed 's/^mail            A     192\.0\.2\.25$/mail            A     192.0.2.26/' "$zone" >"$work/changed.zone"
cmp -s "$zone" "$work/changed.zone" && { echo "cannot change $zone"; exit 1; }
unsigned_view "$work/changed.zone" >"$work/changed.view"
unsigned_view "$zone" >"$work/input.view"
[ -s "$work/input.view" ] || { echo "cannot print $zone"; exit 1; }

check() {  # check LABEL DIR MODE-ARGS...: sign with the keys in DIR, run every validator
  # (with RESIGN=1: the changed zone an hour later, which must patch the previous output)
  local label=$1 dir=$2; shift 2
  local out=$dir/out.zone in=$zone now=$NOW view=$work/input.view
  [ "${RESIGN:-}" = 1 ] && in=$work/changed.zone now=20261122010000 view=$work/changed.view
  cases=$((cases + 1))
  if ! "$bindir/signet-signzone" -v --now $now -e $UNTIL -K "$dir" -f "$out" "$@" "$in" 2>"$dir/err"; then
    fail "$label: signet-signzone failed"; cat "$dir/err"; return
  fi
  if [ "${RESIGN:-}" = 1 ] && ! grep -q "^patched the previous output" "$dir/err"; then
    fail "$label: the previous output was not patched"; cat "$dir/err"
  fi
  dnssec-verify -q ${BIND_FLAGS:-} -o "$ORIGIN" "$out" >"$dir/bind" 2>&1 || { fail "$label: dnssec-verify"; cat "$dir/bind"; }
  ldns-verify-zone "$out" >"$dir/ldns" 2>&1 || { fail "$label: ldns-verify-zone"; cat "$dir/ldns"; }
  kzonecheck -o "$ORIGIN" -d on "$out" >"$dir/knot" 2>&1 || { fail "$label: kzonecheck -d on"; cat "$dir/knot"; }
  "$bindir/signet-verify" --now $now --format json "$out" >"$dir/json" 2>/dev/null
  local ids
  ids=$(grep -o '"check": *"[^"]*"' "$dir/json" | sed 's/.*"\([^"]*\)"$/\1/' | sort -u | tr '\n' ' ')
  [ "$ids" = "occluded-data " ] || { fail "$label: signet-verify found: ${ids:-nothing (expected occluded-data)}"; cat "$dir/json"; }
  unsigned_view "$out" | diff "$view" - >"$dir/diff" || { fail "$label: unsigned content changed"; cat "$dir/diff"; }
  case " $* " in
    *" -3 "*) grep -Eq "NSEC3PARAM[[:space:]]+1 0 0 -" "$out" || fail "$label: no NSEC3PARAM 1 0 0 -"
              ! grep -Eq "[[:space:]]NSEC[[:space:]]" "$out" || fail "$label: NSEC records in an NSEC3 zone" ;;
    *) grep -Eq "[[:space:]]NSEC[[:space:]]" "$out" || fail "$label: no NSEC records" ;;
  esac
  case " $* " in
    *" -A "*) grep -Eq "^[^;]*[[:space:]]NSEC3[[:space:]]+1 1 " "$out" || fail "$label: no opt-out NSEC3" ;;
  esac
}

keys() {  # keys DIR ALG [--csk]: a KSK (CDS published) and a ZSK, or one CSK
  mkdir -p "$1"
  "$bindir/signet-keygen" --now $NOW -K "$1" -a "$2" --ksk --sync-publish now "${ORIGIN%.}" >/dev/null || fail "keygen $2 KSK"
  [ "${3:-}" = --csk ] || "$bindir/signet-keygen" --now $NOW -K "$1" -a "$2" "${ORIGIN%.}" >/dev/null || fail "keygen $2 ZSK"
}

for alg in 8 10 13 14 15 16; do
  dir=$work/alg$alg
  keys "$dir" $alg
  check "alg $alg NSEC" "$dir"
  # CDS/CDNSKEY at the apex, and the CDS is what signet-key2ds says of the KSK.
  for t in CDS CDNSKEY; do
    grep -Eq "^[^;]*[[:space:]]$t[[:space:]]" "$dir/out.zone" || fail "alg $alg: no $t at the apex"
  done
  ksk=$(grep -l "key-signing" "$dir"/*.key 2>/dev/null | head -1)
  [ -n "$ksk" ] || ksk=$(grep -lE "DNSKEY[[:space:]]+257" "$dir"/*.key | head -1)
  want=$("$bindir/signet-key2ds" --cds "$ksk" | awk '{print $NF}')
  grep -qi "$want" "$dir/out.zone" || fail "alg $alg: CDS does not match signet-key2ds --cds"
  check "alg $alg NSEC3" "$dir" -3
  check "alg $alg NSEC3 opt-out" "$dir" -3 -A
  RESIGN=1 check "alg $alg NSEC3 opt-out, re-signed" "$dir" -3 -A
  # Back from NSEC3 to NSEC on a re-sign over the NSEC3 output.
  cp "$dir/out.zone" "$dir/prev.zone"
  check "alg $alg NSEC after NSEC3" "$dir"
  RESIGN=1 check "alg $alg NSEC, re-signed" "$dir"
done

# Two algorithms at once (an algorithm rollover's middle state): every RRset
# signed by both (RFC 4035 2.2, RFC 6840 5.11).
dir=$work/two
keys "$dir" 8; keys "$dir" 13
check "algs 8+13 NSEC" "$dir"
check "algs 8+13 NSEC3" "$dir" -3
RESIGN=1 check "algs 8+13 NSEC3, re-signed" "$dir" -3
grep -Eq "RRSIG[[:space:]]+A 8 " "$dir/out.zone" && grep -Eq "RRSIG[[:space:]]+A 13 " "$dir/out.zone" ||
  fail "algs 8+13: the A RRsets are not signed with both"

# One key, a CSK: it signs everything. (dnssec-verify wants a non-SEP key per
# algorithm unless told with -z that SEP flags do not decide the roles.)
dir=$work/csk
BIND_FLAGS=-z
keys "$dir" 13 --csk
check "CSK NSEC" "$dir"
check "CSK NSEC3 opt-out" "$dir" -3 -A

echo "signzone round trips: $cases cases, $failures failures"
[ "$failures" = 0 ]

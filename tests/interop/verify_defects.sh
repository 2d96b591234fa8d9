#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# signet-verify on damaged signed zones (issue 4): a good zone signed by
# signet (NSEC, NSEC3, two algorithms, ZONEMD) is damaged in exactly one way
# at a time, and each test asserts the finding's id, the line it names (the
# damaged record's line in the file, from --format json), and the exit
# status. Also: --warn-expiry / --crit-expiry, --ds, --require-zonemd,
# --nagios (status line, perfdata, exit 0/1/2/3) and "could not check" (3).
# Usage: bash verify_defects.sh <dir-of-binaries> <tests-dir>
set -u
bindir=$1 tests=$2
verify=$bindir/signet-verify
command -v python3 >/dev/null || { echo "python3 not installed"; exit 77; }
NOW=20261122000000
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work" || exit 1
failures=0 checks=0
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }
zone=$tests/../examples/example.com.zone

mkdir k k2
"$bindir/signet-keygen" --now $NOW -K k --ksk example.com >/dev/null
"$bindir/signet-keygen" --now $NOW -K k example.com >/dev/null
cp k/* k2/
"$bindir/signet-keygen" --now $NOW -K k2 -a 8 --ksk example.com >/dev/null
"$bindir/signet-keygen" --now $NOW -K k2 -a 8 example.com >/dev/null
sign() { "$bindir/signet-signzone" -q --now $NOW "$@" "$zone" || fail "signing $*"; }
sign -K k -f nsec.zone
sign -K k -3 -f nsec3.zone
sign -K k2 -f two.zone
sign -K k --zonemd -f zonemd.zone
"$bindir/signet-key2ds" -f nsec.zone >good.ds

# The line (1-based) of the first line matching an awk condition.
line_of() { awk "$2 { print NR; exit }" "$1"; }

# expect LABEL FILE EXIT ID LINE [signet-verify options...]: the finding with
# ID is reported on LINE (or anywhere when LINE is -), and the exit status is
# EXIT. The check runs at $VNOW when set, else at the signing time.
expect() {
  local label=$1 file=$2 want_exit=$3 id=$4 line=$5; shift 5
  checks=$((checks + 1))
  "$verify" --now "${VNOW:-$NOW}" --format json "$@" "$file" >out.json 2>/dev/null
  local rc=$?
  [ "$rc" = "$want_exit" ] || fail "$label: exit $rc, want $want_exit"
  python3 - "$id" "$line" out.json >/dev/null 2>found.txt <<'PY' || { fail "$label: no [$id] finding on line $line"; cat found.txt; }
import json, sys
want_id, want_line = sys.argv[1], sys.argv[2]
report = json.load(open(sys.argv[3]))
hits = [f for f in report.get("findings", []) if f["check"] == want_id]
if not hits or (want_line != "-" and not any(str(f["line"]) == want_line for f in hits)):
    ids = sorted({(f["check"], f["line"]) for f in report.get("findings", [])})
    sys.stderr.write(f"    findings (id, line): {ids}\n")
    sys.exit(1)
PY
}

# 0. The good zones are clean.
for f in nsec.zone nsec3.zone two.zone zonemd.zone; do
  "$verify" --now $NOW -q "$f" || fail "$f: the good zone is not clean"
done
"$verify" --now $NOW -q --ds good.ds --require-zonemd zonemd.zone || fail "zonemd.zone with --ds and --require-zonemd"

# 1. One signature byte changed.
n=$(line_of nsec.zone '$4 == "RRSIG" && $5 == "MX"')
awk -v n="$n" 'NR == n { sig = $NF; c = substr(sig, 1, 1); $NF = (c == "A" ? "B" : "A") substr(sig, 2) } { print }' OFS='\t' nsec.zone >d1.zone
expect "bad signature" d1.zone 2 rrsig-bad-signature "$n"

# 2. An RRSIG removed: the TXT RRset at the apex is unsigned.
n=$(line_of nsec.zone '$4 == "RRSIG" && $5 == "TXT"')
t=$(line_of nsec.zone '$1 == "example.com." && $4 == "TXT"')
sed "${n}d" nsec.zone >d2.zone
expect "removed RRSIG" d2.zone 2 rrset-unsigned "$t"

# 3. A broken NSEC link (mail's next name skips ns1).
n=$(line_of nsec.zone '$1 == "mail.example.com." && $4 == "NSEC"')
awk -v n="$n" 'NR == n { $5 = "sip.example.com." } { print }' OFS='\t' nsec.zone >d3.zone
expect "broken NSEC link" d3.zone 2 nsec-chain-broken "$n"

# 4. A wrong NSEC bitmap (AAAA dropped at mail).
awk -v n="$n" 'NR == n { sub(/ AAAA/, "") } { print }' nsec.zone >d4.zone
expect "wrong NSEC bitmap" d4.zone 2 nsec-bitmap-mismatch "$n"

# 5. NSEC3: a broken next-hash link, and a wrong bitmap.
n=$(line_of nsec3.zone '$4 == "NSEC3" && $0 ~ / A AAAA RRSIG$/')
awk -v n="$n" 'NR == n { h = $9; c = substr(h, 1, 1); $9 = (c == "0" ? "1" : "0") substr(h, 2) } { print }' OFS='\t' nsec3.zone >d5.zone
[ -n "$n" ] && expect "broken NSEC3 link" d5.zone 2 nsec3-chain-broken "$n" || fail "no NSEC3 with A AAAA RRSIG"
awk -v n="$n" 'NR == n { sub(/ AAAA/, "") } { print }' nsec3.zone >d6.zone
expect "wrong NSEC3 bitmap" d6.zone 2 nsec3-bitmap-mismatch "$n"

# 6. Expired and not-yet-valid signatures (checked at other times).
VNOW=20261215000000 expect "expired signatures" nsec.zone 2 rrsig-expired -
VNOW=20261121000000 expect "signatures from the future" nsec.zone 2 rrsig-not-yet-valid -

# 7. A missing algorithm: mail's A RRset keeps only its algorithm-13 signature.
n=$(line_of two.zone '$1 == "mail.example.com." && $4 == "RRSIG" && $5 == "A" && $6 == "8"')
a=$(line_of two.zone '$1 == "mail.example.com." && $4 == "A"')
sed "${n}d" two.zone >d7.zone
expect "missing algorithm" d7.zone 2 rrset-algorithm-missing "$a"

# 8. TTL mismatch: the A record's TTL no longer equals the RRSIG original TTL.
a=$(line_of nsec.zone '$1 == "mail.example.com." && $4 == "A"')
awk -v n="$a" 'NR == n { $2 = 7200 } { print }' OFS='\t' nsec.zone >d8.zone
expect "TTL mismatch" d8.zone 2 rrsig-ttl-mismatch -

# 9. A DS that matches no key of the zone.
sed 's/[0-9A-F]\{8\}$/00000000/' good.ds >wrong.ds
cmp -s good.ds wrong.ds && fail "the DS edit changed nothing"
expect "DS matching no key" nsec.zone 2 trust-anchor-mismatch - --ds wrong.ds

# 10. A bad ZONEMD digest.
n=$(line_of zonemd.zone '$4 == "ZONEMD"')
awk -v n="$n" 'NR == n { d = $NF; c = substr(d, 1, 1); $NF = (c == "0" ? "1" : "0") substr(d, 2) } { print }' OFS='\t' zonemd.zone >d10.zone
expect "bad ZONEMD digest" d10.zone 2 zonemd-mismatch "$n"
expect "ZONEMD required" nsec.zone 2 zonemd-missing - --require-zonemd

# 11. Signed glue: an RRSIG for the glue address of ns1.lab.
s=$(grep -P '^mail\.example\.com\.\t3600\tIN\tRRSIG\tA ' nsec.zone | sed 's/^mail\.example\.com\./ns1.lab.example.com./; s/RRSIG\tA 13 3 /RRSIG\tA 13 4 /')
g=$(line_of nsec.zone '$1 == "ns1.lab.example.com." && $4 == "A"')
awk -v n="$g" -v s="$s" '{ print } NR == n { print s }' nsec.zone >d11.zone
expect "signed glue" d11.zone 2 rrsig-unexpected $((g + 1))

# 12. A key tag that names no DNSKEY.
n=$(line_of nsec.zone '$4 == "RRSIG" && $5 == "MX"')
awk -v n="$n" 'NR == n { $11 = ($11 == 1 ? 2 : 1) } { print }' OFS='\t' nsec.zone >d12.zone
expect "unknown key tag" d12.zone 2 rrsig-unknown-key "$n"

# 13. Expiry margins: signatures run until 12-06 (14 days).
expect "warn margin" nsec.zone 1 signature-expiry-warning - --warn-expiry 20d
expect "crit margin" nsec.zone 2 signature-expiry-critical - --crit-expiry 20d

# 14. Nagios: status line, perfdata, exit codes.
nagios() {  # nagios LABEL EXIT STATUS-WORD ARGS...
  local label=$1 want=$2 word=$3; shift 3
  checks=$((checks + 1))
  out=$("$verify" --now $NOW --nagios -q "$@" 2>/dev/null); rc=$?
  [ "$rc" = "$want" ] || fail "nagios $label: exit $rc, want $want"
  [ "$(printf '%s\n' "$out" | wc -l)" = 1 ] || fail "nagios $label: want one line, got: $out"
  grep -q "^SIGNET $word - " <<<"$out" || fail "nagios $label: want 'SIGNET $word - ...', got: $out"
  [ "$want" = 3 ] || grep -Eq '\| expiry_days=[0-9.]+;' <<<"$out" || fail "nagios $label: no expiry_days perfdata: $out"
}
nagios ok 0 OK nsec.zone
nagios warning 1 WARNING --warn-expiry 20d nsec.zone
nagios critical 2 CRITICAL --warn-expiry 30d --crit-expiry 20d nsec.zone
nagios "bad signature" 2 CRITICAL d1.zone
nagios "missing file" 3 UNKNOWN no-such.zone

# 15. Could not check: exit 3.
checks=$((checks + 1))
"$verify" --now $NOW no-such.zone 2>/dev/null; rc=$?
[ "$rc" = 3 ] || fail "a missing file: exit $rc, want 3"

echo "verify defects: $checks checks, $failures failures"
[ "$failures" = 0 ]

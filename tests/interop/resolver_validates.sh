#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# A real resolver validates what signet signs (issue 6). For algorithms
# 8, 13, 15 (and 14 where quick) x NSEC / NSEC3 / NSEC3 opt-out, the zone
# tests/data/signzone/test.zone is signed by signet-signzone, served by NSD on
# 127.0.0.1, and queried through Unbound, which has the zone as a stub with
# signet-key2ds's DS as its only trust anchor and Unbound's clock set to the
# signing time (val-override-date). Asserted with dig +dnssec:
#  - positive answers (SOA, an A through a CNAME, MX) are NOERROR with AD;
#  - NXDOMAIN (a name below an existing name, where no wildcard applies) and
#    NODATA answers are validated (AD);
#  - a wildcard expansion validates (AD, the synthesized address);
#  - the DS of the signed delegation validates; the unsigned delegation is
#    proven insecure (AD on the DS NODATA with NSEC / plain NSEC3, an
#    insecure NOERROR under opt-out), never SERVFAIL;
#  - a tampered record (one address changed after signing) is SERVFAIL;
#  - the same zone at a time after its signatures expired is SERVFAIL.
# A ZSK pre-publish rollover and a KSK rollover (new KSK with CDS, DS swap)
# are walked through signing runs at simulated times, and the resolver
# validates at every step.
#
# Usage: bash resolver_validates.sh <dir-of-binaries> <tests-dir>
# Exit 77 (skipped) when nsd, unbound or dig is not installed.
set -u
bindir=$1 tests=$2
for tool in nsd unbound dig; do
  command -v "$tool" >/dev/null || PATH=$PATH:/usr/sbin command -v "$tool" >/dev/null ||
    { echo "$tool not installed (apt-get install nsd unbound bind9-dnsutils)"; exit 77; }
done
export PATH=$PATH:/usr/sbin
ORIGIN=signed.test.
NOW=20261122000000
zone=$tests/data/signzone/test.zone
work=$(mktemp -d)
nsd_pid="" unbound_pid=""
stop() {
  [ -n "$unbound_pid" ] && kill "$unbound_pid" 2>/dev/null && wait "$unbound_pid" 2>/dev/null
  [ -n "$nsd_pid" ] && kill "$nsd_pid" 2>/dev/null && wait "$nsd_pid" 2>/dev/null
  nsd_pid="" unbound_pid=""
}
trap 'stop; rm -rf "$work"' EXIT
failures=0 checks=0
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }

free_port() {  # a UDP+TCP port nothing listens on
  local p
  while :; do
    p=$((20000 + RANDOM % 20000))
    ss -ltnu 2>/dev/null | grep -q ":$p " || { echo "$p"; return; }
  done
}
NSD_PORT=$(free_port)
UNBOUND_PORT=$(free_port)
[ "$NSD_PORT" = "$UNBOUND_PORT" ] && UNBOUND_PORT=$((NSD_PORT + 1))

# start SIGNED-ZONE DS-FILE DATE: NSD serving the zone, Unbound validating it at DATE.
start() {
  local signed=$1 ds=$2 date=$3 d=$work/run
  stop
  rm -rf "$d"; mkdir -p "$d"
  cp "$signed" "$d/zone"
  cat >"$d/nsd.conf" <<CONF
server:
    ip-address: 127.0.0.1@$NSD_PORT
    port: $NSD_PORT
    username: ""
    chroot: ""
    zonesdir: "$d"
    pidfile: "$d/nsd.pid"
    xfrdfile: "$d/xfrd.state"
    zonelistfile: "$d/zone.list"
    database: ""
    logfile: "$d/nsd.log"
    server-count: 1
    verbosity: 1
remote-control:
    control-enable: no
zone:
    name: $ORIGIN
    zonefile: "$d/zone"
CONF
  nsd -d -c "$d/nsd.conf" 2>>"$d/nsd.log" &
  nsd_pid=$!
  # Unbound: only this zone, reached as a stub, the DS as trust anchor.
  cat >"$d/unbound.conf" <<CONF
server:
    interface: 127.0.0.1
    port: $UNBOUND_PORT
    do-daemonize: no
    username: ""
    chroot: ""
    directory: "$d"
    pidfile: "$d/unbound.pid"
    logfile: "$d/unbound.log"
    use-syslog: no
    verbosity: 1
    val-log-level: 2
    do-not-query-localhost: no
    qname-minimisation: no
    module-config: "validator iterator"
    trust-anchor-file: "$ds"
    val-override-date: "$date"
    root-hints: ""
    access-control: 127.0.0.0/8 allow
    cache-max-negative-ttl: 1
    # test. is a special-use name that Unbound answers itself (RFC 6761)
    local-zone: "test." nodefault
remote-control:
    control-enable: no
stub-zone:
    name: "$ORIGIN"
    stub-addr: 127.0.0.1@$NSD_PORT
CONF
  unbound -d -c "$d/unbound.conf" 2>>"$d/unbound.log" &
  unbound_pid=$!
  local i
  for i in $(seq 50); do
    dig +short +time=1 +tries=1 -p "$NSD_PORT" @127.0.0.1 "$ORIGIN" SOA >/dev/null 2>&1 &&
      dig +short +time=1 +tries=1 -p "$UNBOUND_PORT" @127.0.0.1 version.bind TXT CH >/dev/null 2>&1 && return 0
    sleep 0.1
  done
  fail "nsd/unbound did not start"; cat "$d/nsd.log" "$d/unbound.log"; return 1
}

# expect LABEL NAME TYPE RCODE AD|noAD [ANSWER-REGEX]: ask Unbound, check the reply.
expect() {
  local label=$1 name=$2 type=$3 rcode=$4 ad=$5 want=${6:-} out
  checks=$((checks + 1))
  out=$(dig +dnssec +time=3 +tries=1 -p "$UNBOUND_PORT" @127.0.0.1 "$name" "$type" 2>&1)
  local got_rcode got_flags
  got_rcode=$(sed -n 's/.*status: \([A-Z]*\),.*/\1/p' <<<"$out")
  got_flags=$(sed -n 's/.*;; flags: \([a-z ]*\);.*/\1/p' <<<"$out")
  local ok=1
  [ "$got_rcode" = "$rcode" ] || ok=0
  case $ad in
    AD) [[ " $got_flags " == *" ad "* ]] || ok=0 ;;
    noAD) [[ " $got_flags " != *" ad "* ]] || ok=0 ;;
  esac
  [ -z "$want" ] || grep -Eq "$want" <<<"$out" || ok=0
  if [ "$ok" = 0 ]; then
    fail "$label: $name $type: want $rcode $ad ${want:+/$want/}, got $got_rcode flags '$got_flags'"
    sed 's/^/    | /' <<<"$out" | grep -v '^    | $' | head -30
    tail -5 "$work/run/unbound.log" | sed 's/^/    unbound| /'
  fi
}

sign() {  # sign DIR OUT NOW ARGS...
  local dir=$1 out=$2 now=$3; shift 3
  "$bindir/signet-signzone" -q --now "$now" -K "$dir" -f "$out" "$@" "$zone" || fail "signet-signzone $* at $now"
}

for alg in 8 13 14 15; do
  keys=$work/keys-$alg
  mkdir -p "$keys"
  "$bindir/signet-keygen" --now $NOW -K "$keys" -a $alg --ksk "${ORIGIN%.}" >/dev/null || fail "keygen $alg"
  "$bindir/signet-keygen" --now $NOW -K "$keys" -a $alg "${ORIGIN%.}" >/dev/null || fail "keygen $alg"
  for mode in nsec nsec3 optout; do
    args=()
    [ $mode = nsec3 ] && args=(-3)
    [ $mode = optout ] && args=(-3 -A)
    label="alg $alg $mode"
    out=$work/$alg-$mode.signed
    sign "$keys" "$out" $NOW "${args[@]}"
    "$bindir/signet-key2ds" -f "$out" >"$work/ds" || fail "$label: key2ds"
    start "$out" "$work/ds" $NOW || continue
    expect "$label" "$ORIGIN" SOA NOERROR AD "SOA"
    expect "$label" "www.$ORIGIN" A NOERROR AD "192\.0\.2\.1"
    expect "$label" "$ORIGIN" MX NOERROR AD "MX"
    expect "$label" "many.$ORIGIN" A NOERROR AD "192\.0\.2\.204"
    # Under opt-out every NSEC3 has the opt-out flag, so a proof that rests on
    # a covering NSEC3 (NXDOMAIN, wildcard) is insecure by RFC 5155 9.2 (and in
    # Unbound): the answer must be right, not AD.
    covered=AD; [ $mode = optout ] && covered=noAD
    expect "$label NXDOMAIN" "nope.mail.$ORIGIN" A NXDOMAIN $covered
    expect "$label NODATA" "mail.$ORIGIN" MX NOERROR AD
    expect "$label NODATA at an empty non-terminal" "y.z.$ORIGIN" A NOERROR AD
    expect "$label wildcard" "anything.w.$ORIGIN" A NOERROR $covered "192\.0\.2\.100"
    expect "$label wildcard NODATA" "anything.w.$ORIGIN" AAAA NOERROR $covered
    expect "$label signed delegation" "secure.$ORIGIN" DS NOERROR AD "DS"
    if [ $mode = optout ]; then
      expect "$label unsigned delegation (opt-out: insecure)" "insecure.$ORIGIN" DS NOERROR noAD
    else
      expect "$label unsigned delegation (no DS, proven)" "insecure.$ORIGIN" DS NOERROR AD
    fi
    # After the signatures expired (14 days), nothing validates.
    start "$out" "$work/ds" 20261215000000 || continue
    expect "$label expired" "$ORIGIN" SOA SERVFAIL any
    # One address changed after signing.
    sed -E 's/^(mail\.signed\.test\.[[:space:]]+[0-9]+[[:space:]]+IN[[:space:]]+A[[:space:]]+)192\.0\.2\.25/\1192.0.2.26/' "$out" >"$work/tampered"
    cmp -s "$out" "$work/tampered" && fail "$label: the tampering sed changed nothing"
    start "$work/tampered" "$work/ds" $NOW || continue
    expect "$label tampered" "mail.$ORIGIN" A SERVFAIL any
    expect "$label untampered neighbour" "ns1.$ORIGIN" A NOERROR AD
  done
done

# --- Rollovers at simulated times, the resolver validating at every step. ---
# ZSK pre-publish (RFC 6781 4.1.1.1): ZSK1 retires on 11-21 and leaves on
# 12-01; its successor ZSK2 is published on 11-11 and signs from 11-21.
# KSK double-DS (RFC 6781 4.1.2): KSK1 retires on 12-10 and leaves on 12-15;
# KSK2 is published with CDS on 12-03, the parent adds its DS, KSK2 signs the
# DNSKEY RRset from 12-10, then the parent drops KSK1's DS.
keys=$work/roll
mkdir -p "$keys"
Z=${ORIGIN%.}
out=$work/roll.signed
ksk1=$("$bindir/signet-keygen" --now 20261101000000 -K "$keys" --ksk --sync-publish 20261101000000 \
       -I 20261210000000 -D 20261215000000 "$Z")
zsk1=$("$bindir/signet-keygen" --now 20261101000000 -K "$keys" -I 20261121000000 -D 20261201000000 "$Z")
"$bindir/signet-key2ds" "$keys/$ksk1.key" >"$work/ds1"
tag() { echo "${1##*+}" | sed 's/^0*//'; }
dnskeys() { awk '$4 == "DNSKEY"' "$out" | wc -l; }
signs() {  # signs TYPE KEY: does KEY sign the apex TYPE RRset?
  awk -v t="$1" -v k="$(tag "$2")" '$4 == "RRSIG" && $5 == t && $11 == k' "$out" | grep -q .
}
step() {  # step LABEL TIME DS-FILE: re-sign at TIME; a resolver at TIME with DS-FILE validates
  sign "$keys" "$out" "$2"
  start "$out" "$3" "$2" || return
  expect "rollover $1" "$ORIGIN" SOA NOERROR AD
  expect "rollover $1" "mail.$ORIGIN" A NOERROR AD
  expect "rollover $1" "$ORIGIN" DNSKEY NOERROR AD
}
step "day 0" 20261101000000 "$work/ds1"
[ "$(dnskeys)" = 2 ] || fail "rollover day 0: want 2 DNSKEYs, got $(dnskeys)"
zsk2=$("$bindir/signet-keygen" --now 20261111000000 -K "$keys" -S "$keys/$zsk1")
step "ZSK2 published" 20261111000000 "$work/ds1"
[ "$(dnskeys)" = 3 ] || fail "rollover: ZSK2 is not pre-published (want 3 DNSKEYs, got $(dnskeys))"
signs SOA "$zsk1" || fail "rollover: ZSK1 should still sign before it retires"
signs SOA "$zsk2" && fail "rollover: ZSK2 signs before its activation"
step "ZSK2 active, ZSK1 retired" 20261121000000 "$work/ds1"
signs SOA "$zsk2" || fail "rollover: ZSK2 does not sign after its activation"
signs SOA "$zsk1" && fail "rollover: ZSK1 still signs after it retired"
step "ZSK1 removed" 20261202000000 "$work/ds1"
[ "$(dnskeys)" = 2 ] || fail "rollover: ZSK1 is still in the DNSKEY RRset after its delete time"
ksk2=$("$bindir/signet-keygen" --now 20261203000000 -K "$keys" -S "$keys/$ksk1" --sync-publish 20261203000000)
step "KSK2 published" 20261203000000 "$work/ds1"
"$bindir/signet-key2ds" -f "$out" >"$work/ds12"
[ "$(grep -c ' DS ' "$work/ds12")" = 2 ] || fail "rollover: want DS for both KSKs while both are published"
[ "$(awk '$4 == "CDS"' "$out" | wc -l)" = 2 ] || fail "rollover: want CDS for both KSKs"
step "both DS at the parent" 20261204000000 "$work/ds12"
step "KSK2 signs the DNSKEY RRset" 20261210000000 "$work/ds12"
signs DNSKEY "$ksk2" || fail "rollover: KSK2 does not sign the DNSKEY RRset after its activation"
signs DNSKEY "$ksk1" && fail "rollover: KSK1 still signs the DNSKEY RRset after it retired"
# A parent that never added KSK2's DS: the chain of trust is broken.
start "$out" "$work/ds1" 20261210000000 && expect "rollover: DS of the retired KSK only" "$ORIGIN" SOA SERVFAIL any
"$bindir/signet-key2ds" "$keys/$ksk2.key" >"$work/ds2"
step "KSK1 removed, parent has KSK2's DS" 20261216000000 "$work/ds2"
[ "$(dnskeys)" = 2 ] || fail "rollover: KSK1 is still in the DNSKEY RRset after its delete time"
echo "resolver validation: $checks checks, $failures failures"
[ "$failures" = 0 ]

#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Benchmark: signing and verifying (issues 4 and 5). On the TLD-like zones
# (genzone.py --origin tld. --delegations N --seed 1), for each algorithm and
# denial mode, in the same run and with the same key files:
#   sign:    signet-signzone, dnssec-signzone (BIND), ldns-signzone, kzonesign (Knot)
#   verify:  signet-verify, dnssec-verify, kzonecheck -d on, ldns-verify-zone
#   re-sign: signet-signzone over its own output after 1% of the delegations
#            changed (their NS targets, which are not signed), nothing else
#            due; after the same plus 1% of the DS RRsets changed, which
#            the re-sign must sign again (both keep the zone's shape: the
#            previous output is patched); and after the 1% change plus 1%
#            new delegations (new names: the signed zone is built anew)
# and the crypto limit: signatures to make (or check) divided by what
# `openssl speed -multi <cores>` signs (verifies) per second; signet's signing
# is also timed in runs paired with an `openssl speed` run before and after
# each, as this VM's speed drifts.
# Each timing is the best of BENCH_RUNS runs (wall clock, to the microsecond),
# with the peak RSS.
#
# Usage: bash bench/signed.sh [BUILD_DIR]         (default: ./build)
#   BENCH_DIR=/tmp/signet-bench      zones, keys and outputs
#   BENCH_SIZES="100000"             delegation counts
#   BENCH_ALGS="13 8"                algorithms (8 = RSA-2048)
#   BENCH_DENIAL="nsec nsec3"        denial modes
#   BENCH_RUNS=3                     runs per measurement (best is reported)
#   BENCH_PEERS_UP_TO=100000         run the peers only on zones up to this size
set -uo pipefail
src=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-$src/build}
dir=${BENCH_DIR:-/tmp/signet-bench}
sizes=${BENCH_SIZES:-100000}
algs=${BENCH_ALGS:-"13 8"}
denials=${BENCH_DENIAL:-"nsec nsec3"}
runs=${BENCH_RUNS:-3}
peers_up_to=${BENCH_PEERS_UP_TO:-100000}
origin=tld.
cores=$(nproc)
for b in keygen signzone verify; do
  [ -x "$build/signet-$b" ] || { echo "signed.sh: $build/signet-$b is not built"; exit 1; }
done
mkdir -p "$dir"
have() { command -v "$1" >/dev/null; }

gen="$src/../shared/bench/genzone.py"
[ -f "$gen" ] || gen="$src/bench/genzone.py"
echo "# signet signing/verification benchmark"
echo "# date: $(date -u +%Y-%m-%dT%H:%M:%SZ)  host: $cores cores, $(awk '/MemTotal/{printf "%.0f GiB", $2/1048576}' /proc/meminfo), load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "# generator: $gen"
echo "# signet: $("$build/signet-signzone" --version | head -1)   openssl: $(openssl version)"
have dnssec-signzone && echo "# BIND: $(dnssec-signzone -V 2>&1 | head -1)"
have ldns-signzone && echo "# ldns: $(ldns-signzone -v 2>&1 | head -1)"
have kzonesign && echo "# Knot: $(kzonesign -V 2>&1 | head -1)"

# measure LABEL PREPARE-COMMAND COMMAND: best wall time of $runs runs, peak RSS.
# Prints "LABEL  best S  median S  peak RSS M MiB  exit C" and sets $best.
measure() {
  local label=$1 prepare=$2 cmd=$3 times=() rss=0 rc=0 t m start end
  for _ in $(seq "$runs"); do
    bash -c "$prepare" >/dev/null 2>&1
    # Wall time to the microsecond (time's %e has 10 ms steps, too coarse
    # for a re-sign); time gives the peak RSS and the exit status.
    start=$EPOCHREALTIME
    /usr/bin/time -f "%e %M %x" -o "$dir/time.txt" bash -c "$cmd" >/dev/null 2>"$dir/stderr.txt"
    end=$EPOCHREALTIME
    read -r t m rc <"$dir/time.txt"
    t=$(echo "$end - $start" | bc -l)
    times+=("$t"); [ "$m" -gt "$rss" ] && rss=$m
  done
  best=$(printf '%s\n' "${times[@]}" | sort -g | head -1)
  local median
  median=$(printf '%s\n' "${times[@]}" | sort -g | sed -n "$(((runs + 1) / 2))p")
  printf '%-22s best %7.3f s  median %7.3f s  peak RSS %7.1f MiB  exit %s\n' "$label" "$best" "$median" "$(echo "$rss / 1024" | bc -l)" "$rc"
  [ "$rc" = 0 ] || [ "$rc" = 1 ] || sed 's/^/    | /' "$dir/stderr.txt" | head -5
}

# openssl's rate for the algorithm on all cores: "sign verify" per second.
crypto_rate() {
  local spec
  case $1 in
    8) spec=rsa2048 ;; 13) spec=ecdsap256 ;; 14) spec=ecdsap384 ;; 15) spec=ed25519 ;; *) echo "0 0"; return ;;
  esac
  openssl speed -multi "$cores" -seconds 3 "$spec" 2>/dev/null | awk -v s="$spec" '
    /^rsa 2048 bits/ { print $(NF-1), $NF; exit }
    /^ *256 bits ecdsa \(nistp256\)/ { print $(NF-1), $NF; exit }
    /^ *384 bits ecdsa \(nistp384\)/ { print $(NF-1), $NF; exit }
    /^ *253 bits EdDSA \(Ed25519\)/ { print $(NF-1), $NF; exit }'
}

# paired_ratio PREPARE COMMAND SIGNATURES: this VM's speed drifts by 10-20%
# within minutes, so each run is paired with an `openssl speed` run just
# before and just after it, and the ratio to the crypto limit is taken per
# run against the mean of the two rates. Prints each ratio and the median.
paired_ratio() {
  local prepare=$1 cmd=$2 sigs=$3 ratios=() a b t
  for _ in $(seq "$runs"); do
    bash -c "$prepare" >/dev/null 2>&1
    read -r a _ <<<"$(crypto_rate "$alg")"
    /usr/bin/time -f "%e" -o "$dir/time.txt" bash -c "$cmd" >/dev/null 2>"$dir/stderr.txt"
    read -r t <"$dir/time.txt"
    read -r b _ <<<"$(crypto_rate "$alg")"
    ratios+=("$(echo "$t * ($a + $b) / 2 / $sigs" | bc -l)")
  done
  printf '  paired with openssl speed before and after each run: %s; median %.2fx\n' \
    "$(printf '%.2fx ' "${ratios[@]}")" "$(printf '%s\n' "${ratios[@]}" | sort -g | sed -n "$(((runs + 1) / 2))p")"
}

for n in $sizes; do
  zone="$dir/tld-$n.zone"
  if [ ! -s "$zone" ]; then
    echo "# generating $zone"
    python3 "$gen" --origin "$origin" --delegations "$n" --seed 1 >"$zone.tmp" && mv "$zone.tmp" "$zone"
  fi
  # The 1% change: every 100th delegation's first NS target is renamed.
  awk 'BEGIN{c=0} $3=="NS" && $1!="@" && $1!=prev { prev=$1; if (c++ % 100 == 0) { sub(/\.$/, "-x.", $4) } } {print}' "$zone" >"$dir/tld-$n-changed.zone"
  # And every 100th DS digest's last hex digit changed as well.
  awk 'BEGIN{d=0} $3=="DS" { if (d++ % 100 == 0) { l=substr($NF,length($NF)); $NF=substr($NF,1,length($NF)-1) (l=="0"?"1":"0") } } {print}' \
    "$dir/tld-$n-changed.zone" >"$dir/tld-$n-ds-changed.zone"
  # And 1% new delegations besides: the zone's names change, so the signed
  # zone is built anew (keeping every previous signature that is still good).
  { cat "$dir/tld-$n-changed.zone"; awk -v k=$((n / 100)) 'BEGIN { for (i = 0; i < k; i++) printf "added%d IN NS ns1.added%d.net.\nadded%d IN NS ns2.added%d.net.\n", i, i, i, i }'; } \
    >"$dir/tld-$n-grown.zone"
  echo
  echo "## $n delegations: $(stat -c %s "$zone") bytes, $(wc -l <"$zone") lines"
  for alg in $algs; do
    keys="$dir/keys-$alg"
    if ! ls "$keys"/Ktld.+*.private >/dev/null 2>&1; then
      mkdir -p "$keys"
      # Created in the past so the peers (which read the clock) see them active.
      "$build/signet-keygen" --now 20260101000000 -K "$keys" -a "$alg" --ksk tld >/dev/null
      "$build/signet-keygen" --now 20260101000000 -K "$keys" -a "$alg" tld >/dev/null
    fi
    read -r sign_rate verify_rate <<<"$(crypto_rate "$alg")"
    key_files=$(ls "$keys"/Ktld.+*.key | sed 's/\.key$//' | tr '\n' ' ')
    for denial in $denials; do
      echo
      echo "### algorithm $alg, $denial"
      s3=() b3=() l3=() k3=off
      if [ "$denial" = nsec3 ]; then s3=(-3); b3=(-3 - -H 0); l3=(-n -t 0); k3=on; fi
      out="$dir/out-$n-$alg-$denial"
      rm -f "$out.signet"
      measure "signet-signzone" "rm -f $out.signet" \
        "$build/signet-signzone -q -K $keys ${s3[*]} --stats json -f $out.signet $zone > $dir/stats.json"
      sign_best=$best
      made=$(grep -o '"made":[0-9]*' "$dir/stats.json" | cut -d: -f2)
      if [ -n "$sign_rate" ] && [ "$sign_rate" != 0 ] && [ -n "$made" ]; then
        limit=$(echo "$made / $sign_rate" | bc -l)
        printf '  crypto limit: %s signatures / %s signs/s (openssl speed -multi %s) = %.2f s; signet at %.2fx the limit\n' \
          "$made" "$sign_rate" "$cores" "$limit" "$(echo "$sign_best / $limit" | bc -l)"
        paired_ratio "rm -f $out.signet" "$build/signet-signzone -q -K $keys ${s3[*]} -f $out.signet $zone" "$made"
      fi
      cp "$out.signet" "$out.base"
      measure "signet re-sign 1%" "cp $out.base $out.signet" "$build/signet-signzone -q -K $keys ${s3[*]} -f $out.signet $dir/tld-$n-changed.zone"
      printf '  re-sign after a 1%% change: %.1f%% of the full sign\n' "$(echo "100 * $best / $sign_best" | bc -l)"
      measure "signet re-sign 1%+DS" "cp $out.base $out.signet" \
        "$build/signet-signzone -q -K $keys ${s3[*]} --stats json -f $out.signet $dir/tld-$n-ds-changed.zone > $dir/stats.json"
      printf '  re-sign after a 1%% change with 1%% of the DS RRsets too (%s signatures made): %.1f%% of the full sign\n' \
        "$(grep -o '"made":[0-9]*' "$dir/stats.json" | cut -d: -f2)" "$(echo "100 * $best / $sign_best" | bc -l)"
      measure "signet re-sign 1%+new" "cp $out.base $out.signet" \
        "$build/signet-signzone -q -K $keys ${s3[*]} --stats json -f $out.signet $dir/tld-$n-grown.zone > $dir/stats.json"
      printf '  re-sign after a 1%% change and 1%% new delegations, signed anew (%s signatures made): %.1f%% of the full sign\n' \
        "$(grep -o '"made":[0-9]*' "$dir/stats.json" | cut -d: -f2)" "$(echo "100 * $best / $sign_best" | bc -l)"
      if [ "$n" -le "$peers_up_to" ]; then
        have dnssec-signzone && measure "dnssec-signzone" "rm -f $out.bind" \
          "dnssec-signzone -q -S -K $keys -d $dir ${b3[*]} -o $origin -f $out.bind $zone"
        have ldns-signzone && measure "ldns-signzone" "rm -f $out.ldns" \
          "ldns-signzone ${l3[*]} -f $out.ldns $zone $key_files"
        if have kzonesign && have keymgr; then
          kd="$dir/knot-$alg-$denial"
          rm -rf "$kd"; mkdir -p "$kd/db" "$kd/out"
          cat >"$kd/knot.conf" <<CONF
database:
    storage: $kd/db
keystore:
  - id: ks
    backend: pem
    config: $kd/db/keys
policy:
  - id: pol
    manual: on
    nsec3: $k3
    nsec3-iterations: 0
    nsec3-salt-length: 0
    rrsig-lifetime: 14d
    rrsig-refresh: 3d
    keystore: ks
zone:
  - domain: $origin
    storage: $dir
    file: tld-$n.zone
    dnssec-signing: on
    dnssec-policy: pol
CONF
          for k in "$keys"/Ktld.+*.private; do keymgr -c "$kd/knot.conf" "$origin" import-bind "$k" >/dev/null; done
          measure "kzonesign" "rm -f $kd/out/*" "kzonesign -c $kd/knot.conf -o $kd/out $origin"
        fi
      fi
      # Verification of signet's output.
      sigs=$(awk '$4 == "RRSIG"' "$out.signet" | wc -l)
      measure "signet-verify" "true" "$build/signet-verify -q $out.signet"
      verify_best=$best
      if [ -n "$verify_rate" ] && [ "$verify_rate" != 0 ]; then
        limit=$(echo "$sigs / $verify_rate" | bc -l)
        printf '  crypto limit: %s signatures / %s verifies/s = %.2f s; signet-verify at %.2fx the limit\n' \
          "$sigs" "$verify_rate" "$limit" "$(echo "$verify_best / $limit" | bc -l)"
      fi
      if [ "$n" -le "$peers_up_to" ]; then
        have dnssec-verify && measure "dnssec-verify" "true" "dnssec-verify -q -o $origin $out.signet"
        have kzonecheck && measure "kzonecheck -d on" "true" "kzonecheck -o $origin -d on $out.signet"
        have ldns-verify-zone && measure "ldns-verify-zone" "true" "ldns-verify-zone $out.signet"
      fi
    done
  done
done

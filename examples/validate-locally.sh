#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Ask a real validating resolver about a signed zone, on this machine only:
# NSD serves SIGNED-ZONE on 127.0.0.1, Unbound resolves through it with DS-FILE
# (what the parent will publish, e.g. from signet-key2ds) as its only trust
# anchor, and dig shows the answers. "flags: ... ad" means validated.
#
# Usage: examples/validate-locally.sh SIGNED-ZONE DS-FILE [NAME TYPE]...
#   default questions: the apex SOA, DNSKEY and a name that does not exist.
# Needs: apt-get install nsd unbound bind9-dnsutils (nothing is configured
# system-wide: both servers run from a temporary directory on free ports and
# are stopped at the end). SIGNET_NOW=YYYYMMDDHHMMSS makes Unbound validate at
# that time instead of the clock (for zones signed with --now).
# Exit status: 0 when every answer was validated (AD), 1 otherwise.
set -u
[ "$#" -ge 2 ] || { sed -n '3,14p' "$0"; exit 2; }
signed=$(realpath "$1") ds=$(realpath "$2"); shift 2
export PATH=$PATH:/usr/sbin
for tool in nsd unbound dig; do
  command -v "$tool" >/dev/null || { echo "$tool is not installed: apt-get install nsd unbound bind9-dnsutils" >&2; exit 1; }
done
origin=$(awk '$4 == "SOA" { print $1; exit }' "$signed")
[ -n "$origin" ] || { echo "no SOA in $signed" >&2; exit 1; }
questions=("$@")
[ "${#questions[@]}" -gt 0 ] || questions=("$origin" SOA "$origin" DNSKEY "no-such-name-$$.$origin" A)

dir=$(mktemp -d)
pids=()
trap 'kill "${pids[@]}" 2>/dev/null; wait 2>/dev/null; rm -rf "$dir"' EXIT
port() { local p; while :; do p=$((20000 + RANDOM % 20000)); ss -ltnu 2>/dev/null | grep -q ":$p " || { echo "$p"; return; }; done; }
nsd_port=$(port) unbound_port=$(port)
cp "$signed" "$dir/zone"
cat >"$dir/nsd.conf" <<CONF
server:
    ip-address: 127.0.0.1@$nsd_port
    username: ""
    chroot: ""
    zonesdir: "$dir"
    pidfile: "$dir/nsd.pid"
    xfrdfile: "$dir/xfrd.state"
    zonelistfile: "$dir/zone.list"
    database: ""
    logfile: "$dir/nsd.log"
    server-count: 1
remote-control:
    control-enable: no
zone:
    name: $origin
    zonefile: "$dir/zone"
CONF
cat >"$dir/unbound.conf" <<CONF
server:
    interface: 127.0.0.1
    port: $unbound_port
    do-daemonize: no
    username: ""
    chroot: ""
    directory: "$dir"
    pidfile: "$dir/unbound.pid"
    logfile: "$dir/unbound.log"
    use-syslog: no
    val-log-level: 2
    do-not-query-localhost: no
    module-config: "validator iterator"
    trust-anchor-file: "$ds"
    val-override-date: "${SIGNET_NOW:-0}"
    root-hints: ""
    local-zone: "test." nodefault
    local-zone: "example." nodefault
    access-control: 127.0.0.0/8 allow
remote-control:
    control-enable: no
stub-zone:
    name: "$origin"
    stub-addr: 127.0.0.1@$nsd_port
CONF
nsd -d -c "$dir/nsd.conf" 2>>"$dir/nsd.log" & pids+=($!)
unbound -d -c "$dir/unbound.conf" 2>>"$dir/unbound.log" & pids+=($!)
for _ in $(seq 50); do
  dig +time=1 +tries=1 -p "$unbound_port" @127.0.0.1 "$origin" SOA >/dev/null 2>&1 && break
  sleep 0.1
done

status=0
for ((i = 0; i < ${#questions[@]}; i += 2)); do
  name=${questions[i]} type=${questions[i + 1]:-A}
  out=$(dig +dnssec +multiline +time=3 +tries=1 -p "$unbound_port" @127.0.0.1 "$name" "$type" 2>&1)
  header=$(grep -E '^;; (->>HEADER|flags:)' <<<"$out" | sed 's/^;; //' | tr '\n' ' ')
  if grep -q "flags:[^;]* ad[ ;]" <<<"$out"; then verdict="validated (AD)"; else verdict="NOT validated"; status=1; fi
  echo "== $name $type: $verdict"
  echo "   $header"
  sed -n '/ANSWER SECTION/,/^$/p' <<<"$out" | grep -v RRSIG | sed 's/^/   /' | head -8
done
[ "$status" = 0 ] || { echo "-- unbound's reasons:"; grep -E "validation failure|info: validat" "$dir/unbound.log" | tail -5; }
exit "$status"

#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# The whole job on the example zone, from nothing to a signed, verified zone
# and the DS for the parent:
#
#   signet-keygen (KSK + ZSK) -> signet-signzone -> signet-key2ds -> signet-verify
#
# Usage: examples/walkthrough.sh DIR-OF-BINARIES OUTPUT-DIR [ZONEFILE]
# Keys go to OUTPUT-DIR/keys (made once, reused on later runs, so a re-run
# re-signs incrementally), the signed zone to OUTPUT-DIR/<zone>.signed and the
# DS records to OUTPUT-DIR/<zone>.ds. Set SIGNET_NOW=YYYYMMDDHHMMSS to run at a
# fixed time instead of the clock (the tests do).
set -euo pipefail
bin=$1 out=$2 zone=${3:-$(dirname "$0")/example.com.zone}
now=(); [ -n "${SIGNET_NOW:-}" ] && now=(--now "$SIGNET_NOW")
origin=$(awk '$1 == "$ORIGIN" { print $2; exit }' "$zone")
origin=${origin%.}
signed=$out/$(basename "$zone").signed
ds=$out/$(basename "$zone").ds
mkdir -p "$out/keys"
run() { echo "\$ ${*#"$bin/"}" >&2; "$@"; }

echo "== 1. the unsigned zone is checked (as the git pre-commit hook does)"
run "$bin/signet-verify" "${now[@]}" "$zone"

echo "== 2. keys: a KSK and a ZSK, ECDSA P-256 (made once, reused on re-runs)"
if ! ls "$out/keys/K$origin.+"*.key >/dev/null 2>&1; then
  run "$bin/signet-keygen" "${now[@]}" -K "$out/keys" --ksk "$origin"
  run "$bin/signet-keygen" "${now[@]}" -K "$out/keys" "$origin"
fi

echo "== 3. the zone is signed (NSEC, 14-day signatures), checked, then written"
run "$bin/signet-signzone" "${now[@]}" -v -K "$out/keys" -f "$signed" "$zone"

echo "== 4. the DS records for the parent, from the KSK in the signed zone"
run "$bin/signet-key2ds" -f "$signed" | tee "$ds"

echo "== 5. the signed zone is verified: every signature, the NSEC chain, expiry margins, and the DS"
run "$bin/signet-verify" "${now[@]}" --ds "$ds" "$signed"

echo "== 6. what a cron run would do now, and when the next run is due at the latest"
run "$bin/signet-signzone" "${now[@]}" --plan -K "$out/keys" -f "$signed" "$zone"

echo
echo "signed zone: $signed"
echo "DS for the parent: $ds"

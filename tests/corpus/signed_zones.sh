#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# The two signed zones parse (signet-verify exits 0 or 1 at a --now inside
# their signatures' window, from the corpus README) and hold exactly BIND's records.
# Usage: bash signed_zones.sh <dir-of-binaries> <corpus-dir>
source "$(dirname "$0")/common.bash" "$@"
check() {
  local origin=$1 zone=$2 now=$3 rc
  same_records_as_bind "$origin" "$zone" --now "$now"
  timeout 120 "$verify" -o "$origin" --now "$now" "$zone" >"$work/check.out" 2>&1
  rc=$?
  if [ $rc -gt 1 ]; then
    echo "FAIL $(basename "$zone"): signet-verify --now $now exited $rc, expected 0 or 1:"; head -20 "$work/check.out"; fail=1
  else
    echo "ok   $(basename "$zone"): signet-verify --now $now exited $rc"
  fi
}
check . "$corpus/real/root-2017082100.signed.zone" 20170825000000
check arpa. "$corpus/real/arpa-2021051902.nsec3.signed.zone" 20210601000000
exit $fail

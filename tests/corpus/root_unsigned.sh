#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# The unsigned 2026 root zone (20,649 records) parses to exactly BIND's records
# and checks clean (exit 0).
# Usage: bash root_unsigned.sh <dir-of-binaries> <corpus-dir>
source "$(dirname "$0")/common.bash" "$@"
zone="$corpus/real/root-2026082201.unsigned.zone"
same_records_as_bind . "$zone"
timeout 60 "$verify" -o . "$zone" >"$work/check.out" 2>&1
rc=$?
if [ $rc -ne 0 ]; then
  echo "FAIL root-2026082201.unsigned.zone: signet-verify exited $rc, expected 0 (clean):"; head -20 "$work/check.out"; fail=1
else
  echo "ok   root-2026082201.unsigned.zone checks clean"
fi
exit $fail

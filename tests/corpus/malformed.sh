#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# The two malformed zones from BIND's checkzone tests are rejected cleanly:
# exit 3 (could not check), a message naming zone.db:LINE (the first bad line,
# as BIND reports it), no crash, within 10 s.
# Usage: bash malformed.sh <dir-of-binaries> <corpus-dir>
source "$(dirname "$0")/common.bash" "$@"
expect() {
  local dir=$1 line=$2 rc
  (cd "$corpus/bind-checkzone/$dir" && timeout 10 "$verify" -o example. zone.db) >"$work/out" 2>&1
  rc=$?
  if [ $rc -ne 3 ]; then
    echo "FAIL $dir: exit code $rc, expected 3:"; head -10 "$work/out"; fail=1
  elif ! grep -Eq "(^|[^[:alnum:]_.-])zone\.db:$line([^0-9]|$)" "$work/out"; then
    echo "FAIL $dir: no message naming zone.db:$line:"; head -10 "$work/out"; fail=1
  else
    echo "ok   $dir: $(grep -E "zone\.db:$line" "$work/out" | head -1)"
  fi
}
expect p046-fuzz-garbage 1   # binary garbage from line 1 on ("$T@..." is no directive)
expect p047-nul-byte 6       # a NUL byte inside the A record's rdata on line 6
exit $fail

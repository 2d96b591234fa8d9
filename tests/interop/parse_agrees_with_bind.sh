#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Interop: for every zone in tests/data/zones, signet's parse must hold exactly
# the records BIND's parser finds.
#
# Usage: bash parse_agrees_with_bind.sh <dir-of-binaries> <tests-dir>
#
# Method (see canon.py): BIND dumps the zone in its binary "raw" format, i.e.
# in wire form; signet-verify --print's output is fed back to BIND and dumped
# the same way. Both dumps are reduced to "owner ttl class type rdata-hex"
# lines and compared. Anything signet misparses (a wrong escape, a dropped
# record, a wrong TTL default, a $GENERATE modifier) changes the wire data and
# shows in the diff; differences in presentation style (base64 line breaks,
# quoting, mnemonics) do not, because both sides are re-read by the same parser.
#
# Each zone's origin is in its first line: "; origin: NAME".
# Where BIND and the RFCs disagree we follow the RFCs; no such case is in the
# corpus today (BIND 9.18 follows RFC 9460 for SVCB alpn escapes, RFC 1035 for
# class/TTL order and RFC 2308 for $TTL). List any new case here with its reason.
set -u
bindir=$1
testsdir=$2
verify="$bindir/signet-verify"
canon="$testsdir/interop/canon.py"
command -v named-compilezone >/dev/null || { echo "named-compilezone not installed (apt-get install bind9-utils)"; exit 77; }
[ -x "$verify" ] || { echo "$verify not built"; exit 1; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail=0
n=0
for zone in "$testsdir"/data/zones/*.zone; do
  name=$(basename "$zone" .zone)
  origin=$(sed -n '1s/^; origin: *//p' "$zone")
  [ -n "$origin" ] || { echo "FAIL $name: first line must be '; origin: NAME'"; fail=1; continue; }
  dir=$(dirname "$zone")
  bind_log="$work/$name.bind.log"
  if ! (cd "$dir" && named-compilezone -i none -k ignore -n ignore -F raw -o "$work/$name.bind.raw" \
          "$origin" "$(basename "$zone")") >"$bind_log" 2>&1; then
    echo "FAIL $name: BIND rejects the corpus zone itself:"; cat "$bind_log"; fail=1; continue
  fi
  (cd "$dir" && timeout 20 "$verify" --print -o "$origin" "$(basename "$zone")") \
      >"$work/$name.signet.txt" 2>"$work/$name.signet.err"
  rc=$?
  if [ $rc -ge 3 ]; then
    echo "FAIL $name: signet-verify --print exited $rc:"; head -20 "$work/$name.signet.err"; fail=1; continue
  fi
  if ! python3 "$canon" print "$work/$name.signet.txt" >/dev/null; then
    echo "FAIL $name: signet-verify --print output is not in the documented form"; fail=1; continue
  fi
  if ! named-compilezone -i none -k ignore -n ignore -F raw -o "$work/$name.signet.raw" \
        "$origin" "$work/$name.signet.txt" >"$work/$name.reread.log" 2>&1; then
    echo "FAIL $name: BIND cannot read signet's --print output:"; cat "$work/$name.reread.log"; fail=1; continue
  fi
  python3 "$canon" raw "$work/$name.bind.raw" >"$work/$name.bind.canon"
  python3 "$canon" raw "$work/$name.signet.raw" >"$work/$name.signet.canon"
  if diff -u --label "BIND: $name" --label "signet: $name" "$work/$name.bind.canon" "$work/$name.signet.canon"; then
    echo "ok   $name ($(wc -l <"$work/$name.bind.canon") records)"
    n=$((n + 1))
  else
    echo "FAIL $name: records differ (owner ttl class type rdata-hex; see diff above)"
    fail=1
  fi
done
[ $fail -eq 0 ] && echo "$n zones agree with BIND"
exit $fail

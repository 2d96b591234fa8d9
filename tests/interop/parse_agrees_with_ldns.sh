#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Interop: for every zone in tests/data/zones (less the exclusions below),
# signet's parse must hold exactly the records ldns finds.
#
# Usage: bash parse_agrees_with_ldns.sh <dir-of-binaries> <tests-dir>
#
# Method (see canon.py): ldns-read-zone -U NULL prints every record in RFC 3597
# "\# len hex" form, i.e. wire rdata. The zone is read by ldns directly, and
# signet-verify --print's output is read by ldns too; both are reduced to
# "owner ttl class type rdata-hex" lines and compared.
# ldns-read-zone has no origin option, so "$ORIGIN <origin>" is put in front of
# a copy of each zone (the origin is the zone's first line, "; origin: NAME").
set -u
bindir=$1
testsdir=$2
verify="$bindir/signet-verify"
canon="$testsdir/interop/canon.py"
command -v ldns-read-zone >/dev/null || { echo "ldns-read-zone not installed (apt-get install ldnsutils)"; exit 77; }
[ -x "$verify" ] || { echo "$verify not built"; exit 1; }

# Whole files ldns cannot read, with the reason.
declare -A SKIP_FILE=(
  [generate]='ldns does not implement $GENERATE (a BIND extension)'
  [syntax]='ldns does not implement $INCLUDE, and rejects "class TTL" order (ns1 IN 7200 A), which RFC 1035 section 5.1 allows'
)
# Owners left out of the comparison, with the reason. Where ldns and the RFC
# disagree, signet follows the RFC (checked against BIND in parse_agrees_with_bind.sh).
declare -A SKIP_OWNERS=(
  [svcb]='esc.svc.example.'   # ldns 1.8.3 decodes alpn="f\\\\oo\\,bar,h2" (RFC 9460 appendix A.1) to the wrong octets
)

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail=0
n=0
for zone in "$testsdir"/data/zones/*.zone; do
  name=$(basename "$zone" .zone)
  if [ -n "${SKIP_FILE[$name]:-}" ]; then
    echo "skip $name: ${SKIP_FILE[$name]}"
    continue
  fi
  origin=$(sed -n '1s/^; origin: *//p' "$zone")
  [ -n "$origin" ] || { echo "FAIL $name: first line must be '; origin: NAME'"; fail=1; continue; }
  skip_args=()
  for o in ${SKIP_OWNERS[$name]:-}; do skip_args+=(--skip-owner "$o"); done

  { printf '$ORIGIN %s\n' "$origin"; cat "$zone"; } >"$work/$name.in"
  if ! (cd "$(dirname "$zone")" && ldns-read-zone -U NULL "$work/$name.in") >"$work/$name.ldns.txt" 2>"$work/$name.ldns.err"; then
    echo "FAIL $name: ldns rejects the corpus zone itself:"; cat "$work/$name.ldns.err"; fail=1; continue
  fi
  (cd "$(dirname "$zone")" && timeout 20 "$verify" --print -o "$origin" "$(basename "$zone")") \
      >"$work/$name.signet.txt" 2>"$work/$name.signet.err"
  rc=$?
  if [ $rc -ge 3 ]; then
    echo "FAIL $name: signet-verify --print exited $rc:"; head -20 "$work/$name.signet.err"; fail=1; continue
  fi
  if ! ldns-read-zone -U NULL "$work/$name.signet.txt" >"$work/$name.reread.txt" 2>"$work/$name.reread.err"; then
    echo "FAIL $name: ldns cannot read signet's --print output:"; cat "$work/$name.reread.err"; fail=1; continue
  fi
  python3 "$canon" generic "${skip_args[@]}" "$work/$name.ldns.txt" >"$work/$name.ldns.canon" || { fail=1; continue; }
  python3 "$canon" generic "${skip_args[@]}" "$work/$name.reread.txt" >"$work/$name.signet.canon" || { fail=1; continue; }
  if diff -u --label "ldns: $name" --label "signet: $name" "$work/$name.ldns.canon" "$work/$name.signet.canon"; then
    echo "ok   $name ($(wc -l <"$work/$name.ldns.canon") records)"
    n=$((n + 1))
  else
    echo "FAIL $name: records differ (owner ttl class type rdata-hex; see diff above)"
    fail=1
  fi
done
[ $fail -eq 0 ] && echo "$n zones agree with ldns"
exit $fail

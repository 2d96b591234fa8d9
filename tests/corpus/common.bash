# SPDX-License-Identifier: MIT
# Shared by tests/corpus/*.sh (sourced; not a test itself: the glob is *.sh).
# Usage in a test: source "$(dirname "$0")/common.bash" "$@"
set -u
bindir=$1
corpus=$2
verify="$bindir/signet-verify"
canon="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)/interop/canon.py"
if [ ! -d "$corpus" ]; then
  echo "corpus folder $corpus is absent; these tests need ../shared/corpus"
  exit 77
fi
[ -x "$verify" ] || { echo "$verify not built"; exit 1; }
command -v named-compilezone >/dev/null || { echo "named-compilezone not installed (apt-get install bind9-utils)"; exit 1; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail=0

# same_records_as_bind ORIGIN FILE [signet-verify options...]
# signet-verify --print's records must equal BIND's, record for record (wire
# form, see tests/interop/canon.py), and so their counts must be equal.
same_records_as_bind() {
  local origin=$1 zone=$2 name
  shift 2
  name=$(basename "$zone")
  if ! named-compilezone -i none -k ignore -n ignore -F raw -o "$work/$name.bind.raw" "$origin" "$zone" \
        >"$work/$name.bind.log" 2>&1; then
    echo "FAIL $name: BIND rejects it:"; tail -5 "$work/$name.bind.log"; fail=1; return
  fi
  timeout 120 "$verify" --print -o "$origin" "$@" "$zone" >"$work/$name.signet.txt" 2>"$work/$name.signet.err"
  local rc=$?
  if [ $rc -ge 3 ]; then
    echo "FAIL $name: signet-verify --print exited $rc:"; head -10 "$work/$name.signet.err"; fail=1; return
  fi
  local bind_count signet_count
  bind_count=$(python3 "$canon" raw "$work/$name.bind.raw" | tee "$work/$name.bind.canon" | wc -l)
  signet_count=$(python3 "$canon" print "$work/$name.signet.txt") || { echo "FAIL $name: --print output malformed"; fail=1; return; }
  if [ "$bind_count" != "$signet_count" ]; then
    echo "FAIL $name: signet prints $signet_count records, BIND finds $bind_count"; fail=1
  fi
  if ! named-compilezone -i none -k ignore -n ignore -F raw -o "$work/$name.signet.raw" "$origin" "$work/$name.signet.txt" \
        >"$work/$name.reread.log" 2>&1; then
    echo "FAIL $name: BIND cannot read signet's --print output:"; tail -5 "$work/$name.reread.log"; fail=1; return
  fi
  python3 "$canon" raw "$work/$name.signet.raw" >"$work/$name.signet.canon"
  if ! diff -u --label "BIND: $name" --label "signet: $name" "$work/$name.bind.canon" "$work/$name.signet.canon" | head -40; then
    :
  fi
  if ! cmp -s "$work/$name.bind.canon" "$work/$name.signet.canon"; then
    echo "FAIL $name: records differ from BIND's (first 40 diff lines above)"; fail=1; return
  fi
  echo "ok   $name: $signet_count records, same as BIND"
}

#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Key interop with Knot, both ways, for algorithms 8 10 13 14 15 16:
#  - a key made by Knot's `keymgr generate` (a PKCS#8 PEM file in its keystore)
#    is imported with `signet-keygen --import`: same key tag as `keymgr list`,
#    and signet-key2ds prints the DS records `keymgr ds` prints (SHA-256 and
#    SHA-384);
#  - a key made by signet-keygen is imported by `keymgr import-bind`: Knot
#    reports the same tag and DS records as signet-key2ds;
#  - an RSA PEM without -a is refused with a message (the key fits two
#    algorithms), and so is an imported key whose tag is taken.
# Usage: bash keys_knot.sh <dir-of-binaries> <tests-dir>
# Exit 77 (skipped) when keymgr is not installed.
set -u
bindir=$1
command -v keymgr >/dev/null || { echo "keymgr not installed (apt-get install knot)"; exit 77; }
keygen=$bindir/signet-keygen key2ds=$bindir/signet-key2ds
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
failures=0 checks=0
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }
norm() { tr 'A-Z\t' 'a-z ' | sed -e 's/ in ds / ds /' | tr -s ' ' | sort; }
Z=example.com
cat >"$work/knot.conf" <<CONF
database:
    storage: $work/db
keystore:
  - id: ks
    backend: pem
    config: $work/db/keys
policy:
  - id: pol
    manual: on
    keystore: ks
zone:
  - domain: $Z.
    dnssec-signing: on
    dnssec-policy: pol
CONF
mkdir -p "$work/db"
km() { keymgr -c "$work/knot.conf" "$Z." "$@" 2>/dev/null; }
declare -A NAME=([8]=RSASHA256 [10]=RSASHA512 [13]=ECDSAP256SHA256 [14]=ECDSAP384SHA384 [15]=ED25519 [16]=ED448)

for alg in 8 10 13 14 15 16; do
  checks=$((checks + 1))
  # Knot -> signet
  id=$(km generate algorithm=$alg ksk=yes) || { fail "keymgr generate algorithm=$alg"; continue; }
  tag=$(km list | awk -v id="$id" '$1 == id { print $2 }')
  aopt=(); [ $alg = 8 ] || [ $alg = 10 ] && aopt=(-a "${NAME[$alg]}")
  mkdir -p "$work/k$alg"
  base=$("$keygen" -K "$work/k$alg" --ksk "${aopt[@]}" --import "$work/db/keys/$id.pem" $Z) ||
    { fail "alg $alg: signet-keygen --import of Knot's PEM"; continue; }
  [ "$base" = "$(printf 'K%s.+%03d+%05d' $Z $alg "$tag")" ] || fail "alg $alg: imported as $base, Knot says tag $tag"
  km ds "$id" 2>/dev/null | grep -E " DS $tag $alg (2|4) " | norm >"$work/knot.ds"
  [ -s "$work/knot.ds" ] || km ds | grep -E " DS $tag $alg (2|4) " | norm >"$work/knot.ds"
  "$key2ds" -a SHA-256 -a SHA-384 "$work/k$alg/$base.key" | norm >"$work/signet.ds"
  [ -s "$work/knot.ds" ] || fail "alg $alg: keymgr ds printed nothing"
  diff "$work/knot.ds" "$work/signet.ds" >/dev/null || { fail "alg $alg: DS of the imported key differ"; diff "$work/knot.ds" "$work/signet.ds"; }
  # signet -> Knot
  base2=$("$keygen" -K "$work/k$alg" --ksk -a $alg $Z)
  tag2=$(echo "$base2" | sed 's/.*+0*//')
  km import-bind "$work/k$alg/$base2.private" >/dev/null || { fail "alg $alg: keymgr import-bind"; continue; }
  km list | awk '{ print $2 }' | grep -qx "$tag2" || fail "alg $alg: Knot does not list tag $tag2 after import-bind"
  km ds | grep -E " DS $tag2 $alg (2|4) " | norm >"$work/knot2.ds"
  "$key2ds" -a SHA-256 -a SHA-384 "$work/k$alg/$base2.key" | norm >"$work/signet2.ds"
  diff "$work/knot2.ds" "$work/signet2.ds" >/dev/null || { fail "alg $alg: Knot's DS of signet's key differ"; diff "$work/knot2.ds" "$work/signet2.ds"; }
done

# An RSA PEM needs -a; a taken tag is refused; nothing is written in either case.
id=$(km generate algorithm=8 size=2048)
mkdir -p "$work/r"
out=$("$keygen" -K "$work/r" --import "$work/db/keys/$id.pem" $Z 2>&1) && fail "RSA PEM without -a was accepted"
grep -q "several DNSSEC algorithms" <<<"$out" || fail "RSA PEM without -a: unclear message: $out"
"$keygen" -K "$work/r" -a RSASHA256 --import "$work/db/keys/$id.pem" $Z >/dev/null || fail "RSA PEM with -a refused"
out=$("$keygen" -K "$work/r" -a RSASHA256 --import "$work/db/keys/$id.pem" $Z 2>&1) && fail "importing the same key twice was accepted"
grep -q "already used" <<<"$out" || fail "a taken tag: unclear message: $out"
[ "$(ls "$work/r" | wc -l)" = 2 ] || fail "refused imports left files: $(ls "$work/r")"

echo "Knot key interop: $checks algorithms, $failures failures"
[ "$failures" = 0 ]

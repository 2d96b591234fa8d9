#!/usr/bin/env bash
# examples/pre-commit blocks a commit with a broken zone and lets a good one through.
# Usage: pre_commit.sh <dir-of-binaries> <tests-dir>
set -euo pipefail
bin=$(cd "$1" && pwd); tests=$(cd "$2" && pwd); hook="$tests/../examples/pre-commit"
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
cd "$work"
git init -q . && git config user.email t@example.org && git config user.name test
git config signet.verify "$bin/signet-verify"
cp "$hook" .git/hooks/pre-commit

cp "$tests/../examples/example.com.zone" good.zone
git add good.zone
git commit -qm good || { echo "FAIL: a clean zone was refused"; exit 1; }

# A CNAME beside other data: signet-verify exits 2, the hook refuses.
printf '$ORIGIN example.com.\n@ 3600 IN SOA ns1 h 1 7200 3600 1209600 300\n@ 3600 IN NS ns1.example.net.\nx 300 IN CNAME y\nx 300 IN A 192.0.2.1\n' > bad.zone
git add bad.zone
if out=$(git commit -qm bad 2>&1); then echo "FAIL: a broken zone was committed"; exit 1; fi
grep -q "bad.zone:4" <<<"$out" || { echo "FAIL: finding does not name bad.zone:4:"; echo "$out"; exit 1; }
grep -q "cname-with-other-data" <<<"$out" || { echo "FAIL: no check id in:"; echo "$out"; exit 1; }
grep -q "commit refused" <<<"$out" || { echo "FAIL: no refusal line"; exit 1; }

# The index version is what is checked: fixing only the work tree is not enough.
printf '$ORIGIN example.com.\n@ 3600 IN SOA ns1 h 1 7200 3600 1209600 300\n@ 3600 IN NS ns1.example.net.\nx 300 IN CNAME y\n' > bad.zone
if git commit -qm still-bad 2>/dev/null; then echo "FAIL: unstaged fix was trusted"; exit 1; fi
git add bad.zone
git commit -qm fixed || { echo "FAIL: fixed zone refused"; exit 1; }
echo "pre-commit hook: 3 passed, 0 failed"

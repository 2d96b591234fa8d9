#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Runs one CLI test file: the binaries as a user runs them.
#
# Usage: bash tests/cli/run-test.sh FILE.test DIR-OF-BINARIES
#
# A test file is a header of directive lines, then the input files:
#
#   # One or more lines of description (any "# " line that is not a directive).
#   # RUN: signet-verify --now 20260101000000 zone.zone
#   # EXIT: 2
#   # STDERR: zone.zone:4: error: [cname-with-other-data]
#   # STDOUT-NOT: something
#   # FILE: zone.zone
#   $ORIGIN example.com.
#   ...
#   # END
#
# Directives (in the header, before the first "# FILE:"):
#   RUN:         a bash command line. Several RUN lines are joined with newlines
#                into one script. It runs with `set -o pipefail` in a fresh temp
#                directory holding the files, with the binaries first on PATH.
#                %s is replaced by that temp directory, %bin by the binaries' one.
#   EXIT:        the expected exit status of the script (default 0).
#   STDOUT:      a fixed string that must occur in stdout (repeatable).
#   STDERR:      the same for stderr.
#   STDOUT-NOT:  a fixed string that must not occur in stdout (repeatable).
#   STDERR-NOT:  the same for stderr.
#   STDOUT-EMPTY / STDERR-EMPTY: (no value) that stream must be empty.
# Files: "# FILE: NAME" starts a file (NAME may contain directories); its
# content is every following line up to the next "# FILE:" or "# END". Files
# are written byte for byte as they appear, each line ending in a newline.
set -u
test_file=$1
bindir=$(cd "$2" && pwd)
name=$(basename "$test_file" .test)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

run="" expect_exit=0
stdout_want=() stderr_want=() stdout_not=() stderr_not=()
stdout_empty=0 stderr_empty=0
current=""
while IFS= read -r line || [ -n "$line" ]; do
  if [[ $line == "# FILE: "* ]]; then
    current="$work/${line#\# FILE: }"
    mkdir -p "$(dirname "$current")"
    : >"$current"
    continue
  fi
  if [[ $line == "# END" ]]; then current=""; continue; fi
  if [ -n "$current" ]; then printf '%s\n' "$line" >>"$current"; continue; fi
  case $line in
    "# RUN: "*) run+="${line#\# RUN: }"$'\n' ;;
    "# EXIT: "*) expect_exit=${line#\# EXIT: } ;;
    "# STDOUT: "*) stdout_want+=("${line#\# STDOUT: }") ;;
    "# STDERR: "*) stderr_want+=("${line#\# STDERR: }") ;;
    "# STDOUT-NOT: "*) stdout_not+=("${line#\# STDOUT-NOT: }") ;;
    "# STDERR-NOT: "*) stderr_not+=("${line#\# STDERR-NOT: }") ;;
    "# STDOUT-EMPTY") stdout_empty=1 ;;
    "# STDERR-EMPTY") stderr_empty=1 ;;
  esac
done <"$test_file"

[ -n "$run" ] || { echo "FAIL $name: no '# RUN:' line"; exit 1; }
run=${run//%bin/$bindir}
run=${run//%s/$work}

(cd "$work" && PATH="$bindir:$PATH" bash -o pipefail -c "$run") >"$work/.stdout" 2>"$work/.stderr"
rc=$?

fail=0
problem() { echo "FAIL $name: $*"; fail=1; }
[ "$rc" = "$expect_exit" ] || problem "exit status $rc, expected $expect_exit"
for s in "${stdout_want[@]+"${stdout_want[@]}"}"; do
  grep -qF -- "$s" "$work/.stdout" || problem "stdout lacks: $s"
done
for s in "${stderr_want[@]+"${stderr_want[@]}"}"; do
  grep -qF -- "$s" "$work/.stderr" || problem "stderr lacks: $s"
done
for s in "${stdout_not[@]+"${stdout_not[@]}"}"; do
  grep -qF -- "$s" "$work/.stdout" && problem "stdout has: $s"
done
for s in "${stderr_not[@]+"${stderr_not[@]}"}"; do
  grep -qF -- "$s" "$work/.stderr" && problem "stderr has: $s"
done
[ $stdout_empty = 1 ] && [ -s "$work/.stdout" ] && problem "stdout is not empty"
[ $stderr_empty = 1 ] && [ -s "$work/.stderr" ] && problem "stderr is not empty"

if [ $fail -ne 0 ]; then
  echo "--- command:"; printf '%s' "$run"
  echo "--- stdout:"; head -40 "$work/.stdout"
  echo "--- stderr:"; head -40 "$work/.stderr"
  exit 1
fi
echo "ok   $name"

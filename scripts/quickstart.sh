#!/usr/bin/env bash
# The main job on examples/: installs what is missing, builds, and runs signet
# on the example zone. (Later milestones extend this to the whole
# keygen -> signzone -> key2ds -> verify walk-through.)
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh --build-only
scripts/build.sh release -DSIGNET_TESTS=OFF
bin=build/release
echo "== signet-verify examples/example.com.zone"
"$bin/signet-verify" examples/example.com.zone
echo "== the parsed zone in canonical form (signet-verify --print)"
"$bin/signet-verify" --print examples/example.com.zone

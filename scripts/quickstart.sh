#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# The main job on examples/: installs what is missing, builds, and takes the
# example zone from nothing to a signed, verified zone and the DS for its parent:
#
#   signet-keygen (KSK + ZSK) -> signet-signzone -> signet-key2ds -> signet-verify
#
# Everything it writes goes to build/example/ (keys, signed zone, DS); the
# repository's files are not touched. Re-running it re-signs incrementally
# with the same keys. The steps are in examples/walkthrough.sh.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh --build-only
scripts/build.sh release -DSIGNET_TESTS=OFF
examples/walkthrough.sh build/release build/example examples/example.com.zone

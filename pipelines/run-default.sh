#!/usr/bin/env bash
# The main job on the embedded defaults: installs missing system packages, builds docguard in
# release mode and runs it over TestImages/. Until the scan stage lands (issue 3) it validates the
# ICAO specimen MRZs in TestImages/icao-specimens.mrz.txt and prints one JSON line per document.
set -euo pipefail
cd "$(dirname "$0")/.."
bash .ci/install-deps
export OMP_THREAD_LIMIT=1
swift build -c release --product docguard
.build/release/docguard mrz < TestImages/icao-specimens.mrz.txt

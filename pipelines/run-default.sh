#!/usr/bin/env bash
# The main job on the embedded defaults: installs missing system packages, builds docguard in
# release mode and scans TestImages/ (one JSON result line per scan on stdout), then prints the read
# rate against the ground truth beside each scan on stderr. The stolen/lost list stage (issue 5)
# will add the bundled sample list here.
set -euo pipefail
cd "$(dirname "$0")/.."
bash .ci/install-deps
export OMP_THREAD_LIMIT=1
swift build -c release --product docguard >&2  # keep stdout for the results
.build/release/docguard scan TestImages
.build/release/docguard eval TestImages >&2

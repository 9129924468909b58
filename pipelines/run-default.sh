#!/usr/bin/env bash
# The main job on the embedded defaults: installs missing system packages, builds docguard in
# release mode, loads the bundled sample list (pipelines/lists/sample-list.csv) into the embedded
# SQLite store, and scans TestImages/ against it: one JSON result line per scan on stdout, with the
# HTML report and the CSV in .build/ (docguard-report.html, docguard-results.csv); then prints the read
# rate against the ground truth beside each scan on stderr.
set -euo pipefail
cd "$(dirname "$0")/.."
bash .ci/install-deps
export OMP_THREAD_LIMIT=1
swift build -c release --product docguard >&2  # keep stdout for the results
store=.build/sample-lists.sqlite
.build/release/docguard lists import pipelines/lists/sample-list.csv --store "$store" --replace \
    --list-version sample-list >&2
.build/release/docguard scan TestImages --lists "$store" \
    --report .build/docguard-report.html --csv .build/docguard-results.csv
echo "report: .build/docguard-report.html, CSV: .build/docguard-results.csv" >&2
.build/release/docguard eval TestImages >&2

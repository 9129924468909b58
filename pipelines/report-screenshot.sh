#!/usr/bin/env bash
# Screens an HTML report in a real browser: headless Chromium takes a phone-sized (390 px) and a
# desktop-sized (1280 px) screenshot, for a person to look at before a report change ships.
#
#   bash pipelines/report-screenshot.sh [REPORT.html] [OUT_DIR]
#
# Defaults: the golden report (Tests/docguardCLITests/Golden/scan-subset.html) and .build/screenshots.
# Installs Debian's chromium when it is missing.
set -euo pipefail
cd "$(dirname "$0")/.."
report=$(realpath "${1:-Tests/docguardCLITests/Golden/scan-subset.html}")
out=${2:-.build/screenshots}
command -v chromium >/dev/null || { apt-get update && apt-get install -y chromium; } >&2
mkdir -p "$out"
name=$(basename "$report" .html)
for size in phone:390,2400 desktop:1280,1600; do
    chromium --headless --no-sandbox --disable-gpu --hide-scrollbars --window-size="${size#*:}" \
        --screenshot="$out/$name-${size%%:*}.png" "file://$report" 2>/dev/null
done
ls -1 "$out/$name"-*.png

#!/usr/bin/env bash
# Scan throughput and peak memory on 300 dpi passport pages (issue 3 targets: >= 20 scans/s on 2 cores,
# peak RSS < 300 MB). Renders COUNT clean pages (small skew only, all at 300 dpi) with `docguard synth`
# into a temporary folder, scans them with JOBS workers in a release build and prints the figures, then
# the read rate on the same pages. Usage: bash benchmarks/scan-benchmark.sh
set -euo pipefail
cd "$(dirname "$0")/.."
COUNT=${COUNT:-120}
JOBS=${JOBS:-2}
MODEL=${MODEL:-}
bash .ci/install-deps
export OMP_THREAD_LIMIT=1
swift build -c release --product docguard >/dev/null
bin=.build/release/docguard
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

"$bin" synth --out "$work/pages" --count "$COUNT" --seed 20261124 --dpi 300 --format TD3 --clean 2>/dev/null
model_args=()
[ -n "$MODEL" ] && model_args=(--model "$MODEL")

# Wall time and peak RSS of one whole scan run, read from /proc by a small sampler (no GNU time needed).
start=$(date +%s.%N)
"$bin" scan "$work/pages" --jobs "$JOBS" --out "$work/results.jsonl" "${model_args[@]}" &
pid=$!
peak_kb=0
while kill -0 "$pid" 2>/dev/null; do
    rss=$(awk '/^VmHWM:/ {print $2}' "/proc/$pid/status" 2>/dev/null || echo 0)
    [ -n "$rss" ] && [ "$rss" -gt "$peak_kb" ] && peak_kb=$rss
    sleep 0.05
done
wait "$pid"
end=$(date +%s.%N)

scans=$(wc -l < "$work/results.jsonl")
ok=$(grep -c '"status":"ok"' "$work/results.jsonl" || true)
awk -v n="$scans" -v ok="$ok" -v s="$start" -v e="$end" -v kb="$peak_kb" -v jobs="$JOBS" 'BEGIN {
    wall = e - s
    printf "300 dpi TD3 pages: %d scanned (%d status ok) with %d jobs\n", n, ok, jobs
    printf "wall %.2f s, %.1f scans/s, %.0f ms per scan per worker\n", wall, n / wall, 1000 * wall * jobs / n
    printf "peak RSS %.0f MB\n", kb / 1024
}'
echo
"$bin" eval "$work/pages" --jobs "$JOBS" "${model_args[@]}"

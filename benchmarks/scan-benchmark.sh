#!/usr/bin/env bash
# Scan throughput and peak memory on 300 dpi passport pages (issue 3 targets: >= 20 scans/s on 2 cores,
# peak RSS < 300 MB; issue 18: the visual zone check's extra CPU per scan, aim <= 150 ms on one core).
# Renders COUNT clean pages (small skew only, all at 300 dpi) with `docguard synth` into a temporary folder, scans
# them with JOBS workers in a release build and prints the figures (wall, scans/s, CPU ms per scan, peak RSS), the
# visual zone check's cost and its parts (VisualZoneBenchmark), then the read rate on the same pages.
# BASELINE=/path/to/docguard also measures another build on the same pages, before and after this one (machines
# of this kind vary run to run).
# Usage: [BASELINE=... [BASELINE_ARGS=...]] bash benchmarks/scan-benchmark.sh
set -euo pipefail
cd "$(dirname "$0")/.."
COUNT=${COUNT:-120}
JOBS=${JOBS:-2}
MODEL=${MODEL:-}
bash .ci/install-deps
export OMP_THREAD_LIMIT=1
swift build -c release --product docguard >/dev/null
swift build -c release --product docguard-synth >/dev/null  # docguard synth runs it
swift build -c release --product VisualZoneBenchmark >/dev/null
bin=.build/release/docguard
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

"$bin" synth --out "$work/pages" --count "$COUNT" --seed 20261124 --dpi 300 --format TD3 --clean 2>/dev/null
model_args=()
[ -n "$MODEL" ] && model_args=(--model "$MODEL")

# Wall time, CPU time and peak RSS of one whole scan run, read from /proc by a small sampler (no GNU time
# needed; CPU is the last sample, at most 50 ms short).
measure() {
    local bin=$1 label=$2 out=$work/results-$2.jsonl
    shift 2
    local start end pid peak_kb=0 ticks=0 rss now
    start=$(date +%s.%N)
    "$bin" scan "$work/pages" --jobs "$JOBS" --out "$out" "${model_args[@]}" "$@" &
    pid=$!
    while kill -0 "$pid" 2>/dev/null; do
        rss=$(awk '/^VmHWM:/ {print $2}' "/proc/$pid/status" 2>/dev/null || echo 0)
        [ -n "$rss" ] && [ "$rss" -gt "$peak_kb" ] && peak_kb=$rss
        now=$(awk '{print $14 + $15}' "/proc/$pid/stat" 2>/dev/null || echo 0)
        [ -n "$now" ] && [ "$now" -gt "$ticks" ] && ticks=$now
        sleep 0.05
    done
    wait "$pid"
    end=$(date +%s.%N)
    local scans ok
    scans=$(wc -l < "$out")
    ok=$(grep -c '"status":"ok"' "$out" || true)
    awk -v n="$scans" -v ok="$ok" -v s="$start" -v e="$end" -v kb="$peak_kb" -v jobs="$JOBS" -v label="$label" \
        -v ticks="$ticks" -v hz="$(getconf CLK_TCK)" 'BEGIN {
        wall = e - s
        printf "%s: 300 dpi TD3 pages: %d scanned (%d status ok) with %d jobs\n", label, n, ok, jobs
        printf "%s: wall %.2f s, %.1f scans/s, CPU %.0f ms per scan, peak RSS %.0f MB\n", label, wall, n / wall,
            1000 * ticks / hz / n, kb / 1024
        printf "%.1f\n", 1000 * ticks / hz / n > "/dev/stderr"
    }' 2> "$work/cpu-$label"
}

# BASELINE=/path/to/another/docguard measures it on the same pages first, in the same run, for before/after
# (BASELINE_ARGS: extra arguments for it, e.g. `--risk old-risk.yaml` when the policy file changed since).
read -r -a baseline_args <<< "${BASELINE_ARGS:-}"
echo "host: $(uname -n), $(lscpu 2>/dev/null | awk -F': *' '/^Model name/ {print $2; exit}'), $(getconf _NPROCESSORS_ONLN) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2 / 1048576}' /proc/meminfo), kernel $(uname -r)"
if [ -n "${BASELINE:-}" ]; then measure "$BASELINE" baseline "${baseline_args[@]}"; fi
measure "$bin" current --no-lists  # the read rate is measured, not the lists
# The same build without the visual zone check (the printed page held against the MRZ): what the check costs.
measure "$bin" current-no-viz --no-lists --no-viz
awk -v with="$(cat "$work/cpu-current")" -v without="$(cat "$work/cpu-current-no-viz")" 'BEGIN {
    printf "visual zone check: %+.0f ms CPU per scan (%.0f with it, %.0f without)\n", with - without, with, without
}'
# Where that goes, part by part, on one core: the page-text engine's part is the least the check can cost with it.
.build/release/VisualZoneBenchmark "$work/pages"
if [ -n "${BASELINE:-}" ]; then measure "$BASELINE" baseline-again "${baseline_args[@]}"; fi
echo
"$bin" eval "$work/pages" --jobs "$JOBS" "${model_args[@]}"

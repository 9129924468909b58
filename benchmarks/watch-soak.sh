#!/usr/bin/env bash
# Watch-mode soak (issue 7): drops SCANS scans into a watched inbox and prints the sustained rate (scans/s
# from the first drop until the last result) and the peak RSS of the docguard process, sampled through
# the run. Target on the 2-core build machine: >= 10 scans/s over 10 000 scans, RSS < 200 MB, flat.
#
#   bash benchmarks/watch-soak.sh                 # 10 000 scans
#   SCANS=1000 JOBS=2 bash benchmarks/watch-soak.sh
#
# Knobs: SCANS, JOBS, WORK (default /tmp/docguard-soak, removed after unless KEEP=1).
set -euo pipefail
cd "$(dirname "$0")/.."
SCANS=${SCANS:-10000}
JOBS=${JOBS:-2}
WORK=${WORK:-/tmp/docguard-soak}
bash .ci/install-deps
export OMP_THREAD_LIMIT=1
swift build -c release --product docguard >&2
bin=$(swift build -c release --show-bin-path)/docguard
rm -rf "$WORK"
mkdir -p "$WORK/inbox" "$WORK/staging"
[ "${KEEP:-0}" = 1 ] || trap 'rm -rf "$WORK"' EXIT
cat > "$WORK/watch.yaml" <<YAML
mode: watch
inbox: inbox
processed: processed
quarantine: quarantine
results: results.jsonl
lists: none
risk: $(pwd)/Models/risk.yaml
jobs: $JOBS
settle_seconds: 0.5
YAML
mapfile -t sources < <(find TestImages -name '*.jpg' | sort)
echo "staging $SCANS scans" >&2
for ((i = 0; i < SCANS; i++)); do cp "${sources[i % ${#sources[@]}]}" "$WORK/staging/scan-$i.jpg"; done

"$bin" run "$WORK/watch.yaml" 2>"$WORK/docguard.log" &
pid=$!
start=$(date +%s.%N)
# Scanners drop the files as fast as the disk takes them (rename: each appears whole).
( for ((i = 0; i < SCANS; i++)); do mv "$WORK/staging/scan-$i.jpg" "$WORK/inbox/"; done ) &
peak_kb=0 samples=""
while :; do
    done_count=$( (wc -l < "$WORK/results.jsonl") 2>/dev/null || echo 0)
    rss=$(awk '/^VmRSS:/ {print $2}' "/proc/$pid/status" 2>/dev/null || echo 0)
    [ "$rss" -gt "$peak_kb" ] && peak_kb=$rss
    samples="$samples $((rss / 1024))"
    [ "$done_count" -ge "$SCANS" ] && break
    kill -0 "$pid" 2>/dev/null || { echo "docguard stopped early" >&2; exit 1; }
    sleep 1
done
end=$(date +%s.%N)
kill -TERM "$pid"
wait "$pid"
echo
echo "watch-mode soak, $(getconf _NPROCESSORS_ONLN) cores, $JOBS jobs"
awk -v n="$SCANS" -v s="$start" -v e="$end" -v p="$peak_kb" 'BEGIN {
    printf "scans:   %d in %.1f s = %.1f scans/s sustained\n", n, e - s, n / (e - s)
    printf "memory:  peak RSS %d MB\n", p / 1024
}'
echo "RSS (MB) over the run, one sample a second:$(echo "$samples" | awk '{ step = int(NF / 12) + 1; for (i = 1; i <= NF; i += step) printf " %s", $i }')"
echo "processed: $(ls "$WORK/processed" | wc -l), quarantined: $(ls "$WORK/quarantine" | wc -l), left in inbox: $(ls "$WORK/inbox" | wc -l)"

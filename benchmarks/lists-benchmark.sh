#!/usr/bin/env bash
# Stolen/lost list stage at scale (issue 5): import time and rate into SQLite, database size, single-lookup
# latency p50/p99 (listed numbers read the database; unlisted ones are answered by the in-memory key
# filter), `docguard screen` throughput end to end (parse, validate, look up, write each result line) on a
# warm store, and peak RSS of import and screen.
#
#   bash benchmarks/lists-benchmark.sh            # 10 M records (quick)
#   RECORDS=128000000 bash benchmarks/lists-benchmark.sh   # INTERPOL SLTD scale
#
# Knobs: RECORDS, CROSSINGS (MRZs screened, default 2 000 000), JOBS (screen threads, default 2),
# WORK (folder for the list, store and results; default /tmp/docguard-lists-bench, removed after unless
# KEEP=1), REUSE=1 (keep a list and crossings already generated in WORK: only the store is made anew;
# REUSE=2 keeps the store too and skips the import), RUNS (measured screen runs, default 5), BASELINE (another
# docguard binary: its screen runs alternate with this build's on the same store and crossings, so before and
# after are compared in one run on one machine).
# Then Advance Passenger Information (issue 19): API_TRAVELLERS travellers (default 1 000 000) in PAXLST flight
# files of about 500 travellers each (visas, crew, one in 100 with a listed document), screened against the same
# store with `docguard screen FILES...`: travellers/s, CPU per traveller, peak RSS (API_TRAVELLERS=0 skips it).
# Targets on the 2-core build machine: 128 M import < 15 min (>= 142 k records/s), p99 lookup
# < 1 ms, screen >= 250 k documents/s, flat import memory; API >= 100 k travellers/s, flat memory.
set -euo pipefail
cd "$(dirname "$0")/.."
RECORDS=${RECORDS:-10000000}
CROSSINGS=${CROSSINGS:-2000000}
JOBS=${JOBS:-2}
RUNS=${RUNS:-5}
API_TRAVELLERS=${API_TRAVELLERS:-1000000}
REUSE=${REUSE:-0}
WORK=${WORK:-/tmp/docguard-lists-bench}
bash .ci/install-deps
swift build -c release --product docguard >&2
swift build -c release --product ListBenchmark >&2
bin=$(swift build -c release --show-bin-path)
if [ "$REUSE" = 2 ] && [ -s "$WORK/lists.sqlite" ] && [ -s "$WORK/list.csv" ] && [ -s "$WORK/crossings.txt" ]; then
    rm -f "$WORK/results.jsonl"
elif [ "$REUSE" = 1 ] && [ -s "$WORK/list.csv" ] && [ -s "$WORK/crossings.txt" ]; then
    rm -f "$WORK"/lists.sqlite* "$WORK/results.jsonl"
else
    rm -rf "$WORK"
    mkdir -p "$WORK"
fi
[ "${KEEP:-0}" = 1 ] || trap 'rm -rf "$WORK"' EXIT

source benchmarks/measure.sh

if [ -s "$WORK/list.csv" ]; then
    echo "reusing the list and crossings in $WORK" >&2
    gen_list=0
else
    echo "generating a synthetic list of $RECORDS records and $CROSSINGS crossings" >&2
    measure "$bin/ListBenchmark" list "$RECORDS" "$WORK/list.csv"
    gen_list=$wall
    "$bin/ListBenchmark" crossings "$CROSSINGS" "$WORK/crossings.txt" "$RECORDS"
fi
list_mb=$(( $(stat -c %s "$WORK/list.csv") / 1048576 ))

if [ -s "$WORK/lists.sqlite" ]; then
    echo "reusing the store in $WORK" >&2
    import_wall=0 import_peak=0
else
    echo "importing" >&2
    measure "$bin/docguard" lists import "$WORK/list.csv" --store "$WORK/lists.sqlite" --list-version bench
    import_wall=$wall import_peak=$peak_mb
fi
db_mb=$(( $(stat -c %s "$WORK/lists.sqlite") / 1048576 ))
filter_mb=$(( $(stat -c %s "$WORK/lists.sqlite.filter" 2>/dev/null || echo 0) / 1048576 ))

echo "lookups" >&2
lookups=$("$bin/ListBenchmark" lookups "$WORK/lists.sqlite" "$RECORDS" 20000)

echo "screening" >&2
builds=("$bin/docguard")
[ -n "${BASELINE:-}" ] && builds+=("$BASELINE")
screen_args=(screen "$WORK/crossings.txt" --lists "$WORK/lists.sqlite" --out "$WORK/results.jsonl" --jobs "$JOBS")
# A first run warms the store's pages. This machine (a Firecracker VM whose free memory goes back to its
# host) runs a program slower the first times after a large import has churned memory: up to half as
# fast. Hence several runs, all printed, and their median; with a BASELINE the two builds take turns.
"$bin/docguard" "${screen_args[@]}"
declare -A screen_walls screen_cpus screen_peaks
for run in $(seq "$RUNS"); do
    for build in "${!builds[@]}"; do
        rm -f "$WORK/results.jsonl"
        sync
        measure "${builds[$build]}" "${screen_args[@]}"
        screen_walls[$build]+="$wall "
        screen_cpus[$build]+="$cpu "
        [ "$peak_mb" -gt "${screen_peaks[$build]:-0}" ] && screen_peaks[$build]=$peak_mb
    done
done
median() { printf '%s\n' $1 | sort -n | sed -n "$(( (RUNS + 1) / 2 ))p"; }
hits=$(grep -c '"hit":true' "$WORK/results.jsonl" || true)
results=$(wc -l < "$WORK/results.jsonl")

echo
echo "list stage benchmark, SQLite store"
echo "host:    $(uname -n), $(lscpu 2>/dev/null | awk -F': *' '/^Model name/ {print $2; exit}'), $(getconf _NPROCESSORS_ONLN) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2 / 1048576}' /proc/meminfo), kernel $(uname -r)"
awk -v n="$RECORDS" -v w="$import_wall" -v p="$import_peak" -v db="$db_mb" -v f="$filter_mb" -v csv="$list_mb" -v g="$gen_list" 'BEGIN {
    printf "list:    %d records, CSV %d MB (%s)\n", n, csv, (g > 0 ? sprintf("generated in %.1f s", g) : "reused")
    if (w > 0) printf "import:  %.1f s, %.0f records/s, peak RSS %d MB, database %d MB (%.0f bytes/record) + filter file %d MB\n", w, n / w, p, db, db * 1048576 / n, f
    else printf "import:  store reused, database %d MB + filter file %d MB\n", db, f
}'
echo "$lookups" | sed 's/^/lookup:  /'
for build in "${!builds[@]}"; do
    label=screen
    [ "$build" -gt 0 ] && label=baseline
    awk -v label="$label" -v n="$results" -v w="$(median "${screen_walls[$build]}")" \
        -v c="$(median "${screen_cpus[$build]}")" -v p="${screen_peaks[$build]}" -v h="$hits" -v j="$JOBS" \
        -v all="${screen_walls[$build]}" -v runs="$RUNS" -v path="${builds[$build]}" 'BEGIN {
        printf "%-8s %d MRZ records in %.1f s = %.0f documents/s, CPU %.1f us/document (user + system; medians of %d runs: %ss; %d jobs, result lines written), %d hits, peak RSS %d MB  [%s]\n", label ":", n, w, n / w, c * 1e6 / n, runs, all, j, h, p, path
    }'
done

if [ "$API_TRAVELLERS" -gt 0 ]; then
    if [ "$(ls "$WORK/flights" 2>/dev/null | wc -l)" -gt 0 ] && [ "$REUSE" != 0 ]; then
        api_made="reused"
    else
        rm -rf "$WORK/flights"
        echo "generating PAXLST flights" >&2
        measure "$bin/ListBenchmark" paxlst "$API_TRAVELLERS" "$WORK/flights" "$RECORDS"
        api_made="generated in ${wall} s"
    fi
    travellers=$(cat "$WORK"/flights/*.edi | grep -o "NAD+F[LM]+" | wc -l)
    files=$(ls "$WORK/flights" | wc -l)
    echo "screening PAXLST" >&2
    api_args=(screen "$WORK"/flights/*.edi --lists "$WORK/lists.sqlite" --out "$WORK/api-results.jsonl" --jobs "$JOBS")
    "$bin/docguard" "${api_args[@]}" 2>/dev/null
    api_walls="" api_cpus="" api_peak=0
    for run in $(seq "$RUNS"); do
        rm -f "$WORK/api-results.jsonl"
        sync
        measure "$bin/docguard" "${api_args[@]}"
        api_walls+="$wall "
        api_cpus+="$cpu "
        [ "$peak_mb" -gt "$api_peak" ] && api_peak=$peak_mb
    done
    api_results=$(wc -l < "$WORK/api-results.jsonl")
    api_hits=$(grep -c '"hit":true' "$WORK/api-results.jsonl" || true)
    awk -v t="$travellers" -v r="$api_results" -v f="$files" -v w="$(median "$api_walls")" \
        -v c="$(median "$api_cpus")" -v p="$api_peak" -v h="$api_hits" -v j="$JOBS" -v all="$api_walls" \
        -v runs="$RUNS" -v made="$api_made" 'BEGIN {
        printf "api:     %d travellers (%d documents, %d PAXLST files, %s) in %.1f s = %.0f travellers/s, CPU %.1f us/traveller (medians of %d runs: %ss; %d jobs, result lines written), %d hits, peak RSS %d MB\n", t, r, f, made, w, t / w, c * 1e6 / t, runs, all, j, h, p
    }'
fi

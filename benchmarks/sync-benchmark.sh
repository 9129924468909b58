#!/usr/bin/env bash
# List sync (issue 20): a central PostgreSQL list of RECORDS records synced to an empty post (a full copy into
# SQLite), then a delta of DELTA rows imported at the centre and synced to that post. Prints time, rate, the
# sync's CPU time per record (docguard's user + system; the PostgreSQL server's is not counted) and peak RSS.
#
#   bash benchmarks/sync-benchmark.sh                     # 10 M records, 100 k delta
#   RECORDS=1000000 bash benchmarks/sync-benchmark.sh     # quicker
#
# Knobs: RECORDS, DELTA, WORK (scratch folder, default /tmp/docguard-sync-bench, removed after unless KEEP=1),
# POSTGRES_URL (a server and role that may create databases; default: the local one .ci/start-postgres
# starts). The benchmark makes and drops its own database, docguard_sync_bench.
set -euo pipefail
cd "$(dirname "$0")/.."
RECORDS=${RECORDS:-10000000}
DELTA=${DELTA:-100000}
WORK=${WORK:-/tmp/docguard-sync-bench}
POSTGRES_URL=${POSTGRES_URL:-$(bash .ci/start-postgres)}
swift build -c release --product docguard >&2
swift build -c release --product ListBenchmark >&2
bin=$(swift build -c release --show-bin-path)
rm -rf "$WORK"
mkdir -p "$WORK"
central="${POSTGRES_URL%/*}/docguard_sync_bench"
admin() { psql -q -v ON_ERROR_STOP=1 "$POSTGRES_URL" -c "$1" >&2; }
admin "DROP DATABASE IF EXISTS docguard_sync_bench WITH (FORCE)"
admin "CREATE DATABASE docguard_sync_bench"
cleanup() {
    admin "DROP DATABASE IF EXISTS docguard_sync_bench WITH (FORCE)" || true
    [ "${KEEP:-0}" = 1 ] || rm -rf "$WORK"
}
trap cleanup EXIT
source benchmarks/measure.sh

echo "generating a list of $RECORDS records and a delta of $DELTA rows" >&2
"$bin/ListBenchmark" list "$RECORDS" "$WORK/list.csv"
"$bin/ListBenchmark" delta "$DELTA" "$WORK/delta.csv" "$RECORDS"

# Imports FILE at the centre as VERSION ($import_wall: its time), then syncs the post, which must make a KIND
# sync: its JSON line goes to $WORK/KIND.json, its figures to $wall, $cpu and $peak_mb.
import_and_sync() {
    echo "importing $1 at the centre, then a $3 sync" >&2
    measure "$bin/docguard" lists import "$1" --store "$central" --list-version "$2" > /dev/null
    import_wall=$wall
    measure "$bin/docguard" lists sync --from "$central" --store "$WORK/post.sqlite" > "$WORK/$3.json"
    grep -q "\"sync\":\"$3\"" "$WORK/$3.json" || { echo "the sync was not a $3 one" >&2; exit 1; }
}
import_and_sync "$WORK/list.csv" central-1 full
central_wall=$import_wall full_wall=$wall full_cpu=$cpu full_peak=$peak_mb
import_and_sync "$WORK/delta.csv" central-2 delta
delta_import_wall=$import_wall delta_wall=$wall delta_cpu=$cpu delta_peak=$peak_mb
records=$(grep -o '"records":[0-9]*' "$WORK/delta.json" | cut -d: -f2)

echo
echo "list sync benchmark, PostgreSQL centre to a SQLite post"
echo "host:    $(uname -n), $(lscpu 2>/dev/null | awk -F': *' '/^Model name/ {print $2; exit}'), $(getconf _NPROCESSORS_ONLN) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2 / 1048576}' /proc/meminfo), kernel $(uname -r)"
echo "centre:  $RECORDS records imported into PostgreSQL in $central_wall s; delta of $DELTA rows in $delta_import_wall s"
awk -v n="$RECORDS" -v w="$full_wall" -v c="$full_cpu" -v p="$full_peak" 'BEGIN {
    printf "full:    %d records to an empty post in %.1f s = %.0f records/s, CPU %.1f us/record, peak RSS %d MB\n", n, w, n / w, c * 1e6 / n, p }'
awk -v n="$DELTA" -v r="$records" -v w="$delta_wall" -v c="$delta_cpu" -v p="$delta_peak" 'BEGIN {
    printf "delta:   %d changed records (list of %d) in %.1f s = %.0f records/s, CPU %.1f us/record, peak RSS %d MB\n", n, r, w, n / w, c * 1e6 / n, p }'
echo "output:  $(cat "$WORK/full.json")"
echo "         $(cat "$WORK/delta.json")"

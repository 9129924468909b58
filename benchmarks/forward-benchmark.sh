#!/usr/bin/env bash
# Result forwarding (issue 20): RESULTS result lines (a post's backlog after days without a link) forwarded
# by `docguard forward` to a central PostgreSQL database set up by `docguard central setup`, as a post's own
# login role (INSERT only). Prints time, results/s, the forwarder's CPU time per result (docguard's user +
# system; the server's is not counted) and peak RSS; then forwards the same file again (nothing left to send:
# the cost of a start-up catch-up check). Target: >= 2 000 results/s.
#
#   bash benchmarks/forward-benchmark.sh                  # 200 k results
#   RESULTS=1000000 bash benchmarks/forward-benchmark.sh
#
# Knobs: RESULTS, WORK (scratch folder, default /tmp/docguard-forward-bench, removed after unless KEEP=1),
# POSTGRES_URL (a server and a role that may create databases and roles; default: the local one
# .ci/start-postgres starts), CONFIGURATION (release, or debug for a quick look). The benchmark makes and
# drops its own database docguard_fwd_bench and roles docguard_fwd_bench_*.
set -euo pipefail
cd "$(dirname "$0")/.."
RESULTS=${RESULTS:-200000}
WORK=${WORK:-/tmp/docguard-forward-bench}
CONFIGURATION=${CONFIGURATION:-release}
POSTGRES_URL=${POSTGRES_URL:-$(bash .ci/start-postgres)}
swift build -c "$CONFIGURATION" --product docguard >&2
bin=$(swift build -c "$CONFIGURATION" --show-bin-path)
rm -rf "$WORK"
mkdir -p "$WORK"
central="${POSTGRES_URL%/*}/docguard_fwd_bench"
admin() { psql -q -v ON_ERROR_STOP=1 "$1" -c "$2" >&2; }
cleanup() {
    admin "$POSTGRES_URL" "DROP DATABASE IF EXISTS docguard_fwd_bench WITH (FORCE)" || true
    for role in docguard_fwd_bench_login docguard_fwd_bench_post docguard_fwd_bench_hub; do
        admin "$POSTGRES_URL" "DROP ROLE IF EXISTS $role" || true
    done
    [ "${KEEP:-0}" = 1 ] || rm -rf "$WORK"
}
trap cleanup EXIT
cleanup
mkdir -p "$WORK"
admin "$POSTGRES_URL" "CREATE DATABASE docguard_fwd_bench"
"$bin/docguard" central setup --db "$central" --post-role docguard_fwd_bench_post --hub-role docguard_fwd_bench_hub >&2
password=$(head -c 18 /dev/urandom | base64 | tr -d '/+=')
admin "$central" "CREATE ROLE docguard_fwd_bench_login LOGIN PASSWORD '$password' IN ROLE docguard_fwd_bench_post"
(umask 077 && printf '%s\n' "$password" > "$WORK/central.pw")
host_part=${POSTGRES_URL#*@}
host_part=${host_part%%/*}
source benchmarks/measure.sh

echo "generating $RESULTS result lines" >&2
awk -v n="$RESULTS" 'BEGIN {
    for (i = 1; i <= n; i++) {
        level = (i % 10 == 0) ? "alert" : (i % 10 == 1) ? "review" : "clear"
        printf "{\"file\":\"scans/%08d.png\",\"list\":{\"checked\":true,\"error\":null,\"generation\":7,\"hit\":false,", i
        printf "\"match\":null,\"records\":[],\"version\":\"central-7\"},\"mrz\":{\"birthDate\":\"1974-08-12\","
        printf "\"checks\":{\"birthDate\":true,\"composite\":true,\"documentNumber\":true,\"expiryDate\":true,"
        printf "\"optionalData\":true},\"documentCode\":\"P\",\"documentNumber\":\"L%08d\",\"errors\":[],", i
        printf "\"expiryDate\":\"2032-04-15\",\"format\":\"TD3\",\"givenNames\":\"ANNA MARIA\",\"issuingState\":\"UTO\","
        printf "\"lines\":[\"P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<\",\"L898902C36UTO7408122F1204159ZE184226B<<<<<10\"],"
        printf "\"nationality\":\"UTO\",\"optionalData\":\"ZE184226B\",\"optionalData2\":null,\"sex\":\"F\","
        printf "\"surname\":\"ERIKSSON\",\"valid\":true},\"ocr\":{\"confidence\":0.97,\"corrected\":[]},"
        printf "\"risk\":{\"level\":\"%s\",\"reasons\":[{\"code\":\"SPECIMEN\",\"detail\":\"\",\"points\":10}],", level
        printf "\"score\":10},\"schema\":\"docguard.result/1\",\"sha256\":\"%064x\",\"status\":\"ok\"}\n", i
    }
}' > "$WORK/results.jsonl"
cat > "$WORK/night.yaml" <<YAML
mode: batch
inputs: [scans]
results: results.jsonl
lists: none
forward: postgres://docguard_fwd_bench_login@$host_part/docguard_fwd_bench
post_id: bench-post
password_file: central.pw
YAML

echo "forwarding" >&2
measure "$bin/docguard" forward "$WORK/night.yaml" > "$WORK/forward.json"
forward_wall=$wall forward_cpu=$cpu forward_peak=$peak_mb
grep -q '"waiting":0' "$WORK/forward.json" || { echo "lines were left: $(cat "$WORK/forward.json")" >&2; exit 1; }
measure "$bin/docguard" forward "$WORK/night.yaml" > "$WORK/again.json"
held=$(psql -tA "$central" -c "SELECT count(*) FROM central_results")
[ "$held" = "$RESULTS" ] || { echo "the centre holds $held rows, not $RESULTS" >&2; exit 1; }

echo
echo "result forwarding benchmark, results file to a PostgreSQL centre (post role: INSERT only)"
echo "host:    $(uname -n), $(lscpu 2>/dev/null | awk -F': *' '/^Model name/ {print $2; exit}'), $(getconf _NPROCESSORS_ONLN) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2 / 1048576}' /proc/meminfo), kernel $(uname -r)"
echo "build:   $CONFIGURATION; file: $(du -h "$WORK/results.jsonl" | cut -f1) of $RESULTS lines"
awk -v n="$RESULTS" -v w="$forward_wall" -v c="$forward_cpu" -v p="$forward_peak" 'BEGIN {
    printf "forward: %d results in %.1f s = %.0f results/s, CPU %.1f us/result, peak RSS %d MB\n", n, w, n / w, c * 1e6 / n, p }'
echo "again:   nothing left to send, $wall s"
echo "output:  $(cat "$WORK/forward.json")"

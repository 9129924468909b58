#!/usr/bin/env bash
# Shows the central view (`docguard hub`) in a real browser: fills a demo central database with three posts'
# results (the golden scan results, four lines a post) and their contact reports, starts the hub on loopback,
# and has headless Chromium take a screenshot of the alerts page, for a person to look at before a change to
# the hub ships.
#
#   bash pipelines/hub-screenshot.sh [OUT.png]
#
# Default OUT: /tmp/hub-screenshot.png. Needs PostgreSQL (DOCGUARD_TEST_POSTGRES_URL, else .ci/start-postgres
# starts one) and the built binary (.build/debug/docguard, or DOCGUARD_BIN). The demo database,
# docguard_hub_demo, is made afresh each run and left for a look (`docguard hub --db .../docguard_hub_demo`).
# The tables come from Sources/Lists/Central/CentralSchema.swift itself, so they are the ones posts write.
# Installs Debian's chromium when it is missing.
set -euo pipefail
cd "$(dirname "$0")/.."
out=$(realpath -m "${1:-/tmp/hub-screenshot.png}")
bin=${DOCGUARD_BIN:-.build/debug/docguard}
admin=${DOCGUARD_TEST_POSTGRES_URL:-$(bash .ci/start-postgres)}
[[ $admin =~ ^postgres://([^:@/]+)(:([^@]*))?@([^/]+)/ ]] || { echo "not a postgres:// URL: ${admin%%@*}@..." >&2; exit 2; }
user=${BASH_REMATCH[1]}
password=${BASH_REMATCH[3]}
server=${BASH_REMATCH[4]}
database=docguard_hub_demo
demo=postgres://$user${password:+:$password}@$server/$database
command -v chromium >/dev/null || { apt-get update && apt-get install -y chromium; } >&2

PGOPTIONS="-c client_min_messages=warning" psql -q -v ON_ERROR_STOP=1 "$admin" -c "DROP DATABASE IF EXISTS $database WITH (FORCE)" -c "CREATE DATABASE $database"
# The CREATE statements of CentralSchema.tables, out of their Swift string literals.
sed -n '/static let tables = \[/,/^    \]/p' Sources/Lists/Central/CentralSchema.swift | sed -e '1d;$d' \
    -e '/^ *"""$/d' -e 's/^ *""",$/;/' -e 's/^ *"\(.*\)",$/\1;/' | psql -q -v ON_ERROR_STOP=1 "$demo"

# Each post forwards four golden lines, a minute apart, as a post would: the columns copied out of the line.
{
    echo "CREATE TEMP TABLE forwarded (position serial, line text);"
    echo "COPY forwarded (line) FROM STDIN WITH (FORMAT csv, QUOTE E'\\x01', DELIMITER E'\\x02');"
    cat Tests/docguardCLITests/Golden/scan-subset.jsonl
    echo '\.'
    cat <<'SQL'
INSERT INTO central_results (post_id, sha256, list_generation, record, post_sequence, status, level, score,
    reasons, document_number, issuing_state, list_version, file, line, received_at)
SELECT post, coalesce(j->>'sha256', ''), 41, coalesce((j->>'record')::integer, 0),
    row_number() OVER (PARTITION BY post ORDER BY position), j->>'status', j->'risk'->>'level',
    (j->'risk'->>'score')::integer,
    coalesce((SELECT string_agg(reason->>'code', ',' ORDER BY n)
        FROM jsonb_array_elements(j->'risk'->'reasons') WITH ORDINALITY AS listed(reason, n)), ''),
    j->'mrz'->>'documentNumber', j->'mrz'->>'issuingState', j->'list'->>'version', j->>'file', line,
    now() - interval '1 minute' * (13 - position)
FROM (SELECT position, line, line::jsonb AS j,
        (ARRAY['PL-TERESPOL-3', 'FI-VAALIMAA-1', 'HU-ROSZKE-2'])[(position - 1) / 4 + 1] AS post
      FROM forwarded) AS lines
ORDER BY position;
INSERT INTO central_post_reports (post_id, reported_at, list_version, list_generation, list_imported_at,
    queue_depth, scans, alerts, reviews)
SELECT post, now() - interval '1 minute' * minutes, 'sample-list', 41,
    to_char((now() - interval '5 hours') AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"'), queue, scans, alerts,
    reviews
FROM (VALUES ('PL-TERESPOL-3', 1, 0, 1412, 9, 57), ('FI-VAALIMAA-1', 3, 2, 388, 2, 14),
             ('HU-ROSZKE-2', 47, 126, 2960, 21, 133)) AS reports(post, minutes, queue, scans, alerts, reviews);
SQL
} | psql -q -v ON_ERROR_STOP=1 "$demo"

# The hub on a port the system picks; the password from the environment, as in service.
log=$(mktemp)
PGPASSWORD=$password "$bin" hub --db "postgres://$user@$server/$database" --listen 127.0.0.1:0 2>"$log" &
hub=$!
trap 'kill "$hub" 2>/dev/null; wait "$hub" 2>/dev/null; rm -f "$log"' EXIT
address=""
for _ in $(seq 1 100); do
    address=$(grep -o 'http://127\.0\.0\.1:[0-9]*/' "$log" || true)
    [ -n "$address" ] && break
    kill -0 "$hub" 2>/dev/null || { cat "$log" >&2; exit 1; }
    sleep 0.1
done
[ -n "$address" ] || { echo "the hub did not start" >&2; cat "$log" >&2; exit 1; }
chromium --headless --no-sandbox --disable-gpu --hide-scrollbars --window-size=1280,1000 \
    --screenshot="$out" "$address" 2>/dev/null
echo "$out"

#!/usr/bin/env bash
# EXPLAIN (ANALYZE, BUFFERS) of the statements a preview really runs: PostgreSQL's auto_explain logs the plan of each
# statement the application sends, with its bind values, so the plans are of the application's own SQL (category masks,
# the count's keys, the sample's walk) and never of a copy of RuleSql's text kept here (until session 39 this script
# built the statements itself, and its copy had drifted: no masks, forms of 2026-12-03).
#
# On a database with a completed run (e.g. the base bench/segmentation-benchmark.sh keeps with KEEP_DATA=1): starts the
# jar on ROOT/db once to switch auto_explain on for every new session (ALTER SYSTEM, logs into ROOT/plans), starts it
# again, asks each preview shape in PARENT (default champions) once, stops, prints the plans of the preview statements,
# and takes the settings back (ALTER SYSTEM RESET on a third start).
#
#   JAR=... PORT=18502 bench/preview-plans.sh ROOT            plans of the first request of each shape after a start
#
# Needs psql and curl. Not a measurement of speed: auto_explain's timing adds to each statement.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=${1:?where the database is (ROOT/db)}
PORT=${PORT:-18502}
PARENT=${PARENT:-champions}
TOKEN=bench-token
AUTH=(-H "Authorization: Bearer $TOKEN" -H "Content-Type: application/json")
BASE="http://localhost:$PORT"
LOG=$ROOT/app-plans.log
PLANS=$ROOT/plans
mkdir -p "$PLANS"
rm -f "$PLANS/postgresql.log"
cp "${JAR:-bootstrap/target/strata.jar}" "$ROOT/strata-plans.jar"
APP=
start() {
  STRATA_DATA_DIR=$ROOT/db SERVER_PORT=$PORT STRATA_API_TOKEN=$TOKEN STRATA_ADMIN_PASSWORD=plans-Quokka-47-riverbank \
    java -Xmx512m -XX:+ExitOnOutOfMemoryError -jar "$ROOT/strata-plans.jar" >> "$LOG" 2>&1 &
  APP=$!
  until curl -sf "$BASE/actuator/health" | grep -q UP; do
    kill -0 $APP 2>/dev/null || { echo "the application did not start; see $LOG" >&2; exit 1; }
    sleep 1
  done
  PG_PORT=$(grep -o 'Embedded PostgreSQL started on port [0-9]*' "$LOG" | tail -1 | grep -o '[0-9]*$')
  # the embedded database asks for its superuser's password, kept in the data directory (docs/security.md)
  [ -f "$ROOT/db/pg-superuser-password" ] && export PGPASSWORD=$(cat "$ROOT/db/pg-superuser-password")
  PSQL=(psql -X -q -v ON_ERROR_STOP=1 -h localhost -p "$PG_PORT" -U postgres -d postgres)
}
stop() { [ -n "$APP" ] && { kill $APP 2>/dev/null; wait $APP 2>/dev/null || true; APP=; }; }
reset() {
  start
  "${PSQL[@]}" -c "alter system reset session_preload_libraries" -c "alter system reset logging_collector" \
    -c "alter system reset log_directory" -c "alter system reset log_filename" -c "alter system reset auto_explain.log_min_duration" \
    -c "alter system reset auto_explain.log_analyze" -c "alter system reset auto_explain.log_buffers" \
    -c "alter system reset auto_explain.log_parameter_max_length"
  stop
}
trap 'stop; reset' EXIT

start
# the server's own settings (postgresql.auto.conf), read at the next start: the application's -c options do not name them
"${PSQL[@]}" -c "alter system set session_preload_libraries = 'auto_explain'" -c "alter system set logging_collector = on" \
  -c "alter system set log_directory = '$PLANS'" -c "alter system set log_filename = 'postgresql.log'" \
  -c "alter system set auto_explain.log_min_duration = 0" -c "alter system set auto_explain.log_analyze = on" \
  -c "alter system set auto_explain.log_buffers = on" -c "alter system set auto_explain.log_parameter_max_length = -1"
stop
start
RULES=(
  'attribute|device = \"smart_tv\" and city = \"Paris\"'
  'metric|monetary between 100 and 500 and frequency >= 3'
  'order lines|count(orders where category = \"kids\" within 180 days) >= 1'
  'events|count(events \"email_open\" within 90 days) = 0'
  'no match|device = \"smart_tv\" and city = \"Oslo\"'
)
for entry in "${RULES[@]}"; do
  echo "==== ${entry%%|*}: ${entry#*|}"
  # the log's end before this shape: its plans are what follows
  before=$(wc -l < "$PLANS/postgresql.log")
  out=$(curl -sS -w ' %{time_total}' "${AUTH[@]}" -d "{\"parentSegment\":\"$PARENT\",\"rule\":\"${entry#*|}\"}" "$BASE/api/v1/tactical-segments/preview")
  echo "   answer in ${out##* } s (with auto_explain): $(echo "$out" | grep -o '"matching[A-Za-z]*":[0-9]*' | head -1)"
  sleep 0.5
  # a plan is a "duration: … plan:" line and the indented lines after it; only the preview's statements are kept
  tail -n +"$((before + 1))" "$PLANS/postgresql.log" | awk '
    /duration: .* plan:/ { if (keep) printf "%s", block; block = $0 "\n"; keep = 0; inplan = 1; next }
    inplan && /^[ \t]/ { block = block $0 "\n"; if ($0 ~ /Query Text: select (count\(\*\)|coalesce\(array_agg|\(select x\.customer_id|customer_id from customers where customer_key = any)/) keep = 1; next }
    { if (keep) printf "%s", block; block = ""; keep = 0; inplan = 0 }
    END { if (keep) printf "%s", block }'
done

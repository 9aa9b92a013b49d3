#!/usr/bin/env bash
# Predicted customer value benchmark (issue 20 item 8): 1,000,000 customers with about 4.2M orders over two years,
# generated inside PostgreSQL, then rfm-classic runs through the API: RUNS (default 3) with predictions switched off
# (strata.predictions.enabled=false), then, after a restart, as many with them. Predictions fit BG/NBD and Gamma-Gamma and
# score every buyer beside the assignment; the application logs their parts, and the script compares the whole runs
# with and without them to give the share predictions add.
# Usage: bench/prediction-benchmark.sh   (needs the jar: ./mvnw -q -DskipTests package; psql client on PATH)
# HEAP=128m runs the application with that heap instead of 512m (the predictions hold no per-customer state)
# JAVA_OPTS="..." adds options to the java command line (e.g. a flight recording or -XX:+PrintCompilation for analysis)
set -euo pipefail
cd "$(dirname "$0")/.."
CUSTOMERS=${CUSTOMERS:-1000000}
PORT=${PORT:-18383}
TOKEN=bench-token
# DATA=dir keeps the data there (and reuses a database generated there before); otherwise a temporary directory
DATA=${DATA:-}
[ -n "$DATA" ] && KEEP_DATA=1 || DATA=$(mktemp -d /tmp/strata-bench-pred.XXXXXX)
mkdir -p "$DATA"
REUSE=$([ -d "$DATA/db" ] && echo 1 || echo "")
LOG="$DATA/app.log"
: >"$LOG"

cp "${JAR:-bootstrap/target/strata.jar}" "$DATA/strata.jar"   # a rebuild during the benchmark must not pull the jar away (JAR: another jar)
APP=
start_app() {   # $1: predictions enabled (true/false)
  STRATA_PREDICTIONS_ENABLED=$1 STRATA_DATA_DIR="$DATA/db" STRATA_API_TOKEN=$TOKEN STRATA_ADMIN_PASSWORD=bench-admin-password \
    SERVER_PORT=$PORT java -Xmx${HEAP:-512m} ${JAVA_OPTS:-} -XX:+ExitOnOutOfMemoryError -jar "$DATA/strata.jar" >>"$LOG" 2>&1 &
  APP=$!
  local started; started=$(date +%s.%N)
  until curl -sf "localhost:$PORT/actuator/health" | grep -q UP; do sleep 0.2; done
  printf 'application UP %.1f s after its start (predictions %s)\n' "$(echo "$(date +%s.%N) - $started" | bc)" "$1"
}
stop_app() {
  kill $APP 2>/dev/null; wait $APP 2>/dev/null || true
}
trap 'stop_app; [ -n "${KEEP_DATA:-}" ] && echo "data kept in $DATA" || rm -rf "$DATA"' EXIT
start_app false
PG_PORT=$(grep -o 'Embedded PostgreSQL started on port [0-9]*' "$LOG" | tail -1 | grep -o '[0-9]*$')
# the embedded database asks for its superuser's password, kept in the data directory (docs/security.md)
[ -f "$DATA/db/pg-superuser-password" ] && export PGPASSWORD=$(cat "$DATA/db/pg-superuser-password")
PSQL=(psql -X -q -v ON_ERROR_STOP=1 -h localhost -p "$PG_PORT" -U postgres -d postgres)

if [ -n "$REUSE" ]; then
  echo "reusing the database in $DATA/db"
else
echo "generating $CUSTOMERS customers and their orders inside PostgreSQL..."
"${PSQL[@]}" <<SQL
insert into customers (customer_id) select 'C' || lpad(i::text, 8, '0') from generate_series(1, $CUSTOMERS) i;
-- buyers as BG/NBD sees them: a first purchase in the two years to 2024-06-30, then an exponential number of further
-- orders spread over an active span of exponential length (mean 200 days) after it, cut at the as-of day; about one
-- order in twelve is a return (negative total)
create unlogged table gen_buyers as
  select customer_key, first_ago, least(first_ago, floor(-ln(1 - random()) * 200)::int) as span,
         floor(-ln(1 - random()) * 3.25)::int as further
  from (select customer_key, floor(random() * 730)::int as first_ago from customers) c;
insert into orders (order_key, order_id, customer_key, ordered_at, total, line_count)
  select row_number() over (), 'O' || b.customer_key || '-' || g, b.customer_key,
         timestamptz '2024-06-30 00:00:00+00' - (b.first_ago * interval '1 day')
           + (case when g = 0 then 0 else floor(random() * (b.span + 1)) end * interval '1 day') + (floor(random() * 86399) * interval '1 second'),
         round((random() * 130 - 8)::numeric, 2), 1
  from gen_buyers b, lateral generate_series(0, b.further) g;
drop table gen_buyers;
select setval('order_key_blocks', (select max(order_key) from orders) + 1, false);
\i bench/purchase-facts.sql
vacuum analyze customers; vacuum analyze orders; vacuum analyze customer_purchase_facts;
SQL
fi
ORDERS=$("${PSQL[@]}" -tAc "select count(*) from orders")
echo "customers=$CUSTOMERS orders=$ORDERS"

AUTH=(-H "Authorization: Bearer $TOKEN" -H "Content-Type: application/json")
ID=$(curl -sf "${AUTH[@]}" -d '{"name":"bench-'"$(date +%s)"'","template":"rfm-classic"}' "localhost:$PORT/api/v1/segmentations" | grep -o '"id":[0-9]*' | head -1 | cut -d: -f2)
curl -sf "${AUTH[@]}" -X POST "localhost:$PORT/api/v1/segmentations/$ID/activate" >/dev/null
# Each run starts once the follow-ups of the latest completed run (migrations, programme measurements, averages of
# predicted value) have settled (followed_up_at), including those a restarted application takes up again: otherwise
# they run beside the next run and the figures measure them too (session 30). SETTLE=0 starts each run at once, as before.
settle() {
  [ "${SETTLE:-1}" = 0 ] && return
  until [ "$("${PSQL[@]}" -tAc "select coalesce(bool_and(followed_up_at is not null), true) from segmentation_runs where run_id = (select max(run_id) from segmentation_runs where status = 'COMPLETED')")" = t ]; do
    sleep 0.2
  done
}
# CPU the JVM's JIT compiler threads have used so far, in ms (from /proc; 0 where there is none)
jit_ms() {
  cat /proc/$APP/task/*/stat 2>/dev/null | grep -E '^[0-9]+ \(C[12] Compiler' | sed 's/^.*) //' \
    | awk -v hz="$(getconf CLK_TCK)" '{ t += $12 + $13 } END { printf "%d", t * 1000 / hz }'
}
run() {   # prints the whole run's milliseconds as the client timed them; sets RUN_ID and JIT_MS (the compilers' CPU during it)
  settle
  local start jit; start=$(date +%s.%N); jit=$(jit_ms)
  RUN=$(curl -sf "${AUTH[@]}" -d '{"asOf":"2024-06-30"}' "localhost:$PORT/api/v1/segmentation-runs?wait=true")
  TOTAL_MS=$(echo "($(date +%s.%N) - $start) * 1000 / 1" | bc)
  JIT_MS=$(( $(jit_ms) - jit ))
  RUN_ID=$(echo "$RUN" | grep -o '"runId":[0-9]*' | cut -d: -f2)
}
# RUNS runs in each mode (default 3): the first after a start also pays the JIT compiling the code it is the first to
# run (the predictions' code is Java; the assignment's is SQL), the later ones show a running application.
RUNS=${RUNS:-3}
WITHOUT=()
for attempt in $(seq 1 "$RUNS"); do
  echo "rfm-classic run without predictions ($attempt, $(uptime | sed 's/.*load/load/'))..."
  run
  WITHOUT+=("$TOTAL_MS")
  echo "  whole run $TOTAL_MS ms (JIT compilers' CPU $JIT_MS ms); $(grep -o "run $RUN_ID: [0-9]* customers assigned.*" "$LOG" | tail -1)"
done
if [ "$RUNS" -eq 0 ]; then   # RUNS=0: the base is generated, nothing is measured
  echo "RUNS=0: base ready in $DATA"
  exit 0
fi
stop_app
start_app true
PG_PORT=$(grep -o 'Embedded PostgreSQL started on port [0-9]*' "$LOG" | tail -1 | grep -o '[0-9]*$')
# the embedded database asks for its superuser's password, kept in the data directory (docs/security.md)
[ -f "$DATA/db/pg-superuser-password" ] && export PGPASSWORD=$(cat "$DATA/db/pg-superuser-password")
PSQL=(psql -X -q -v ON_ERROR_STOP=1 -h localhost -p "$PG_PORT" -U postgres -d postgres)
for attempt in $(seq 1 "$RUNS"); do
  echo "rfm-classic run with predictions ($attempt, $(uptime | sed 's/.*load/load/'))..."
  run
  WITHOUT_MS=${WITHOUT[$((attempt - 1))]}
  echo "  $(grep -o "run $RUN_ID: [0-9]* customers assigned.*" "$LOG" | tail -1)"
  echo "  $(grep -o "run $RUN_ID: predictions .*" "$LOG" | tail -1)"
  printf '  whole run %d ms (JIT compilers'"'"' CPU %d ms) against %d ms without predictions (run %s after a start): predictions add %.0f%%\n' \
    "$TOTAL_MS" "$JIT_MS" "$WITHOUT_MS" "$attempt" "$(echo "($TOTAL_MS - $WITHOUT_MS) * 100 / $WITHOUT_MS" | bc -l)"
  echo "  $(curl -sf "${AUTH[@]}" "localhost:$PORT/api/v1/segmentation-runs/$RUN_ID/predictions")"
done
echo "buyers with predictions: $("${PSQL[@]}" -tAc "select count(*) from run_customer_predictions where run_id = $RUN_ID")"
echo "heap after the runs: $(jcmd $APP GC.heap_info 2>/dev/null | grep -o 'used [0-9]*K' | head -1 || echo unknown)"
START=$(date +%s.%N)
curl -sf "${AUTH[@]}" "localhost:$PORT/api/v1/segmentation-runs/$RUN_ID/predictions/customers" | wc -l
printf 'predictions CSV streamed in %.1f s\n' "$(echo "$(date +%s.%N) - $START" | bc)"

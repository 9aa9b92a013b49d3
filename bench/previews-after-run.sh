#!/usr/bin/env bash
# The first previews right after a run (issue 19 items 3 and 4), on a database that already holds customers and orders
# (e.g. one bench/ten-million.sh imported with PHASES="customers orders"). Starts the application jar on ROOT/db, runs
# rfm-classic, and then: one attribute preview at once, beside the run's follow-ups (what a preview asked for during
# them costs); the previews once the follow-ups are done (first request, then REPEATS-1 more); then the application is
# stopped and started again (empty shared buffers, the OS's cache as it is) and the previews are asked once more: the
# first preview after a start. Prints each run's and follow-ups' own account from the log, and how much of the run's
# partition the visibility map covers when the previews start (pg_class.relallvisible of relpages), and the heap in use
# (jstat every 10 s, its largest sample per start; samples in ROOT/heap-after-run.log). DURING=N also asks the attribute
# preview every N seconds while the follow-ups run; RESTART=0 ends once the follow-ups are done.
# Where an at-once preview's time goes (session 42): EXPLAIN=1 first runs the attribute preview's count statement by psql
# with EXPLAIN (ANALYZE, BUFFERS) at the very answer (before the HTTP preview; ROOT/explain-at-once.txt), with
# pg_stat_activity's busy backends; VMSTAT=1 records `vmstat 1` from the answer for 30 s (ROOT/vmstat-at-once.txt);
# WARM=1 asks the attribute preview once on the previous run before the run (the JVM's first preview is then not the
# one at the answer).
# EVICT=1: once the application has started, drops the pages of customers and orders_customer_idx from the OS's page
# cache (posix_fadvise DONTNEED on their files), as other data on the machine does; the run then starts from the same
# cold state with either jar. At the answer the share of those files in the page cache is printed (fincore).
#
#   JAR=... PORT=18501 bench/previews-after-run.sh ROOT
#
# Needs psql and curl. The database is kept (each invocation adds a run).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=${1:?where the database is (ROOT/db)}
PORT=${PORT:-18501}
REPEATS=${REPEATS:-3}
PARENT=${PARENT:-champions}
TOKEN=bench-token
AUTH=(-H "Authorization: Bearer $TOKEN" -H "Content-Type: application/json")
BASE="http://localhost:$PORT"
LOG=$ROOT/app-after-run.log
cp "${JAR:-bootstrap/target/strata.jar}" "$ROOT/strata-after-run.jar"
echo "jar: ${JAR:-bootstrap/target/strata.jar}; load: $(uptime | sed 's/.*load average: //')"
now() { date +%s.%N; }
since() { printf '%.2f' "$(echo "$(now) - $1" | bc)"; }
APP=
start() {
  STRATA_DATA_DIR=$ROOT/db SERVER_PORT=$PORT STRATA_API_TOKEN=$TOKEN STRATA_ADMIN_PASSWORD=tenm-Quokka-47-riverbank \
    java -Xmx512m -XX:+ExitOnOutOfMemoryError -jar "$ROOT/strata-after-run.jar" >> "$LOG" 2>&1 &
  APP=$!
  until curl -sf "$BASE/actuator/health" | grep -q UP; do
    kill -0 $APP 2>/dev/null || { echo "the application did not start; see $LOG" >&2; exit 1; }
    sleep 1
  done
  until curl -sf -H "Authorization: Bearer $TOKEN" "$BASE/api/v1/segmentations" > /dev/null; do sleep 1; done
  PG_PORT=$(grep -o 'Embedded PostgreSQL started on port [0-9]*' "$LOG" | tail -1 | grep -o '[0-9]*$')
  # the embedded database asks for its superuser's password, kept in the data directory (docs/security.md)
  [ -f "$ROOT/db/pg-superuser-password" ] && export PGPASSWORD=$(cat "$ROOT/db/pg-superuser-password")
  PSQL=(psql -X -q -h localhost -p "$PG_PORT" -U postgres -d postgres)
  # heap in use (MB: survivors + eden + old), as bench/ten-million.sh samples it
  echo "-- start $(date -u +%T)" >> "$ROOT/heap-after-run.log"
  jstat -gc "$APP" 10s > >(awk 'NR > 1 { printf "%.0f MB\n", ($3 + $4 + $6 + $8) / 1024; fflush() }' >> "$ROOT/heap-after-run.log") 2>/dev/null &
  JSTAT=$!
}
JSTAT=
heap() { echo "heap in use at most $(sed -n '/^-- start/h; /^-- start/!H; ${x;p}' "$ROOT/heap-after-run.log" | grep -o '^[0-9]*' | sort -n | tail -1) MB of 512 since this start (jstat every 10 s)"; }
# jstat buffers its output when piped: stopped first, it writes out its samples
stop() { [ -n "$APP" ] && { kill $JSTAT 2>/dev/null; sleep 1; echo "   $(heap)"; kill $APP 2>/dev/null; wait $APP 2>/dev/null || true; APP=; }; }
trap stop EXIT
RULES=(
  'attribute|device = \"smart_tv\" and city = \"Paris\"'
  'order lines (180 days)|count(orders where category = \"kids\" within 180 days) >= 1'
  'order lines (1500 days)|count(orders where category = \"kids\" within 1500 days) >= 1'
)
preview() { # rule: seconds and matching
  local out
  out=$(curl -sS -m 600 -w ' %{time_total}' "${AUTH[@]}" -d "{\"parentSegment\":\"$PARENT\",\"rule\":\"$1\"}" "$BASE/api/v1/tactical-segments/preview")
  echo "${out##* } ($(echo "$out" | grep -o '"matching[A-Za-z]*":[0-9]*' | head -1 | cut -d: -f2))"
}
previews() {
  for entry in "${RULES[@]}"; do
    times=()
    for _ in $(seq "$REPEATS"); do times+=("$(preview "${entry#*|}")"); done
    echo "   ${entry%%|*}: ${times[*]}"
  done
}
visible() {
  "${PSQL[@]}" -tAc "select c.relname || ' ' || c.relallvisible || '/' || c.relpages || ' pages in the map' from pg_class c
    where c.relname = 'run_assignments_' || (select max(run_id) from segmentation_runs where status = 'COMPLETED')"
}

start
ID=$(curl -sf "${AUTH[@]}" "$BASE/api/v1/segmentations" | grep -o '"id":[0-9]*' | head -1 | cut -d: -f2 || true)
if [ -z "$ID" ]; then
  ID=$(curl -sf "${AUTH[@]}" -d '{"name":"ten million","template":"rfm-classic"}' "$BASE/api/v1/segmentations" | grep -o '"id":[0-9]*' | head -1 | cut -d: -f2)
  curl -sf "${AUTH[@]}" -X POST "$BASE/api/v1/segmentations/$ID/activate" >/dev/null
fi
# the relations' files (segments .1, .2, ... after the first GB) under the data directory
files() { local path; path=$("${PSQL[@]}" -tAc "select pg_relation_filepath('$1')"); ls "$ROOT/db/pg/$path" "$ROOT/db/pg/$path".* 2>/dev/null; }
cached() { for r in customers orders_customer_idx; do fincore -b -n -o RES,SIZE $(files $r) | awk -v r=$r '{ res += $1; size += $2 } END { printf "%s %.0f%% of %.0f MB cached; ", r, 100 * res / size, size / 1048576 }'; done; }
if [ -n "${EVICT:-}" ]; then
  sleep 2   # a read-ahead asked at the start has been asked by then
  python3 -c 'import os, sys
for f in sys.argv[1:]:
    fd = os.open(f, os.O_RDONLY); os.posix_fadvise(fd, 0, 0, os.POSIX_FADV_DONTNEED); os.close(fd)' $(files customers) $(files orders_customer_idx)
  echo "evicted from the page cache: $(cached)"
fi
[ -n "${WARM:-}" ] && echo "a warm-up attribute preview on the previous run, before this one: $(preview "${RULES[0]#*|}")"
START=$(now)
RUN=$(curl -sS "${AUTH[@]}" -d '{}' "$BASE/api/v1/segmentation-runs?wait=true")
RUN_ID=$(echo "$RUN" | grep -o '"runId":[0-9]*' | cut -d: -f2)
[ -n "${VMSTAT:-}" ] && { timeout 30 vmstat 1 > "$ROOT/vmstat-at-once.txt" 2>&1 & }
if [ -n "${EXPLAIN:-}" ]; then
  # the attribute preview's count as SqlTacticalMembership.preview writes it (parent of at most 500,000 members)
  { echo "-- run $RUN_ID, $(date -u +%T)"
    "${PSQL[@]}" -c "select pid, backend_type, state, left(query, 90) from pg_stat_activity where state = 'active' and pid <> pg_backend_pid()" \
      -c "explain (analyze, buffers, settings) select count(*), case when count(*) <= 10000 then array_agg(a.customer_key) end
      from run_assignments a join customers c on c.customer_key = a.customer_key where a.run_id = $RUN_ID
      and a.segment_key = '$PARENT' and coalesce((nullif((c.attributes ->> 'device'), '') = 'smart_tv'), false) and coalesce((nullif(c.city, '') = 'Paris'), false)"
    echo "-- done $(date -u +%T)"; } >> "$ROOT/explain-at-once.txt" 2>&1
  echo "EXPLAIN (ANALYZE, BUFFERS) at the answer: $(grep -o 'Execution Time: .*' "$ROOT/explain-at-once.txt" | tail -1)"
fi
echo "run $RUN_ID: $(since "$START") s ($(echo "$RUN" | grep -o '"status":"[A-Z]*"' | head -1)), at $(date -u +%T)"
AT_ANSWER=$([ -n "${EVICT:-}" ] && cached || true)
echo "an attribute preview at once, beside the follow-ups: $(preview "${RULES[0]#*|}")"
START=$(now)
DURING_TIMES=()
for _ in $(seq 3000); do
  [ "$("${PSQL[@]}" -tAc "select followed_up_at is not null from segmentation_runs where run_id = $RUN_ID")" = t ] && break
  # DURING=N: an attribute preview every N seconds until the follow-ups are done (what a preview costs beside them)
  if [ -n "${DURING:-}" ]; then sleep "$DURING"; DURING_TIMES+=("$(preview "${RULES[0]#*|}" | cut -d' ' -f1)"); else sleep 0.2; fi
done
[ -n "$AT_ANSWER" ] && echo "   in the page cache at the answer: $AT_ANSWER"
echo "follow-ups done $(since "$START") s after that preview's answer, at $(date -u +%T); $(visible)"
if [ -n "${DURING:-}" ]; then
  echo "attribute previews beside the follow-ups, one every ${DURING} s (${#DURING_TIMES[@]}): ${DURING_TIMES[*]}"
  printf '%s\n' "${DURING_TIMES[@]}" | sort -n | awk '{ t[NR] = $1 } END { if (NR) printf "   median %.2f s, max %.2f s, over 2 s: %d\n", t[int((NR + 1) / 2)], t[NR], c } $1 > 2 { c++ }'
fi
grep -o "run $RUN_ID: .*" "$LOG" | sed 's/^/   log: /'
# EXPLAIN=1: on how many of the partition's heap pages the parent's members lie (the rows are written in segment order)
[ -n "${EXPLAIN:-}" ] && echo "$PARENT's members on $("${PSQL[@]}" -tAc "select count(distinct (ctid::text::point)[0]) || ' heap pages, ' || min((ctid::text::point)[0]) || ' to ' || max((ctid::text::point)[0])
  from run_assignments_$RUN_ID where segment_key = '$PARENT'") of run_assignments_$RUN_ID"
[ "${RESTART:-1}" = 0 ] && exit 0   # RESTART=0: neither the previews after the follow-ups nor the restart
echo "previews once the follow-ups are done (first, then more), load $(uptime | sed 's/.*load average: //'):"
previews
stop
start
echo "previews first after a start, $(visible), load $(uptime | sed 's/.*load average: //'):"
previews

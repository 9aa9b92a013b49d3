#!/usr/bin/env bash
# Ten million customers (issue 19 item 3): generates 10M customers and 40M order lines (4 per order: 10M orders) with
# bench/GenerateData.java, starts the application jar at -Xmx512m on a data directory of its own, and then, one
# measured phase at a time: imports customers and orders through the HTTP endpoints, runs rfm-classic, previews
# tactical rules (attribute, metric, order lines), launches a campaign, times every console page, and reports the
# heap (jstat every 10 s, jcmd GC.heap_info after each phase and after a full GC at the end) and the database's size.
#
#   bench/ten-million.sh ROOT            (ROOT: where the CSV files, the database and the logs go; ~25 GB at 10M)
#   CUSTOMERS=1000000 LINES=4000000 bench/ten-million.sh /tmp/tm-small      (the same at a smaller size)
#
# BENCH_LOCK=/path/to/lock makes every measured phase hold that lock (flock) on its own, so that benchmarks of other
# people on the machine never overlap a measurement, and none waits for the whole script. Generation runs outside it.
# PHASES="orders run previews launch pages" runs only those (default: customers orders run previews launch pages), e.g. to
# go on with a database that an earlier start already filled. SKIP="/" is passed to bench/console-timings.sh.
# KEEP=1 leaves the application running at the end (its pid in ROOT/app.pid) and the database in place, e.g. for the
# Spark engine on the same data (docs/scale-out.md); otherwise the application is stopped, the database kept.
# TACTICAL=1 creates seven tactical segments (those of bench/segmentation-benchmark.sh and of
# bench/spark-engine-comparison.sh) between the segmentation's activation and its run, so that the run's follow-up
# computes their members, e.g. to compare the members with the Spark job's (bench/spark-engine-comparison.sh, "job").
# results.txt is appended to by each invocation (phases run in separate invocations keep their figures).
# JAR=/path/to/strata.jar starts that jar instead of bootstrap/target/strata.jar (e.g. an A/B against an older build).
# Needs the jar (./mvnw -q -DskipTests package), psql, curl, jstat/jcmd (a JDK).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=${1:?where the data and logs go}
CUSTOMERS=${CUSTOMERS:-10000000}
LINES=${LINES:-40000000}
LINES_PER_ORDER=${LINES_PER_ORDER:-4}
PORT=${PORT:-18591}
HEAP=${HEAP:-512m}
TOKEN=bench-token
PASSWORD=tenm-Quokka-47-riverbank
AUTH=(-H "Authorization: Bearer $TOKEN" -H "Content-Type: application/json")
BASE="http://localhost:$PORT"
mkdir -p "$ROOT"
LOG=$ROOT/app.log
OUT=$ROOT/results.txt
echo "=== $(date -u +%FT%TZ) PHASES=${PHASES:-all} TACTICAL=${TACTICAL:-}" >> "$OUT"
say() { echo "$*" | tee -a "$OUT"; }
load() { uptime | sed 's/.*load average: //'; }
now() { date +%s.%N; }
since() { echo "$(now) - $1" | bc; }

# the lock is taken per phase on file descriptor 9 (never inherited by the application: it is started with 9>&-)
[ -n "${BENCH_LOCK:-}" ] && exec 9>>"$BENCH_LOCK"
begin() {
  [ -n "${BENCH_LOCK:-}" ] && flock 9
  PHASE=$1
  say "== $PHASE: $(date -u +%FT%TZ), load $(load)"
  echo "$(date +%T) -- $PHASE" >> "$ROOT/heap.log"
}
end() {
  say "   end of $PHASE: $(date -u +%T), load $(load); heap: $(heap)"
  [ -n "${BENCH_LOCK:-}" ] && flock -u 9
  return 0
}
heap() { jcmd "$APP" GC.heap_info 2>/dev/null | grep -o 'total [0-9]*K, used [0-9]*K' | head -1 || echo unknown; }

if [ ! -f "$ROOT/csv/orders.csv" ]; then
  say "generating $CUSTOMERS customers and $LINES lines ($LINES_PER_ORDER per order) under nice..."
  nice java bench/GenerateData.java "$ROOT/csv" "$CUSTOMERS" "$LINES" "$LINES_PER_ORDER" | tee -a "$OUT"
fi
say "machine: $(nproc) cores, $(free -h | awk '/Mem:/{print $2}') RAM, $(java -version 2>&1 | head -1)"
say "commit: $(git rev-parse --short HEAD), heap limit -Xmx$HEAP, disk before: $(df -h "$ROOT" | awk 'NR==2{print $3 " used, " $4 " free"}')"

cp "${JAR:-bootstrap/target/strata.jar}" "$ROOT/strata.jar"   # a rebuild meanwhile must not pull the jar away
STRATA_DATA_DIR=$ROOT/db SERVER_PORT=$PORT STRATA_API_TOKEN=$TOKEN STRATA_ADMIN_PASSWORD=$PASSWORD \
  java -Xmx$HEAP -XX:+ExitOnOutOfMemoryError -jar "$ROOT/strata.jar" >>"$LOG" 2>&1 9>&- &
APP=$!
echo "$APP" > "$ROOT/app.pid"
stop() { [ -n "${KEEP:-}" ] || { kill "$APP" 2>/dev/null; wait "$APP" 2>/dev/null || true; }; kill "$JSTAT" 2>/dev/null || true; }
JSTAT=
trap stop EXIT
until curl -sf "$BASE/actuator/health" | grep -q UP; do
  kill -0 "$APP" 2>/dev/null || { echo "the application did not start; see $LOG" >&2; exit 1; }
  sleep 1
done
PG_PORT=$(grep -o 'Embedded PostgreSQL started on port [0-9]*' "$LOG" | tail -1 | grep -o '[0-9]*$')
# the embedded database asks for its superuser's password, kept in the data directory (docs/security.md)
[ -f "$ROOT/db/pg-superuser-password" ] && export PGPASSWORD=$(cat "$ROOT/db/pg-superuser-password")
PSQL=(psql -X -q -h localhost -p "$PG_PORT" -U postgres -d postgres)
# heap in use every 10 s (MB: survivors + eden + old), for "memory stays flat"; jstat buffers its output when piped,
# so the time of a sample is the JVM's start plus jstat's own timestamp column, not the moment awk reads it
STARTED=$(date -d "$(ps -o lstart= -p "$APP")" +%s)
jstat -gc -t "$APP" 10s 9>&- > >(awk -v started="$STARTED" \
  'NR > 1 { printf "%s %.0f MB\n", strftime("%T", started + $1), ($4 + $5 + $7 + $9) / 1024; fflush() }' >> "$ROOT/heap.log" 2>&1) &
JSTAT=$!   # jstat itself: stopped with TERM it writes out what it buffered

import() { # entity file
  local entity=$1 file=$2 start
  start=$(now)
  # -T streams the file from disk as it is sent
  curl -sS --fail-with-body -H "Authorization: Bearer $TOKEN" -H 'Content-Type: text/csv' -H 'Expect:' \
       -X POST -T "$file" "$BASE/api/v1/imports/$entity" -o "$ROOT/$entity.json"
  local took; took=$(since "$start")
  grep -q '"status":"COMPLETED"' "$ROOT/$entity.json" || { cat "$ROOT/$entity.json" >&2; exit 1; }
  say "   $entity import: ${took}s  $(head -c 220 "$ROOT/$entity.json")"
}

PHASES=" ${PHASES:-customers orders run previews launch pages} "
wanted() { [[ "$PHASES" == *" $1 "* ]]; }
if wanted customers; then begin "import customers"; import customers "$ROOT/csv/customers.csv"; end; fi
if wanted orders; then begin "import orders"; import orders "$ROOT/csv/orders.csv"; end; fi

if wanted run; then
begin "rfm-classic run"
ID=$(curl -sf "${AUTH[@]}" -d '{"name":"ten million","template":"rfm-classic"}' "$BASE/api/v1/segmentations" | grep -o '"id":[0-9]*' | head -1 | cut -d: -f2)
curl -sf "${AUTH[@]}" -X POST "$BASE/api/v1/segmentations/$ID/activate" >/dev/null
if [ -n "${TACTICAL:-}" ]; then
  TACTICAL_SEGMENTS=(
    'hibernating|count(orders where category = \"kids\" within 180 days) >= 1 and device = \"smart_tv\"'
    'at_risk|city in (\"Paris\", \"Riga\") and monetary between 100 and 500'
    'champions|not (device = \"web\") and frequency >= 3'
    'loyal_customers|sum(orders.amount within 365 days) > 200'
    'potential_loyalists|recency_days <= 30 or city = \"Berlin\"'
    'need_attention|count(events \"email_open\" within 90 days) >= 2 and city in (\"Riga\", \"Madrid\")'
    'promising|avg(orders.amount) < 40 or count(orders where amount < 0) >= 1')
  i=0
  for entry in "${TACTICAL_SEGMENTS[@]}"; do
    curl -sS --fail-with-body "${AUTH[@]}" -d "{\"name\":\"t$i\",\"parentSegment\":\"${entry%%|*}\",\"rule\":\"${entry#*|}\"}" \
      "$BASE/api/v1/tactical-segments" >/dev/null || say "   tactical segment t$i (${entry%%|*}) refused"
    i=$((i + 1))
  done
  say "   $i tactical segments created before the run"
fi
START=$(now)
RUN=$(curl -sS "${AUTH[@]}" -d '{}' "$BASE/api/v1/segmentation-runs?wait=true")
say "   run: $(since "$START")s  $(echo "$RUN" | head -c 1500)"
RUN_ID=$(echo "$RUN" | grep -o '"runId":[0-9]*' | cut -d: -f2)
say "   the application's account: $(grep -o "run $RUN_ID[: ].*" "$LOG" | tr '\n' ' ')"
end
fi

if wanted previews; then
begin "tactical previews"
PARENT=${PARENT:-champions}
RULES=(
  'attribute|device = \"smart_tv\" and city = \"Paris\"'
  'metric|monetary between 100 and 500 and frequency >= 3'
  'order lines (180 days)|count(orders where category = \"kids\" within 180 days) >= 1'
  'order lines (1500 days)|count(orders where category = \"kids\" within 1500 days) >= 1'
)
REPEATS=${REPEATS:-3}
say "   in $PARENT; seconds, HTTP round trip: the first request, then the others ($REPEATS in all)"
for entry in "${RULES[@]}"; do
  shape=${entry%%|*}; rule=${entry#*|}
  body="{\"parentSegment\":\"$PARENT\",\"rule\":\"$rule\"}"
  times=()
  for _ in $(seq "$REPEATS"); do
    out=$(curl -sS -m "${PREVIEW_TIMEOUT:-900}" -w ' %{time_total}' "${AUTH[@]}" -d "$body" "$BASE/api/v1/tactical-segments/preview" || echo "failed 0")
    times+=("${out##* }")
  done
  say "   $shape: ${times[*]}  $(echo "$out" | head -c 300)"
done
end
fi

if wanted launch; then
begin "campaign launch"
CAMPAIGN=$(curl -sf "${AUTH[@]}" -d '{"name":"Win back at risk","targetSegment":"at_risk","actions":[{"channel":"email","content":"template:winback-1"},{"channel":"offer","discountPercent":15,"content":"WINBACK15"}],"controlGroupPercent":20,"attributionWindowDays":30}' \
  "$BASE/api/v1/campaigns" | grep -o '"id":[0-9]*' | head -1 | cut -d: -f2)
curl -sf "${AUTH[@]}" -d '{}' "$BASE/api/v1/campaigns/$CAMPAIGN/schedule" >/dev/null
START=$(now)
LAUNCH=$(curl -sS -m 1800 "${AUTH[@]}" -d '{}' "$BASE/api/v1/campaigns/$CAMPAIGN/launch")
say "   launch: $(since "$START")s  $(echo "$LAUNCH" | head -c 400)"
START=$(now)
AUDIENCE=$(curl -sS "${AUTH[@]}" "$BASE/api/v1/campaigns/$CAMPAIGN/audience")
say "   audience read: $(since "$START")s  $(echo "$AUDIENCE" | head -c 600)"
end
fi

if wanted pages; then
  begin "console pages"
  JAR=$ROOT/cookies
  CSRF=$(curl -sf -c "$JAR" -b "$JAR" "$BASE/login" | grep -o 'name="_csrf" value="[^"]*"' | head -1 | sed 's/.*value="//; s/"$//')
  curl -s -o /dev/null -c "$JAR" -b "$JAR" --data-urlencode "username=admin" --data-urlencode "password=$PASSWORD" \
    --data-urlencode "_csrf=$CSRF" "$BASE/login"
  for page in ${SKIP:-}; do   # a page left out of the repeated timings is requested once (a series would take hours)
    say "   $page once, left out of the series: $(curl -s -o /dev/null -D "$ROOT/headers" -m "${PAGE_TIMEOUT:-900}" -b "$JAR" \
      -w '%{http_code} in %{time_total}s' "$BASE$page" || echo "no answer within ${PAGE_TIMEOUT:-900}s") $(grep -i '^server-timing' "$ROOT/headers" | tr -d '\r')"
  done
  bench/console-timings.sh "$BASE" "$PASSWORD" admin 2 > "$ROOT/console-warmup.txt" 2>&1 || true
  # the warm-up's max is each page's first visit since the application started (cold caches): kept with the figures
  say "   warm-up (2 requests each; max = the first visit):"; tee -a "$OUT" < "$ROOT/console-warmup.txt"
  bench/console-timings.sh "$BASE" "$PASSWORD" admin "${PAGE_REPEATS:-5}" 2>&1 | tee -a "$OUT"
  end
fi

jcmd "$APP" GC.run >/dev/null 2>&1 || true
say "heap after a full GC at the end: $(heap); resident memory $(( $(ps -o rss= -p "$APP") / 1024 )) MB"
kill "$JSTAT" 2>/dev/null || true; sleep 1   # jstat's last lines reach the file when it ends
say "heap samples (every 10 s): max $(awk '$2 ~ /^[0-9]+$/ {print $2}' "$ROOT/heap.log" | sort -n | tail -1) MB of $HEAP; see $ROOT/heap.log"
say "database: $("${PSQL[@]}" -tAc "select pg_size_pretty(pg_database_size('postgres'))"); data directory $(du -sh "$ROOT/db" | cut -f1)"
# per table, its partitions included (run_assignments and tactical_members keep one partition per run)
"${PSQL[@]}" -c "select c.relname as relation, count(*) as parts, pg_size_pretty(sum(pg_total_relation_size(t.relid))) as total,
    pg_size_pretty(sum(pg_relation_size(t.relid))) as heap, pg_size_pretty(sum(pg_indexes_size(t.relid))) as indexes
  from pg_class c join pg_namespace n on n.oid = c.relnamespace
    cross join lateral (select relid from pg_partition_tree(c.oid) union select c.oid) t
  where n.nspname not in ('pg_catalog', 'information_schema', 'pg_toast') and c.relkind in ('r', 'p') and not c.relispartition
  group by c.relname order by sum(pg_total_relation_size(t.relid)) desc limit 14" | tee -a "$OUT"
say "disk after: $(df -h "$ROOT" | awk 'NR==2{print $3 " used, " $4 " free"}'); csv files $(du -sh "$ROOT/csv" | cut -f1)"

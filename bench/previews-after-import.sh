#!/usr/bin/env bash
# Previews right after an import (issue 19 item 4): starts the application on a new database, imports customers,
# orders and events THROUGH THE HTTP API, then at once (no pause) runs rfm-classic and previews every rule shape in
# champions (bench/preview-timings.sh: the first request, then REPEATS more); then VACUUMs the database (what
# autovacuum does a minute or more later) and previews again, to compare. Before and after each series it prints, for
# the tables the previews read, how many pages the visibility map covers (pg_class.relallvisible of relpages: an
# index-only probe reads a heap page for every entry on a page outside it) and when autovacuum last vacuumed them.
#
#   java bench/GenerateData.java CSV 1000000 8000000 4 $(date -u -d yesterday +%F)    # once, not a measurement
#   JAR=... PORT=18401 bench/previews-after-import.sh CSV WORK                         # WORK: the database, deleted after
#
# An import that vacuums what it wrote after its commit (session 36) shows its tables visible before the first
# previews; one that does not shows them at 0 % unless autovacuum came meanwhile (its time is printed).
#
# CSV must hold customers.csv, orders.csv and events.csv (GenerateData with a last day writes all three, the orders
# reaching that day so that the 180-day window holds orders). KEEP_DATA=1 keeps the database. Needs psql and curl.
set -euo pipefail
cd "$(dirname "$0")/.."
CSV=${1:?the directory of customers.csv, orders.csv and events.csv}
WORK=${2:?where the database goes (must not exist yet)}
PORT=${PORT:-18401}
REPEATS=${REPEATS:-5}
TOKEN=bench-token
[ -e "$WORK" ] && { echo "$WORK exists already" >&2; exit 1; }
mkdir -p "$WORK"
LOG=$WORK/app.log
cp "${JAR:-bootstrap/target/strata.jar}" "$WORK/strata.jar"
echo "jar: ${JAR:-bootstrap/target/strata.jar} ($(sha1sum "$WORK/strata.jar" | cut -c1-12)); load: $(uptime | sed 's/.*load average: //')"
STRATA_DATA_DIR=$WORK/db SERVER_PORT=$PORT STRATA_API_TOKEN=$TOKEN STRATA_ADMIN_PASSWORD=bench-admin-password \
  STRATA_PREDICTIONS_ENABLED=false java -Xmx512m -XX:+ExitOnOutOfMemoryError -jar "$WORK/strata.jar" > "$LOG" 2>&1 &
APP=$!
trap 'kill $APP 2>/dev/null; wait $APP 2>/dev/null || true; [ -n "${KEEP_DATA:-}" ] || rm -rf "$WORK"' EXIT
until curl -sf "localhost:$PORT/actuator/health" | grep -q UP; do
  kill -0 $APP 2>/dev/null || { echo "the application did not start; see $LOG" >&2; exit 1; }
  sleep 1
done
# the token is registered at start, which may end after the health check answers UP (main's jar answered 401 then)
until curl -sf -H "Authorization: Bearer $TOKEN" "localhost:$PORT/api/v1/segmentations" > /dev/null; do sleep 1; done
PG_PORT=$(grep -o 'Embedded PostgreSQL started on port [0-9]*' "$LOG" | tail -1 | grep -o '[0-9]*$')
# the embedded database asks for its superuser's password, kept in the data directory (docs/security.md)
[ -f "$WORK/db/pg-superuser-password" ] && export PGPASSWORD=$(cat "$WORK/db/pg-superuser-password")
PSQL=(psql -X -q -v ON_ERROR_STOP=1 -h localhost -p "$PG_PORT" -U postgres -d postgres)
now() { date +%s.%N; }
since() { printf '%.2f' "$(echo "$(now) - $1" | bc)"; }

import() { # entity file
  local entity=$1 file=$2 start
  start=$(now)
  curl -sS --fail-with-body -H "Authorization: Bearer $TOKEN" -H 'Content-Type: text/csv' -H 'Expect:' \
       -X POST -T "$file" "localhost:$PORT/api/v1/imports/$entity" -o "$WORK/$entity.json"
  grep -q '"status":"COMPLETED"' "$WORK/$entity.json" || { cat "$WORK/$entity.json" >&2; exit 1; }
  echo "import $entity: $(since "$start") s"
}
maps() { # the visibility map's cover and autovacuum's last visit of the tables the previews read
  "${PSQL[@]}" -c "select c.relname, c.relpages, c.relallvisible,
      round(100.0 * c.relallvisible / nullif(c.relpages, 0), 1) as \"% visible\", s.n_ins_since_vacuum,
      to_char(s.last_autovacuum, 'HH24:MI:SS') autovacuum, to_char(s.last_vacuum, 'HH24:MI:SS') vacuum,
      to_char(s.last_autoanalyze, 'HH24:MI:SS') autoanalyze, to_char(s.last_analyze, 'HH24:MI:SS') analyze
    from pg_class c join pg_stat_user_tables s on s.relid = c.oid
    where c.relname in ('orders', 'order_lines', 'customers', 'events', 'customer_purchase_facts') or c.relname like 'run_assignments_%' 
    order by 1"
}

import customers "$CSV/customers.csv"
import orders "$CSV/orders.csv"
import events "$CSV/events.csv"
echo "imports answered at $(date -u +%T)"
AUTH=(-H "Authorization: Bearer $TOKEN" -H "Content-Type: application/json")
ID=$(curl -sf "${AUTH[@]}" -d '{"name":"fresh","template":"rfm-classic"}' "localhost:$PORT/api/v1/segmentations" | grep -o '"id":[0-9]*' | head -1 | cut -d: -f2)
curl -sf "${AUTH[@]}" -X POST "localhost:$PORT/api/v1/segmentations/$ID/activate" >/dev/null
START=$(now)
curl -sf "${AUTH[@]}" -d '{}' "localhost:$PORT/api/v1/segmentation-runs?wait=true" -o "$WORK/run.json"
echo "rfm-classic run right after the imports: $(since "$START") s ($(grep -o '"status":"[A-Z]*"' "$WORK/run.json" | head -1))"
# the run's follow-ups (migrations, measurements) go on on their own worker after its answer: the previews start once
# they are done, so that they are measured alone (as bench/segmentation-benchmark.sh does); no vacuum meanwhile
until [ "$("${PSQL[@]}" -tAc "select coalesce(bool_and(followed_up_at is not null), true) from segmentation_runs where status = 'COMPLETED'")" = t ]; do
  sleep 0.2
done
echo "the run's follow-ups done at $(date -u +%T)"
echo "previews in champions right after the imports and the run ($(date -u +%T), load $(uptime | sed 's/.*load average: //')):"
bench/preview-timings.sh "http://localhost:$PORT" "$TOKEN" champions "$REPEATS"
maps
# the run's own partition of run_assignments first (written by the run, not by the imports; every preview reads the
# parent's members from it), then the previews again: what is left is the imports' part
START=$(now)
"${PSQL[@]}" -c "vacuum run_assignments"
echo "vacuum run_assignments (the run's partition): $(since "$START") s"
echo "previews in champions after the vacuum of the run's partition ($(date -u +%T), load $(uptime | sed 's/.*load average: //')):"
bench/preview-timings.sh "http://localhost:$PORT" "$TOKEN" champions "$REPEATS"
# each table on its own, then the rest (the run's partitions), timed: what vacuuming after an import would cost
for table in orders customer_purchase_facts events customers order_lines ""; do
  START=$(now)
  "${PSQL[@]}" -c "vacuum $table"
  echo "vacuum ${table:-(the rest of the database)}: $(since "$START") s"
done
maps
echo "previews in champions after the vacuum of everything ($(date -u +%T), load $(uptime | sed 's/.*load average: //')):"
bench/preview-timings.sh "http://localhost:$PORT" "$TOKEN" champions "$REPEATS"
START=$(now)
curl -sf "${AUTH[@]}" -d '{}' "localhost:$PORT/api/v1/segmentation-runs?wait=true" -o /dev/null
echo "rfm-classic run after the vacuum: $(since "$START") s"

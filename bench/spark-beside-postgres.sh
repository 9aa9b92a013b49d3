#!/usr/bin/env bash
# The Spark engine beside the PostgreSQL engine on the same database (issue 21 item 5): starts the application on the
# database that bench/ten-million.sh left (ROOT/db, the PostgreSQL engine's run already in it) with STRATA_ENGINE=spark
# and adapters-spark and Spark on the class path (docs/scale-out.md), runs the active segmentation again as of the
# same day, and compares every customer's segment with the PostgreSQL run's.
#
#   bench/spark-beside-postgres.sh ROOT SPARK_JARS_DIR
#
# SPARK_JARS_DIR: Spark's jars, e.g. from
#   ./mvnw -B -o -q -pl adapters-spark -am package -DskipTests dependency:copy-dependencies -DincludeScope=provided \
#     -DexcludeGroupIds=io.strata -DoutputDirectory=/tmp/spark-jars
# SPARK_MASTER (default local[2]) and SPARK_HEAP (default 2g: the driver runs inside the application's JVM, docs/scale-out.md)
# BENCH_LOCK=/path/to/lock: the run holds it (flock).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=${1:?the directory bench/ten-million.sh used}
SPARK_JARS=${2:?directory of Spark jars}
PORT=${PORT:-18593}
SPARK_HEAP=${SPARK_HEAP:-2g}
TOKEN=bench-token
AUTH=(-H "Authorization: Bearer $TOKEN" -H "Content-Type: application/json")
BASE="http://localhost:$PORT"
LOG=$ROOT/app-spark.log
OUT=$ROOT/results-spark.txt
: > "$OUT"
say() { echo "$*" | tee -a "$OUT"; }
load() { uptime | sed 's/.*load average: //'; }
now() { date +%s.%N; }

SPARK_MODULE=$(ls adapters-spark/target/strata-adapters-spark-*.jar | grep -v -- '-tests' | head -1)
# Spark's jars without the libraries the application jar already has (any version): two copies of a library on the
# class path fail at start, e.g. "sealing violation: package org.tukaani.xz is sealed" (xz 1.12 beside the jar's 1.11)
EXTRA=$ROOT/spark-class-path
rm -rf "$EXTRA" && mkdir -p "$EXTRA"
APP_LIBS=$(unzip -Z1 "$ROOT/strata.jar" 'BOOT-INF/lib/*' | sed 's#BOOT-INF/lib/##')
artifact() { sed -E 's/-[0-9][0-9A-Za-z.]*(-[A-Za-z]+[0-9A-Za-z.]*)?\.jar$//'; }
for jar in "$SPARK_JARS"/*.jar; do
  name=$(basename "$jar" | artifact)
  if echo "$APP_LIBS" | grep -q "^$name-[0-9]"; then
    echo "   left out (the application has it): $(basename "$jar")" >> "$OUT"
  else
    ln -s "$(readlink -f "$jar")" "$EXTRA/"
  fi
done
say "commit: $(git rev-parse --short HEAD), engine spark ${SPARK_MASTER:-local[2]}, heap -Xmx$SPARK_HEAP, module $SPARK_MODULE"
STRATA_ENGINE=spark STRATA_SPARK_MASTER=${SPARK_MASTER:-local[2]} \
STRATA_DATA_DIR=$ROOT/db SERVER_PORT=$PORT STRATA_API_TOKEN=$TOKEN STRATA_ADMIN_PASSWORD=tenm-Quokka-47-riverbank \
  java -Xmx$SPARK_HEAP -XX:+ExitOnOutOfMemoryError -cp "$ROOT/strata.jar" \
       -Dloader.path="$SPARK_MODULE,$EXTRA" -Dlogging.level.org.apache.spark=WARN \
       org.springframework.boot.loader.launch.PropertiesLauncher >"$LOG" 2>&1 &
APP=$!
trap 'kill $APP 2>/dev/null; wait $APP 2>/dev/null || true' EXIT
until curl -sf "$BASE/actuator/health" | grep -q UP; do
  kill -0 "$APP" 2>/dev/null || { echo "the application did not start; see $LOG" >&2; exit 1; }
  sleep 1
done
PG_PORT=$(grep -o 'Embedded PostgreSQL started on port [0-9]*' "$LOG" | tail -1 | grep -o '[0-9]*$')
# the embedded database asks for its superuser's password, kept in the data directory (docs/security.md)
[ -f "$ROOT/db/pg-superuser-password" ] && export PGPASSWORD=$(cat "$ROOT/db/pg-superuser-password")
PSQL=(psql -X -q -h localhost -p "$PG_PORT" -U postgres -d postgres)
PG_RUN=$("${PSQL[@]}" -tAc "select max(run_id) from segmentation_runs where status = 'COMPLETED'")
AS_OF=$("${PSQL[@]}" -tAc "select as_of from segmentation_runs where run_id = $PG_RUN")

[ -n "${BENCH_LOCK:-}" ] && exec 9>>"$BENCH_LOCK" && flock 9
say "== spark run as of $AS_OF (beside PostgreSQL run $PG_RUN): $(date -u +%FT%TZ), load $(load)"
START=$(now)
RUN=$(curl -sS "${AUTH[@]}" -d "{\"asOf\":\"$AS_OF\"}" "$BASE/api/v1/segmentation-runs?wait=true")
say "   run: $(echo "$(now) - $START" | bc)s  $(echo "$RUN" | head -c 600)"
say "   end: $(date -u +%T), load $(load); heap $(jcmd "$APP" GC.heap_info 2>/dev/null | grep -o 'total [0-9]*K, used [0-9]*K' | head -1)"
[ -n "${BENCH_LOCK:-}" ] && flock -u 9
say "   the application's account: $(grep -o 'run [0-9]*: .*ms' "$LOG" | tail -2 | tr '\n' ' ')"
SPARK_RUN=$(echo "$RUN" | grep -o '"runId":[0-9]*' | cut -d: -f2)
say "   engine lines in the log: $(grep -ci 'spark' "$LOG") mentioning Spark; $(grep -m1 -o 'SparkContext.*Running Spark version [0-9.]*' "$LOG" || true)"
say "   customers whose segment differs between run $PG_RUN (PostgreSQL) and run $SPARK_RUN (Spark): $("${PSQL[@]}" -tAc "
  select count(*) from run_assignments a join run_assignments b using (customer_key)
  where a.run_id = $PG_RUN and b.run_id = $SPARK_RUN and a.segment_key is distinct from b.segment_key")"
say "   assignments: $("${PSQL[@]}" -tAc "select run_id, count(*) from run_assignments where run_id in ($PG_RUN, $SPARK_RUN) group by run_id order by 1" | tr '\n' ' ')"

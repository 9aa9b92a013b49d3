#!/usr/bin/env bash
# Both engines over the same data, with the same segmentation and tactical segments, compared row by row in SQL.
# On a database kept by the segmentation benchmark (1M customers, ~8M lines, rfm-classic active, five tactical
# segments) it adds two tactical segments of other constructs (events, an average), then runs as of the data's day:
#   1. the PostgreSQL engine (the application as shipped),
#   2. the Spark engine inside the application (STRATA_ENGINE=spark, Spark local[2] on the class path through Boot's
#      PropertiesLauncher and -Dloader.path),
#   3. the job jar as spark-submit runs it (org.apache.spark.deploy.SparkSubmit, the class the spark-submit script
#      starts, on the Spark jars from ~/.m2: no Spark distribution is installed here) with a RUNNING run's id and the
#      database URL, while the application (PostgreSQL engine) keeps the database up,
# and prints, for each Spark run against the PostgreSQL run, the rows in one and not the other (EXCEPT both ways) of
# assignments (segment, scores, metrics), tactical members, segment summaries, tactical sizes and predictions: all
# must be 0. Times are wall clock, load average beside them.
# Usage: bench/spark-engine-comparison.sh <data dir kept by KEEP_DATA=1 bench/segmentation-benchmark.sh, /tmp/strata-bench-seg.*>
#   needs bootstrap/target/strata.jar, adapters-spark and spark-job packaged and Spark's jars copied:
#   nice ./mvnw -B -o -q -pl bootstrap,adapters-spark,spark-job -am package -DskipTests
#   nice ./mvnw -B -o -q -pl adapters-spark -am package -DskipTests dependency:copy-dependencies -DincludeScope=provided \
#     -DoutputDirectory=target/spark-jars
#   adapters-spark/spark-jars-for-the-application.sh     (Spark's jars minus those the application jar already holds)
# Run it under the benchmark lock: flock /work/wt/bench.lock nice -n 0 bench/spark-engine-comparison.sh <dir>
# or, to hold the lock per phase rather than for the whole comparison (each phase then queues for it on its own):
#   BENCH_LOCK=/work/wt/bench.lock bench/spark-engine-comparison.sh <dir>
# PHASES="postgres spark-app job" (the default) runs only the phases named; the runs' ids and times are kept in
# <dir>/compare/state between invocations, so the phases may run in separate invocations; "job" also compares.
# On a database of bench/ten-million.sh (ROOT/db, run with TACTICAL=1), write AS_OF, PG_RUN, PG_TIME and PG_LOAD of its
# run into ROOT/compare/state by hand and run PHASES=job (HEAP sets the job's driver memory, default 3g).
set -euo pipefail
cd "$(dirname "$0")/.."
DATA=${1:?usage: $0 <data dir kept by KEEP_DATA=1 bench/segmentation-benchmark.sh>}
PORT=${PORT:-18283}
TOKEN=bench-token
MASTER=${MASTER:-local[2]}
HEAP=${HEAP:-3g}
load() { uptime | sed 's/.*load average: //'; }
WORK=$DATA/compare
mkdir -p "$WORK"
VERSION=0.1.0-SNAPSHOT
# copied once: the phases of one comparison run one build even if the tree is rebuilt between them
[ -f "$WORK/strata.jar" ] || cp bootstrap/target/strata.jar "$WORK/strata.jar"
[ -f "$WORK/adapters-spark.jar" ] || cp adapters-spark/target/strata-adapters-spark-$VERSION.jar "$WORK/adapters-spark.jar"
[ -f "$WORK/spark-job.jar" ] || cp spark-job/target/strata-spark-job-$VERSION.jar "$WORK/spark-job.jar"
STATE=$WORK/state
touch "$STATE"
# shellcheck disable=SC1090
. "$STATE"
keep() { for name in "$@"; do echo "$name='${!name}'" >> "$STATE"; done; }
PHASES=" ${PHASES:-postgres spark-app job} "
wanted() { [[ "$PHASES" == *" $1 "* ]]; }
[ -n "${BENCH_LOCK:-}" ] && exec 9>>"$BENCH_LOCK"
hold() { [ -n "${BENCH_LOCK:-}" ] && { flock 9; echo "-- lock taken $(date -u +%T), load $(load)"; }; return 0; }
release() { [ -n "${BENCH_LOCK:-}" ] && { flock -u 9; echo "-- lock released $(date -u +%T)"; }; return 0; }
SPARK_JARS=$(pwd)/adapters-spark/target/spark-jars
APP_SPARK_JARS=$(pwd)/adapters-spark/target/spark-jars-for-the-application
for dir in "$SPARK_JARS" "$APP_SPARK_JARS"; do
  [ -d "$dir" ] || { echo "no $dir: copy Spark's jars first (see the header)"; exit 2; }
done
# a Spark distribution's jars/ hold slf4j-api; the provided-scope copy does not (Strata's modules bring it at compile scope)
SLF4J_API=$(ls ~/.m2/repository/org/slf4j/slf4j-api/2.0.20/slf4j-api-2.0.20.jar)
APP=
stop_app() { if [ -n "$APP" ]; then kill "$APP" 2>/dev/null; wait "$APP" 2>/dev/null || true; APP=; fi; }   # a clean status: the trap runs it last
trap 'stop_app' EXIT

# $1: log name; the rest: how to start the application (its environment is set by the caller)
start_app() {
  local log="$WORK/$1.log"; shift
  STRATA_DATA_DIR="$DATA/db" STRATA_API_TOKEN=$TOKEN STRATA_ADMIN_PASSWORD=bench-admin-password SERVER_PORT=$PORT \
    "$@" >"$log" 2>&1 &
  APP=$!
  until curl -sf "localhost:$PORT/actuator/health" | grep -q UP; do
    kill -0 "$APP" 2>/dev/null || { echo "the application stopped; see $log"; tail -20 "$log"; exit 1; }
    sleep 1
  done
  PG_PORT=$(grep -o 'Embedded PostgreSQL started on port [0-9]*' "$log" | grep -o '[0-9]*$')
  # the embedded database asks for its superuser's password, kept in the data directory (docs/security.md)
  [ -f "$DATA/db/pg-superuser-password" ] && export PGPASSWORD=$(cat "$DATA/db/pg-superuser-password")
  PSQL=(psql -X -q -v ON_ERROR_STOP=1 -h localhost -p "$PG_PORT" -U postgres -d postgres)
}
AUTH=(-H "Authorization: Bearer $TOKEN" -H "Content-Type: application/json")
# answers "<run id> <seconds>"
run_through_api() {
  local start body
  start=$(date +%s.%N)
  body=$(curl -sf "${AUTH[@]}" -d "{\"asOf\":\"$AS_OF\"}" "localhost:$PORT/api/v1/segmentation-runs?wait=true")
  echo "$(echo "$body" | grep -o '"runId":[0-9]*' | cut -d: -f2) $(echo "$(date +%s.%N) - $start" | bc)"
}

if wanted postgres; then
hold
echo "== PostgreSQL engine (the application as shipped)"
start_app postgres java -Xmx512m -jar "$WORK/strata.jar"
AS_OF=$("${PSQL[@]}" -tAc "select max(as_of) from segmentation_runs where status = 'COMPLETED'")
[ -n "$AS_OF" ] || { echo "no completed run in $DATA: not a database kept by the segmentation benchmark"; exit 2; }
if [ "$("${PSQL[@]}" -tAc "select count(*) from tactical_segments where name in ('t-events', 't-average')")" = 0 ]; then
  curl -sf "${AUTH[@]}" -d '{"name":"t-events","parentSegment":"need_attention","rule":"count(events \"email_open\" within 90 days) >= 2 and city in (\"Riga\", \"Madrid\")"}' \
    "localhost:$PORT/api/v1/tactical-segments" >/dev/null
  curl -sf "${AUTH[@]}" -d '{"name":"t-average","parentSegment":"promising","rule":"avg(orders.amount) < 40 or count(orders where amount < 0) >= 1"}' \
    "localhost:$PORT/api/v1/tactical-segments" >/dev/null
fi
echo "customers: $("${PSQL[@]}" -tAc "select count(*) from customers"), order lines: $("${PSQL[@]}" -tAc "select count(*) from order_lines"), as of $AS_OF, active tactical segments: $("${PSQL[@]}" -tAc "select count(*) from tactical_segments where status = 'ACTIVE'")"
read -r PG_RUN PG_TIME < <(run_through_api)
echo "PostgreSQL run $PG_RUN: ${PG_TIME}s (load $(load))"
read -r PG_RUN2 PG_TIME2 < <(run_through_api)
echo "PostgreSQL run $PG_RUN2 (again, warm): ${PG_TIME2}s (load $(load))"
grep -o "run $PG_RUN: .*ms" "$WORK/postgres.log" || true
stop_app
PG_LOAD=$(load)
keep AS_OF PG_RUN PG_TIME PG_RUN2 PG_TIME2 PG_LOAD
release
fi

if wanted spark-app; then
hold
echo "== Spark engine in the application (STRATA_ENGINE=spark, $MASTER, PropertiesLauncher)"
STRATA_ENGINE=spark STRATA_SPARK_MASTER=$MASTER start_app spark-app \
  java -Xmx$HEAP -Dloader.path="$WORK/adapters-spark.jar,$APP_SPARK_JARS" -cp "$WORK/strata.jar" \
  org.springframework.boot.loader.launch.PropertiesLauncher
read -r APP_RUN APP_TIME < <(run_through_api)
echo "Spark (application) run $APP_RUN: ${APP_TIME}s (load $(load)), status $("${PSQL[@]}" -tAc "select status || coalesce(': ' || error, '') from segmentation_runs where run_id = $APP_RUN")"
grep -o "run $APP_RUN: .*ms" "$WORK/spark-app.log" || true
PREDICTIONS=$(curl -sf "${AUTH[@]}" "localhost:$PORT/api/v1/segmentation-runs/$APP_RUN/predictions" | grep -o '"status":"[A-Z_]*"' || echo "none")
echo "predictions of the Spark run through the API: $PREDICTIONS"
stop_app
APP_LOAD=$(load)
keep APP_RUN APP_TIME APP_LOAD
release
fi
wanted job || exit 0
hold

echo "== the job jar as spark-submit runs it (SparkSubmit --master $MASTER), the application (PostgreSQL engine) beside it"
start_app postgres-for-job java -Xmx512m -jar "$WORK/strata.jar"
# what the application would hand to the job: a RUNNING run of the active segmentation
JOB_RUN=$("${PSQL[@]}" -tAc "insert into segmentation_runs (segmentation_id, as_of, status) select segmentation_id, '$AS_OF', 'RUNNING' \
  from segmentations where status = 'ACTIVE' returning run_id" | head -1)
START=$(date +%s.%N)
set +e
STRATA_DB_USER=postgres STRATA_DB_PASSWORD= STRATA_SPARK_PARTITIONS=2 \
  java -Xmx$HEAP -cp "$SPARK_JARS/*:$SLF4J_API" org.apache.spark.deploy.SparkSubmit --master "$MASTER" --driver-memory $HEAP \
  --conf spark.ui.enabled=false --class io.strata.sparkjob.SegmentationJob "$WORK/spark-job.jar" \
  "$JOB_RUN" "jdbc:postgresql://localhost:$PG_PORT/postgres" >"$WORK/job.log" 2>&1
JOB_EXIT=$?
set -e
JOB_TIME=$(echo "$(date +%s.%N) - $START" | bc)
echo "Spark (job) run $JOB_RUN: ${JOB_TIME}s, exit $JOB_EXIT (load $(load)), status $("${PSQL[@]}" -tAc "select status || coalesce(': ' || error, '') from segmentation_runs where run_id = $JOB_RUN")"
grep "^run $JOB_RUN" "$WORK/job.log" || tail -5 "$WORK/job.log"
JOB_LOAD=$(load)
keep JOB_RUN JOB_TIME JOB_LOAD
# the job fits no predictions: the application answers NOT_FITTED for its run, with the reason
PREDICTIONS=$(curl -sf "${AUTH[@]}" "localhost:$PORT/api/v1/segmentation-runs/$JOB_RUN/predictions" | grep -o '"status":"[A-Z_]*","reason":"[^"]*"' || echo "none")
echo "predictions of the job's run through the API: $PREDICTIONS"

echo "== differences against the PostgreSQL run $PG_RUN (rows only in the one, rows only in the other): all must be 0"
compare() {  # $1 what, $2 select with :run for the run id, $3 the Spark run
  local a b only_pg only_spark pg_rows spark_rows
  a=${2//:run/$PG_RUN}; b=${2//:run/$3}
  only_pg=$("${PSQL[@]}" -tAc "select count(*) from (($a) except all ($b)) d")
  only_spark=$("${PSQL[@]}" -tAc "select count(*) from (($b) except all ($a)) d")
  pg_rows=$("${PSQL[@]}" -tAc "select count(*) from ($a) d")
  spark_rows=$("${PSQL[@]}" -tAc "select count(*) from ($b) d")
  printf '%-22s run %-4s rows %9s / %9s   only PostgreSQL %6s   only Spark %6s\n' "$1" "$3" "$pg_rows" "$spark_rows" "$only_pg" "$only_spark"
  TOTAL=$((TOTAL + only_pg + only_spark + (pg_rows == 0 ? 1 : 0)))
}
TOTAL=0
for SPARK_RUN in ${APP_RUN:-} $JOB_RUN; do
  compare assignments "select customer_key, segment_key, r, f, m, recency_days, frequency, monetary from run_assignments where run_id = :run" "$SPARK_RUN"
  compare "tactical members" "select tactical_id, customer_key from tactical_members where run_id = :run" "$SPARK_RUN"
  compare "segment summaries" "select segment_key, name, rank, customers, revenue, orders from run_segments where run_id = :run" "$SPARK_RUN"
  compare "tactical sizes" "select tactical_id, members, parent_customers from tactical_run_sizes where run_id = :run" "$SPARK_RUN"
  [ "$SPARK_RUN" = "$JOB_RUN" ] && continue   # predictions: the application fits them for its own runs only
  compare predictions "select customer_key, x, recency_days, age_days, repeat_average, p_alive, expected_purchases_30d, expected_purchases_90d, expected_purchases_365d, expected_purchase_value, predicted_value from run_customer_predictions where run_id = :run" "$SPARK_RUN"
done
stop_app

release
printf '\n%-48s %10s   %s\n' "what (as of $AS_OF)" "seconds" "load at its end"
printf '%-48s %10.1f   %s\n' "PostgreSQL engine, run through the API" "$PG_TIME" "$PG_LOAD"
if [ -n "${PG_TIME2:-}" ]; then   # absent when the PostgreSQL run came from elsewhere (bench/ten-million.sh)
  printf '%-48s %10.1f   %s\n' "PostgreSQL engine, the same run again" "$PG_TIME2" "$PG_LOAD"
fi
if [ -n "${APP_TIME:-}" ]; then
  printf '%-48s %10.1f   %s\n' "Spark $MASTER in the application, through the API" "$APP_TIME" "$APP_LOAD"
fi
printf '%-48s %10.1f   %s\n' "Spark $MASTER job (SparkSubmit, JVM start included)" "$JOB_TIME" "$JOB_LOAD"
echo "differences in all: $TOTAL (an empty PostgreSQL side counts as one)"
[ "$TOTAL" = 0 ]

#!/usr/bin/env bash
# Times tactical previews on predicted fields (issue 19 item 4, issue 20 item 6) at the database kept by
# bench/prediction-benchmark.sh (DATA=dir): starts the application (JAR, default bootstrap/target/strata.jar) on it,
# waits for the latest run's follow-ups, then previews `p_alive < 0.3`, `predicted_value > 500` and
# `expected_purchases_90d >= 1` inside one parent segment of the latest completed run (fitted), each REPEATS times after
# a first request printed on its own, and stops the application.
# Usage: DATA=dir [JAR=…] [PARENT=champions] [REPEATS=9] [AFTER=command] bench/predicted-preview-timings.sh
set -euo pipefail
cd "$(dirname "$0")/.."
DATA=${DATA:?DATA: the directory bench/prediction-benchmark.sh kept}
PORT=${PORT:-18384}
TOKEN=bench-token
PARENT=${PARENT:-champions}
REPEATS=${REPEATS:-9}
LOG="$DATA/preview-app.log"
cp "${JAR:-bootstrap/target/strata.jar}" "$DATA/preview.jar"
STRATA_DATA_DIR="$DATA/db" STRATA_API_TOKEN=$TOKEN STRATA_ADMIN_PASSWORD=bench-admin-password SERVER_PORT=$PORT \
  java -Xmx${HEAP:-512m} -jar "$DATA/preview.jar" >"$LOG" 2>&1 &
APP=$!
trap 'kill $APP 2>/dev/null; wait $APP 2>/dev/null || true' EXIT
until curl -sf "localhost:$PORT/actuator/health" | grep -q UP; do sleep 1; done
PG_PORT=$(grep -o 'Embedded PostgreSQL started on port [0-9]*' "$LOG" | tail -1 | grep -o '[0-9]*$')
# the embedded database asks for its superuser's password, kept in the data directory (docs/security.md)
[ -f "$DATA/db/pg-superuser-password" ] && export PGPASSWORD=$(cat "$DATA/db/pg-superuser-password")
PSQL=(psql -X -q -h localhost -p "$PG_PORT" -U postgres -d postgres)
until [ "$("${PSQL[@]}" -tAc "select coalesce(bool_and(followed_up_at is not null), true) from segmentation_runs where run_id = (select max(run_id) from segmentation_runs where status = 'COMPLETED')")" = t ]; do
  sleep 0.5
done
RUN=$("${PSQL[@]}" -tAc "select max(run_id) from segmentation_runs where status = 'COMPLETED'")
echo "run $RUN: predictions $("${PSQL[@]}" -tAc "select status from run_predictions where run_id = $RUN"), $PARENT $("${PSQL[@]}" -tAc "select customers from run_segments where run_id = $RUN and segment_key = '$PARENT'") customers; $(uptime | sed 's/.*load/load/')"
AUTH=(-H "Authorization: Bearer $TOKEN" -H "Content-Type: application/json")
printf '%-30s %8s %8s %8s %8s %10s\n' "rule" "first" "min" "median" "max" "matching"
for rule in 'p_alive < 0.3' 'predicted_value > 500' 'expected_purchases_90d >= 1'; do
  body="{\"parentSegment\":\"$PARENT\",\"rule\":\"$rule\"}"
  out=$(curl -sf -w ' %{time_total}' "${AUTH[@]}" -d "$body" "localhost:$PORT/api/v1/tactical-segments/preview")
  first=${out##* }
  matching=$(echo "$out" | grep -o '"matching[A-Za-z]*":[0-9]*' | head -1 | cut -d: -f2)
  times=()
  for _ in $(seq "$REPEATS"); do
    times+=("$(curl -sf -o /dev/null -w '%{time_total}' "${AUTH[@]}" -d "$body" "localhost:$PORT/api/v1/tactical-segments/preview")")
  done
  sorted=($(printf '%s\n' "${times[@]}" | sort -n))
  printf '%-30s %8.3f %8.3f %8.3f %8.3f %10s\n' "$rule" "$first" "${sorted[0]}" "${sorted[$(( ${#sorted[@]} / 2 ))]}" \
    "${sorted[$(( ${#sorted[@]} - 1 ))]}" "${matching:-?}"
done
echo "$(uptime | sed 's/.*load/load/')"
# AFTER=command: run with PG_PORT and RUN set, the application still up (e.g. EXPLAIN ANALYZE of the statements)
if [ -n "${AFTER:-}" ]; then PG_PORT=$PG_PORT RUN=$RUN bash -c "$AFTER"; fi

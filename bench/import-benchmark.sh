#!/usr/bin/env bash
# Imports 1M customers and ~8M order lines over HTTP into a freshly started Strata, then times a plain
# psql \copy of the same orders file into a bare table of the same embedded PostgreSQL, for comparison.
# Usage (from the repository root, after ./mvnw -q -DskipTests package):
#   bench/import-benchmark.sh [data-dir] [customers] [order-lines] [lines-per-order, 1 to 20; default 1 to 7]
# (a data directory is generated once: give each shape its own directory)
set -euo pipefail

DATA=${1:-/tmp/strata-bench}
CUSTOMERS=${2:-1000000}
LINES=${3:-8000000}
LINES_PER_ORDER=${4:-}
PORT=${SERVER_PORT:-18181}
TOKEN=bench-token
APP_DIR=$(mktemp -d "${BENCH_TMP:-/tmp}"/strata-bench-app.XXXXXX)   # BENCH_TMP: where the app and its database go
LOG=$APP_DIR/app.log
JAR=${JAR:-bootstrap/target/strata.jar}   # JAR=... times another build (e.g. a copy of main's)

[ -f "$JAR" ] || { echo "build the jar first: ./mvnw -q -DskipTests package" >&2; exit 1; }
if [ ! -f "$DATA/orders.csv" ] || [ ! -f "$DATA/customers.csv" ]; then
  java bench/GenerateData.java "$DATA" "$CUSTOMERS" "$LINES" $LINES_PER_ORDER
fi
if [ ! -f "$DATA/orders-changed.csv" ]; then
  # the same orders with every amount one more: a re-import that really replaces every order (the same file again
  # leaves every order as it is, which an import may notice; see docs/imports.md)
  awk -F, -v OFS=, 'NR > 1 { $4 = sprintf("%.2f", $4 + 1) } 1' "$DATA/orders.csv" > "$DATA/orders-changed.csv"
fi
ORDER_COUNT=$(tail -n +2 "$DATA/orders.csv" | cut -d, -f1 | uniq | wc -l)
ORDER_LINES=$(( $(wc -l < "$DATA/orders.csv") - 1 ))
CUSTOMER_ROWS=$(( $(wc -l < "$DATA/customers.csv") - 1 ))

echo "load: $(uptime)"
echo "machine: $(nproc) cores, $(free -h | awk '/Mem:/{print $2}') RAM, $(java -version 2>&1 | head -1)"
STRATA_DATA_DIR=$APP_DIR/data SERVER_PORT=$PORT STRATA_API_TOKEN=$TOKEN STRATA_ADMIN_PASSWORD=bench-admin \
  java -Xmx512m -XX:+ExitOnOutOfMemoryError -jar "$JAR" > "$LOG" 2>&1 &
APP_PID=$!
trap 'kill $APP_PID 2>/dev/null; wait $APP_PID 2>/dev/null || true' EXIT
for _ in $(seq 1 120); do
  curl -sf "http://localhost:$PORT/actuator/health" > /dev/null && break
  kill -0 $APP_PID 2>/dev/null || { echo "the application did not start; see $LOG" >&2; exit 1; }
  sleep 1
done
# with STRATA_DB_URL (an external server) give its port and database as PG_PORT and PG_DATABASE, for psql
PG_PORT=${PG_PORT:-$(sed -n 's/.*Embedded PostgreSQL started on port \([0-9]*\).*/\1/p' "$LOG" | head -1)}
# the embedded database asks for its superuser's password, kept in the data directory (docs/security.md)
[ -f "$APP_DIR/data/pg-superuser-password" ] && export PGPASSWORD=$(cat "$APP_DIR/data/pg-superuser-password")
PG_DATABASE=${PG_DATABASE:-postgres}
if [ -n "${LOG_STATEMENTS_MS:-}" ]; then
  # where the time goes: the server logs every statement slower than this with its duration, in its own log (an
  # external server's log file; the embedded server's output did not reach $LOG, not even with the library's logger
  # at INFO, in tries on 2026-12-03: profile against STRATA_DB_URL)
  psql -q -h localhost -p "$PG_PORT" -U postgres -d "$PG_DATABASE" -c "alter system set log_min_duration_statement = ${LOG_STATEMENTS_MS}" \
       -c "select pg_reload_conf()" > /dev/null
fi

import() { # entity file -> prints seconds, checks the answer
  local entity=$1 file=$2 start end
  start=$(date +%s.%N)
  # -T streams the file from disk as it sends (--data-binary @file reads all of it into memory first)
  curl -sS --fail-with-body -H "Authorization: Bearer $TOKEN" -H 'Content-Type: text/csv' -H 'Expect:' \
       -X POST -T "$file" "http://localhost:$PORT/api/v1/imports/$entity" -o "$APP_DIR/$entity.json"
  end=$(date +%s.%N)
  grep -q '"status":"COMPLETED"' "$APP_DIR/$entity.json" || { cat "$APP_DIR/$entity.json" >&2; exit 1; }
  echo "$end - $start" | bc
}
rate() { echo "scale=0; $1 / $2" | bc; }

T_CUSTOMERS=$(import customers "$DATA/customers.csv")
echo "customers:   $CUSTOMER_ROWS rows in ${T_CUSTOMERS}s = $(rate "$CUSTOMER_ROWS" "$T_CUSTOMERS") rows/s  $(cat "$APP_DIR/customers.json" | head -c 200)"
T_ORDERS=$(import orders "$DATA/orders.csv")
echo "orders:      $ORDER_LINES lines in ${T_ORDERS}s = $(rate "$ORDER_LINES" "$T_ORDERS") lines/s  $(cat "$APP_DIR/orders.json" | head -c 200)"
T_AGAIN=$(import orders "$DATA/orders.csv")
echo "orders again (the same file): ${T_AGAIN}s = $(rate "$ORDER_LINES" "$T_AGAIN") lines/s  $(cat "$APP_DIR/orders.json" | head -c 200)"
T_CHANGED=$(import orders "$DATA/orders-changed.csv")
echo "orders again, every amount changed: ${T_CHANGED}s = $(rate "$ORDER_LINES" "$T_CHANGED") lines/s"
RSS=$(ps -o rss= -p $APP_PID)
echo "application resident memory after the imports: $((RSS / 1024)) MB (heap limit 512 MB)"

PSQL="psql -q -h localhost -p $PG_PORT -U postgres -d $PG_DATABASE"
$PSQL -c "create table bench_copy (order_id text, customer_id text, ordered_at timestamptz, amount numeric(19,4),
          quantity numeric(19,4), category text, sku text, channel text)"
start=$(date +%s.%N)
$PSQL -c "\\copy bench_copy from '$DATA/orders.csv' with (format csv, header true)"
end=$(date +%s.%N)
T_COPY=$(echo "$end - $start" | bc)
$PSQL -c "drop table bench_copy"
echo "psql \\copy: $ORDER_LINES lines in ${T_COPY}s = $(rate "$ORDER_LINES" "$T_COPY") lines/s"
echo "ratio Strata import / bare \\copy: $(echo "scale=2; $T_ORDERS / $T_COPY" | bc)"
# issue 19's measure: the import's throughput as a share of the bare \copy's (goal >= 0.35; re-import >= 0.2)
echo "orders: $ORDER_COUNT orders, $(echo "scale=2; $ORDER_LINES / $ORDER_COUNT" | bc) lines per order"
echo "throughput share of \\copy: first load $(echo "scale=2; $T_COPY / $T_ORDERS" | bc), re-import of the same file $(echo "scale=2; $T_COPY / $T_AGAIN" | bc), re-import with every order changed $(echo "scale=2; $T_COPY / $T_CHANGED" | bc)"
echo "load: $(uptime)"
$PSQL -c "select (select count(*) from customers) customers, (select count(*) from orders) orders, (select count(*) from order_lines) lines"
echo "data kept in $APP_DIR/data (for bench/bulk-insert-timings.sql; delete it when done)"

#!/usr/bin/env bash
# The floor of an orders import (issue 19 item 1, session 60): how long the least work any correct import must do
# takes in the embedded PostgreSQL itself, against the bare `\copy` of the same file (bench/import-benchmark.sh's
# denominator). The JVM's work (parsing, keys, digests, even the facts) is taken as free: its results are read from
# files dumped from what Strata itself stored for the same file, so each variant only does the database's part.
# Usage (from the repository root):
#   bench/import-floor.sh reference <data> <app-dir> <app-port>  # Strata (running) imports the file, then the file
#                                                                # changed; \copy before, between and after (timed)
#   bench/import-floor.sh prepare   <data> <app-dir>             # dumps what Strata stored after each import into
#                                                                # <data>/keyed (stop the application first)
#   bench/import-floor.sh variants  <data> <app-dir> [rounds] [variants...]   # times each variant (see import-floor.sql)
# <data>: the directory of bench/GenerateData.java (orders.csv, orders-changed.csv); <app-dir>: the STRATA_DATA_DIR
# the application ran with (prepare and variants start its embedded server themselves, with the application's settings;
# PG_BIN: the embedded binaries' bin directory, e.g. /tmp/embedded-pg/PG-<hash>/bin as ps shows while the application runs).
set -euo pipefail
MODE=$1 DATA=$2 APP=$3
HERE=$(cd "$(dirname "$0")" && pwd)
export PGPASSWORD=$(cat "$APP/pg-superuser-password")
KEYED=$DATA/keyed
now() { date +%s.%N; }
secs() { echo "scale=2; ($2 - $1) / 1" | bc; }

if [ "$MODE" = reference ]; then
  PORT=$4
  PG_PORT=$(sed -n 's/.*Embedded PostgreSQL started on port \([0-9]*\).*/\1/p' "$APP/../app.log" | tail -1)
  PSQL="psql -X -q -h localhost -p $PG_PORT -U postgres -d postgres"
  bare_copy() {
    $PSQL -c "drop table if exists bench_copy" -c "create table bench_copy (order_id text, customer_id text, ordered_at timestamptz,
              amount numeric(19,4), quantity numeric(19,4), category text, sku text, channel text)" -c checkpoint
    local s=$(now); $PSQL -c "\\copy bench_copy from '$1' with (format csv, header true)"; local e=$(now)
    $PSQL -c "drop table bench_copy"; echo "bare \\copy $(basename "$1"): $(secs $s $e) s"
  }
  import() {
    $PSQL -c checkpoint
    local s=$(now)
    curl -sS --fail-with-body -H "Authorization: Bearer bench-token" -H 'Content-Type: text/csv' -H 'Expect:' \
         -X POST -T "$1" "http://localhost:$PORT/api/v1/imports/orders" -o /tmp/floor-import.json
    local e=$(now)
    grep -q '"status":"COMPLETED"' /tmp/floor-import.json || { cat /tmp/floor-import.json; exit 1; }
    echo "Strata orders import $(basename "$1"): $(secs $s $e) s $(head -c 160 /tmp/floor-import.json | cut -d, -f4-9)"
  }
  bare_copy "$DATA/orders.csv"
  import "$DATA/orders.csv"
  $PSQL -c "create table floor_ref_first as select * from customer_purchase_facts"
  bare_copy "$DATA/orders.csv"
  $PSQL -c "create table floor_ref_first_orders as select * from orders" -c "create table floor_ref_first_lines as select * from order_lines"
  import "$DATA/orders-changed.csv"
  bare_copy "$DATA/orders-changed.csv"
  exit 0
fi

# prepare and variants run on the embedded server of the application's data directory, started here (application stopped)
# the binaries and settings the application started it with (its log's command line, docs/architecture.md)
BIN=${PG_BIN:?give PG_BIN, the bin directory of the embedded server (ps shows it while the application runs)}
OPTS="-F -c synchronous_commit=on -c fsync=on -c max_connections=100 -c timezone=UTC -c shared_buffers=256MB
      -c listen_addresses=localhost -c maintenance_work_mem=262144kB -c jit=off -c checkpoint_timeout=15min -c max_wal_size=4GB
      -c temp_buffers=64MB -c work_mem=65536kB"
PG_PORT=${PG_PORT:-18681}
PSQL="psql -X -q -h localhost -p $PG_PORT -U postgres -d postgres -v ON_ERROR_STOP=1"
# the postgres program itself with the settings above (as root it runs in a user namespace as "nobody", as the cluster was made)
start_pg() {
  # (as root: in a user namespace where this user is "nobody", as the cluster was initialised)
  if [ "$(id -u)" = 0 ]; then AS="unshare --user --map-user=65534 --map-group=65534"; else AS=""; fi
  $AS "$BIN/postgres" -D "$APP/pg" -p "$PG_PORT" $OPTS > "$DATA/pg-floor.log" 2>&1 &
  PG_PID=$!
  for _ in $(seq 1 60); do $PSQL -c "select 1" > /dev/null 2>&1 && return 0; sleep 0.5; done
  echo "the server did not start; see $DATA/pg-floor.log" >&2; exit 1
}
stop_pg() { kill -INT "$PG_PID"; wait "$PG_PID" 2>/dev/null || true; }

# a script of import-floor/ with its \i lines inlined and @K@ (the keyed files), @N@ (1: orders.csv, 2: the changed
# file) and @FREEZE@ filled in, on stdin of psql
expand() { # file n freeze
  awk -v dir="$HERE/import-floor" '/^\\i / { while ((getline line < (dir "/" $2)) > 0) print line; close(dir "/" $2); next } { print }' "$HERE/import-floor/$1" |
    sed "s|@K@|$KEYED|g; s|@N@|$2|g; s|@FREEZE@|$3|g"
}
run() { expand "$@" | $PSQL -f -; }

if [ "$MODE" = prepare ]; then
  start_pg; trap stop_pg EXIT
  mkdir -p "$KEYED"
  $PSQL -v keyed="$KEYED" -f "$HERE/import-floor/prepare.sql"
  run prepare-more.sql 1 ""
  ls -la "$KEYED"
  exit 0
fi

if [ "$MODE" = variants ]; then
  ROUNDS=${4:-1}; shift 3; [ $# -gt 0 ] && shift
  VARIANTS=${*:-"copy F1 F2 F3 F4 F5 F6 F7 copy R1 R2 R3 copy"}
  start_pg; trap stop_pg EXIT
  echo "server: $($PSQL -Atc "select string_agg(name || '=' || setting, ' ' order by name) from pg_settings where name in
        ('wal_level','fsync','synchronous_commit','full_page_writes','shared_buffers','work_mem','maintenance_work_mem','max_parallel_maintenance_workers','server_version')")"
  for round in $(seq 1 "$ROUNDS"); do
    for v in $VARIANTS; do
      # untimed: the state before (customers only for the bare copy and a first load F*, the first file's orders for R*)
      case $v in
        copy) run reset-empty.sql 1 "" > /dev/null
              $PSQL -c "drop table if exists bench_copy" -c "create table bench_copy (order_id text, customer_id text, ordered_at timestamptz,
                amount numeric(19,4), quantity numeric(19,4), category text, sku text, channel text)" ;;
        F*) run reset-empty.sql 1 "" > /dev/null ;;
        R*) run reset-first.sql 1 "" > /dev/null ;;
      esac
      $PSQL -c checkpoint
      n=1; [[ $v == R* ]] && n=2
      freeze=""; [[ $v == F5 || $v == R3 ]] && freeze="with (freeze)"
      [[ $v == F9 ]] && freeze="with (freeze)"
      load=$(cut -d' ' -f1 /proc/loadavg)
      out=$DATA/floor-$v.out
      s=$(now)
      case $v in
        copy) $PSQL -c "\\copy bench_copy from '$DATA/orders.csv' with (format csv, header true)" > "$out" ;;
        F6|F7) # two connections at once: a, b
          ((echo '\timing on'; expand ${v}b.sql $n "") | $PSQL -f - > "$out.b" 2>&1) &
          other=$!
          [ $v = F7 ] && sleep 0.3   # the stage's connection takes its lock first
          (echo '\timing on'; expand ${v}a.sql $n "") | $PSQL -f - > "$out" 2>&1
          wait $other; cat "$out.b" >> "$out"; rm -f "$out.b" ;;
        *) (echo '\timing on'; expand $v.sql $n "$freeze") | $PSQL -f - > "$out" 2>&1 ;;
      esac
      e=$(now)
      echo "round $round $v: $(secs $s $e) s (load $load)"
      # each step's time (psql's \timing of the statements after each "step" line, summed)
      awk '/^step / { if (name) printf "%s %.2f; ", name, t / 1000; name = $2; t = 0; next }
           /^Time: / { t += $2 } /ERROR/ { print; err = 1 }
           END { if (name) printf "%s %.2f", name, t / 1000; print "" }' "$out" | sed 's/^/    /'
      if [ $v != copy ]; then
        ref=floor_ref_first; [ $n = 2 ] && ref=floor_ref_second
        $PSQL -At -v ref=$ref -f "$HERE/import-floor/check.sql" | sed 's/^/    /'
      fi
    done
  done
  exit 0
fi
echo "unknown mode $MODE" >&2; exit 1

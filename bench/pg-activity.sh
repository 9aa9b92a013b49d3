#!/usr/bin/env bash
# Samples what PostgreSQL is doing every 3 s while a benchmark runs: state, wait event, time in the statement and the
# statement's start, plus the busiest processes. Used for the "where the time goes" notes in docs/benchmarks.md.
# Usage: PGPASSWORD=$(cat STRATA_DATA_DIR/pg-superuser-password) bench/pg-activity.sh PG_PORT > activity.log
#   (the port is in the app log: "Embedded PostgreSQL started on port N"; the embedded database asks for the password)
# Stops when the server goes away.
set -uo pipefail
PG_PORT=${1:?the embedded PostgreSQL port}
while true; do
  echo "--- $(date +%T)"
  psql -At -h localhost -p "$PG_PORT" -U postgres -d postgres -c "select state, wait_event_type, wait_event, now() - query_start,
      left(regexp_replace(query, '\s+', ' ', 'g'), 110) from pg_stat_activity
      where state <> 'idle' and pid <> pg_backend_pid() and backend_type = 'client backend'" 2>/dev/null || break
  top -bn1 | sed -n '8,10p'
  sleep 3
done

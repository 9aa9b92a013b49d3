#!/usr/bin/env bash
# First previews after a start (issue 19 item 3, lead b): before each start the pages of customers and of
# orders_customer_idx are dropped from the OS's page cache (as other data on the machine does), the jar is started,
# and as soon as it answers: the attribute preview and the 1,500-day order-line preview in champions, each once; then
# the same after WAIT seconds more (a user who comes a little later), after a second start.
#   PATHS="base/5/16395 base/5/17340" bench/previews-first-after-start.sh ROOT PORT JAR-NAME... (jars in /work/wt/jars)
ROOT=$1; PORT=$2; shift 2
PG=$ROOT/db/pg
# PATHS: pg_relation_filepath of customers and of orders_customer_idx (ask them while the application runs), e.g. "base/5/16395 base/5/17340"
FILES=$(for p in ${PATHS:?file paths of customers and orders_customer_idx under ROOT/db/pg}; do ls $PG/$p $PG/$p.* 2>/dev/null; done)
AUTH=(-H "Authorization: Bearer bench-token" -H "Content-Type: application/json")
preview() { curl -sS -m 600 -w ' %{time_total}' "${AUTH[@]}" -d "{\"parentSegment\":\"champions\",\"rule\":\"$1\"}" localhost:$PORT/api/v1/tactical-segments/preview \
  | sed -E 's/.*"matching[A-Za-z]*":([0-9]+).* ([0-9.]+)$/\2 (\1)/'; }
cached() { fincore -b -n -o RES,SIZE $FILES | awk '{ res += $1; size += $2 } END { printf "%.0f%% of %.0f MB", 100 * res / size, size / 1048576 }'; }
for jar in "$@"; do
  python3 -c 'import os, sys
for f in sys.argv[1:]:
    fd = os.open(f, os.O_RDONLY); os.posix_fadvise(fd, 0, 0, os.POSIX_FADV_DONTNEED); os.close(fd)' $FILES
  echo "== $jar $(date -u +%T) load $(cut -d' ' -f1-3 /proc/loadavg); cached before the start: $(cached)"
  STRATA_DATA_DIR=$ROOT/db SERVER_PORT=$PORT STRATA_API_TOKEN=bench-token STRATA_ADMIN_PASSWORD=tenm-Quokka-47-riverbank \
    java -Xmx512m -jar /work/wt/jars/$jar.jar >> $ROOT/first-after-start.log 2>&1 &
  APP=$!
  until curl -sf localhost:$PORT/actuator/health | grep -q UP; do sleep 0.5; done
  until curl -sf -H "Authorization: Bearer bench-token" localhost:$PORT/api/v1/segmentations > /dev/null; do sleep 0.5; done
  echo "   at once: cached $(cached); attribute $(preview 'device = \"smart_tv\" and city = \"Paris\"'); 1,500 days $(preview 'count(orders where category = \"kids\" within 1500 days) >= 1')"
  # a second start, pages dropped again: previews asked WAIT s after it
  kill $APP; wait $APP
  python3 -c 'import os, sys
for f in sys.argv[1:]:
    fd = os.open(f, os.O_RDONLY); os.posix_fadvise(fd, 0, 0, os.POSIX_FADV_DONTNEED); os.close(fd)' $FILES
  STRATA_DATA_DIR=$ROOT/db SERVER_PORT=$PORT STRATA_API_TOKEN=bench-token STRATA_ADMIN_PASSWORD=tenm-Quokka-47-riverbank \
    java -Xmx512m -jar /work/wt/jars/$jar.jar >> $ROOT/first-after-start.log 2>&1 &
  APP=$!
  until curl -sf localhost:$PORT/actuator/health | grep -q UP; do sleep 0.5; done
  sleep ${WAIT:-10}
  echo "   ${WAIT:-10} s after the start: cached $(cached); attribute $(preview 'device = \"smart_tv\" and city = \"Paris\"'); 1,500 days $(preview 'count(orders where category = \"kids\" within 1500 days) >= 1')"
  kill $APP; wait $APP
done

#!/usr/bin/env bash
# EXPLAIN (ANALYZE, BUFFERS) of every preview shape in champions, as RuleSql compiles them (values inlined).
# old: the single statement with count(*) over () of main until 2026-12-03; new: the sample, then the count (docs/benchmarks.md,
# "Third pass"). Usage: bench/preview-plans.sh PG_PORT RUN_ID old|new AS_OF (the embedded server's port is in the app log)
set -euo pipefail
PG_PORT=$1; RUN=$2; FORM=$3; AS_OF=$4
END=$(date -u -d "$AS_OF + 1 day" +%F); S90=$(date -u -d "$AS_OF - 90 days" +%F)
S180=$(date -u -d "$AS_OF - 180 days" +%F); S1500=$(date -u -d "$AS_OF - 1500 days" +%F)
FROM="from run_assignments a join customers c on c.customer_key = a.customer_key where a.run_id = $RUN and a.segment_key = 'champions' and "
lines() { echo "exists (select 1 from orders o where o.customer_key = c.customer_key and o.ordered_at < '$END 00:00+00' and o.ordered_at >= '$1 00:00+00' and coalesce(o.categories && array['kids']::text[], exists (select 1 from order_lines i where i.order_key = o.order_key and coalesce((nullif(i.category, '') = 'kids'), false))))"; }
declare -A RULE=(
  [attribute]="coalesce((nullif((c.attributes ->> 'device'), '') = 'smart_tv'), false) and coalesce((nullif(c.city, '') = 'Paris'), false)"
  [metric]="coalesce((a.monetary between 100::numeric and 500::numeric), false) and coalesce((a.frequency::numeric >= 3::numeric), false)"
  [lines180]="$(lines "$S180")"
  [lines1500]="$(lines "$S1500")"
  [events]="(not exists (select 1 from events i where i.customer_key = c.customer_key and i.event_type = 'email_open' and i.occurred_at < '$END 00:00+00' and i.occurred_at >= '$S90 00:00+00'))"
)
{
  echo '\timing on'
  for shape in attribute metric lines180 lines1500 events; do
    echo "\\echo ==== $shape ($FORM, run $RUN)"
    if [ "$FORM" = old ]; then
      echo "explain (analyze, buffers) select c.customer_id, count(*) over () $FROM ${RULE[$shape]} order by a.customer_key limit 10;"
    else
      echo "explain (analyze, buffers) select c.customer_id $FROM ${RULE[$shape]} order by a.customer_key limit 10;"
      echo "explain (analyze, buffers) select count(*) $FROM ${RULE[$shape]};"
    fi
  done
} | psql -X -h localhost -p "$PG_PORT" -U postgres -d postgres

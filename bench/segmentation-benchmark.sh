#!/usr/bin/env bash
# Segmentation run benchmark: 1,000,000 customers and about 8,000,000 order lines generated inside PostgreSQL,
# then (1) one hand-written SQL statement that computes rfm-classic from the raw lines with text keys (a table shaped
# like the orders file: text order and customer ids, a time per line) and
# (2) a full rfm-classic run through the API, both on the same database in the same run.
# Usage: bench/segmentation-benchmark.sh   (needs the jar: ./mvnw -q -DskipTests package; psql client on PATH)
set -euo pipefail
cd "$(dirname "$0")/.."
CUSTOMERS=${CUSTOMERS:-1000000}
# the runs' as-of day; the data ends on it. Yesterday by default (until 2026-12-03 it was 2024-06-30): previews
# count windows back from today, so with older data every "within N days" window of a preview was empty
AS_OF=${AS_OF:-$(date -u -d yesterday +%F)}
AS_OF_NEXT=$(date -u -d "$AS_OF + 1 day" +%F)
PORT=${PORT:-18282}
TOKEN=bench-token
# DATA=dir puts the database there (it must not exist yet or be empty); DATA_ROOT=dir a fresh one under dir (default /tmp)
DATA=${DATA:-$(mktemp -d "${DATA_ROOT:-/tmp}/strata-bench-seg.XXXXXX")}
mkdir -p "$DATA"
LOG="$DATA/app.log"

cp "${JAR:-bootstrap/target/strata.jar}" "$DATA/strata.jar"   # a rebuild during the benchmark must not pull the jar away; JAR=... times another build
STRATA_DATA_DIR="$DATA/db" STRATA_API_TOKEN=$TOKEN STRATA_ADMIN_PASSWORD=bench-admin-password SERVER_PORT=$PORT \
  java -Xmx512m -jar "$DATA/strata.jar" >"$LOG" 2>&1 &
APP=$!
# KEEP_DATA=1 keeps the database directory for a closer look afterwards
trap 'kill $APP 2>/dev/null; wait $APP 2>/dev/null || true; [ -n "${KEEP_DATA:-}${REUSE:-}" ] && echo "data kept in $DATA" || rm -rf "$DATA"' EXIT
until curl -sf "localhost:$PORT/actuator/health" | grep -q UP; do sleep 1; done
PG_PORT=$(grep -o 'Embedded PostgreSQL started on port [0-9]*' "$LOG" | grep -o '[0-9]*$')
# the embedded database asks for its superuser's password, kept in the data directory (docs/security.md)
[ -f "$DATA/db/pg-superuser-password" ] && export PGPASSWORD=$(cat "$DATA/db/pg-superuser-password")
PSQL=(psql -X -q -v ON_ERROR_STOP=1 -h localhost -p "$PG_PORT" -U postgres -d postgres)

# A completed run's follow-ups (migrations since the previous run, programme and campaign measurements: they read all of
# its rows and the previous run's) go on on their own worker after the caller has its answer. Each timed run (and,
# with REUSE, the hand-written statement: the application resumes the latest run's follow-ups at start) starts once
# those of the latest completed run have settled (followed_up_at), so that every run is measured alone, the same way,
# and the tactical overhead compares like with like; SETTLE=0 starts each run at once, as before.
settle() {
  [ "${SETTLE:-1}" = 0 ] && return
  until [ "$("${PSQL[@]}" -tAc "select coalesce(bool_and(followed_up_at is not null), true) from segmentation_runs where run_id = (select max(run_id) from segmentation_runs where status = 'COMPLETED')")" = t ]; do
    sleep 0.2
  done
}

# REUSE=1 with DATA=<a database kept by an earlier run of this script (KEEP_DATA=1)>: no data generated, the same
# database measured again (for before/after comparisons of two jars on identical data); the earlier run's tactical
# segments are archived so that the first runs have none, as on fresh data
SUFFIX=""
if [ -n "${REUSE:-}" ]; then
  SUFFIX="-$(date +%s)"
  "${PSQL[@]}" -c "update tactical_segments set status = 'ARCHIVED' where status = 'ACTIVE'" -c "drop table if exists hand_rfm"
else
echo "generating $CUSTOMERS customers and their orders inside PostgreSQL..."
"${PSQL[@]}" <<SQL
insert into customers (customer_id) select 'C' || lpad(i::text, 8, '0') from generate_series(1, $CUSTOMERS) i;
create unlogged table gen_orders as
  select c.customer_key, c.customer_id, 'O' || c.customer_key || '-' || g as order_id,
         timestamptz '$AS_OF 00:00:00+00' - (floor(random() * 730) * interval '1 day') - (floor(random() * 86399) * interval '1 second') as at
  from customers c, lateral generate_series(1, floor(-ln(1 - random()) * 3.25 + 0 * c.customer_key)::int) g;
alter table gen_orders add column order_key bigserial;
-- the raw lines as an orders file has them (text ids, a time per line), for the hand-written statement
create unlogged table raw_lines as
  select o.order_key, l as line_no, o.order_id, o.customer_id, o.customer_key, o.at as ordered_at,
         round((random() * 130 - 8)::numeric, 2) as amount, 1 as quantity,
         (array['books','kids','home','fashion','beauty','sports','grocery','electronics'])[1 + floor(random() * 8)::int] as category
  from gen_orders o, lateral generate_series(1, 1 + floor(random() * 5 + 0 * o.customer_key)::int) l;
insert into order_lines (order_key, line_no, amount, quantity, category)
  select order_key, line_no, amount, quantity, category from raw_lines;
-- with each order's distinct categories (changeset 185) and their bits (its category mask, changeset 410), as an orders
-- import keeps them; the categories numbered in text order, as fill_order_category_masks() numbers them. Until session 38
-- the masks were left NULL (and no category had a bit): every order-line preview and tactical membership then read the
-- orders' heap for each order in the window instead of the index alone (order lines in champions 0.87-1.11 s median
-- here against <= 0.65 s on bases imported through HTTP; docs/benchmarks.md, session 38)
insert into order_category_bits (category, bit)
  select category, row_number() over (order by category) - 1 from (select distinct category from raw_lines where category <> '') c;
insert into orders (order_key, order_id, customer_key, ordered_at, total, line_count, categories, category_mask)
  select r.order_key, r.order_id, r.customer_key, min(r.ordered_at), sum(r.amount), count(*),
         coalesce(array_agg(distinct r.category) filter (where r.category <> ''), '{}'), coalesce(bit_or(1::bigint << b.bit), 0)
  from raw_lines r left join order_category_bits b on b.category = r.category group by r.order_key, r.order_id, r.customer_key;
select setval('order_key_blocks', (select max(order_key) from orders) + 1, false);
-- the per-customer purchase facts and their horizon, as an orders import keeps them (changeset 060)
\i bench/purchase-facts.sql
update customers set city = (array['Paris','Riga','Berlin','Warsaw','Madrid'])[1 + (customer_key % 5)],
  attributes = jsonb_build_object('device', (array['smart_tv','web','mobile','tablet'])[1 + (customer_key % 4)::int]);
insert into attribute_catalogue (name, field_type) values ('device', 'TEXT') on conflict do nothing;
-- events for the events-rule preview: an exponential number of email opens per customer over the year to the as-of day
insert into events (dedupe_key, customer_key, event_type, occurred_at)
  select 'id:E' || c.customer_key || '-' || g, c.customer_key, 'email_open',
         timestamptz '$AS_OF 00:00:00+00' - (floor(random() * 365) * interval '1 day')
  from customers c, lateral generate_series(1, floor(-ln(1 - random()) * 2 + 0 * c.customer_key)::int) g;
insert into event_property_catalogue (event_type, property) values ('email_open', '') on conflict do nothing;
drop table gen_orders;
vacuum analyze events;
vacuum analyze customers; vacuum analyze order_lines; vacuum analyze orders; vacuum analyze raw_lines; vacuum analyze customer_purchase_facts;
SQL
fi
LINES=$("${PSQL[@]}" -tAc "select count(*) from order_lines")
ORDERS=$("${PSQL[@]}" -tAc "select count(*) from orders")
CUSTOMERS=$("${PSQL[@]}" -tAc "select count(*) from customers")
echo "customers=$CUSTOMERS orders=$ORDERS lines=$LINES events=$("${PSQL[@]}" -tAc "select count(*) from events") facts=$("${PSQL[@]}" -tAc "select count(*) from customer_purchase_facts")"

settle
echo "hand-written statement over raw lines (text keys)..."
START=$(date +%s.%N)
# hand_rfm is read once, for the check below: without autovacuum, whose first visit (a minute after the start) otherwise
# vacuumed and analysed its million rows (2.7 s of a worker) during the runs measured after it (session 44)
"${PSQL[@]}" <<SQL
create unlogged table hand_rfm with (autovacuum_enabled = false) as
with line as (
  select l.order_id, l.customer_id, l.ordered_at, l.amount
  from raw_lines l
  where l.ordered_at < timestamptz '$AS_OF_NEXT 00:00:00+00'
), ord as (
  select order_id, customer_id, max(ordered_at) as at, sum(amount) as total from line group by order_id, customer_id
), cust as (
  select c.customer_id, count(o.order_id) filter (where o.total > 0) as frequency, coalesce(sum(o.total), 0) as monetary,
         date '$AS_OF' - (max(o.at) filter (where o.total > 0) at time zone 'UTC')::date as recency_days
  from customers c left join ord o on o.customer_id = c.customer_id group by c.customer_id
), scored as (
  select customer_id, frequency, monetary, recency_days,
         1 + 5 * (rank() over (order by recency_days desc) - 1) / count(*) over () as r,
         1 + 5 * (rank() over (order by frequency) - 1) / count(*) over () as f,
         1 + 5 * (rank() over (order by monetary) - 1) / count(*) over () as m
  from cust where frequency > 0
)
select c.customer_id, case
  when s.customer_id is null then 'prospects'
  when s.r <= 2 and s.f <= 2 then 'hibernating' when s.r <= 2 and s.f <= 4 then 'at_risk' when s.r <= 2 then 'cant_lose'
  when s.r = 3 and s.f <= 2 then 'about_to_sleep' when s.r = 3 and s.f = 3 then 'need_attention'
  when s.r <= 4 and s.f >= 4 then 'loyal_customers' when s.r = 4 and s.f = 1 then 'promising' when s.r = 5 and s.f = 1 then 'new_customers'
  when s.f <= 3 then 'potential_loyalists' else 'champions' end as segment, s.r, s.f, s.m
from customers c left join scored s using (customer_id);
SQL
HAND=$(echo "$(date +%s.%N) - $START" | bc)

AUTH=(-H "Authorization: Bearer $TOKEN" -H "Content-Type: application/json")
ID=$(curl -sf "${AUTH[@]}" -d "{\"name\":\"bench$SUFFIX\",\"template\":\"rfm-classic\"}" "localhost:$PORT/api/v1/segmentations" | grep -o '"id":[0-9]*' | head -1 | cut -d: -f2)
curl -sf "${AUTH[@]}" -X POST "localhost:$PORT/api/v1/segmentations/$ID/activate" >/dev/null
echo "rfm-classic run through the API..."
START=$(date +%s.%N)
RUN=$(curl -sf "${AUTH[@]}" -d "{\"asOf\":\"$AS_OF\"}" "localhost:$PORT/api/v1/segmentation-runs?wait=true")
STRATA=$(echo "$(date +%s.%N) - $START" | bc)
RUN_ID=$(echo "$RUN" | grep -o '"runId":[0-9]*' | cut -d: -f2)
DIFF=$("${PSQL[@]}" -tAc "select count(*) from hand_rfm h join customers c using (customer_id) join run_assignments a on a.customer_key = c.customer_key and a.run_id = $RUN_ID where h.segment <> a.segment_key" 2>/dev/null || echo "n/a")
HEAP=$(jcmd $APP GC.heap_info 2>/dev/null | grep -o 'used [0-9]*K' | head -1 || true)

# the same run again, warm like the run with tactical segments after it: the base of the tactical overhead
echo "rfm-classic run again (warm)..."
settle
START=$(date +%s.%N)
curl -sf "${AUTH[@]}" -d "{\"asOf\":\"$AS_OF\"}" "localhost:$PORT/api/v1/segmentation-runs?wait=true" >/dev/null
WARM=$(echo "$(date +%s.%N) - $START" | bc)
# and a third time: the warm run above starts after the first run's follow-ups (no earlier run, so no migration:
# 6-7 s at 1M), the run with tactical segments after the warm run's (a migration from the first run: 15-16 s), and in
# session 31 every step of a run was slower after the longer follow-ups, tactical segments or not; this run starts
# after the same follow-ups as the tactical one (issue 19 item 2; the overhead is printed against both)
echo "rfm-classic run a third time (after a warm run's follow-ups)..."
settle
START=$(date +%s.%N)
curl -sf "${AUTH[@]}" -d "{\"asOf\":\"$AS_OF\"}" "localhost:$PORT/api/v1/segmentation-runs?wait=true" >/dev/null
WARM2=$(echo "$(date +%s.%N) - $START" | bc)

# five tactical segments inside the largest RFM segments, then the same run again with them active
TACTICAL_RULES=(
  'count(orders where category = \"kids\" within 180 days) >= 1 and device = \"smart_tv\"'
  'city in (\"Paris\", \"Riga\") and monetary between 100 and 500'
  'not (device = \"web\") and frequency >= 3'
  'sum(orders.amount within 365 days) > 200'
  'recency_days <= 30 or city = \"Berlin\"')
PARENTS=(hibernating at_risk champions loyal_customers potential_loyalists)
for i in 0 1 2 3 4; do
  curl -sf "${AUTH[@]}" -d "{\"name\":\"t$i$SUFFIX\",\"parentSegment\":\"${PARENTS[$i]}\",\"rule\":\"${TACTICAL_RULES[$i]}\"}" \
    "localhost:$PORT/api/v1/tactical-segments" >/dev/null
done
echo "rfm-classic run with five active tactical segments..."
settle
START=$(date +%s.%N)
curl -sf "${AUTH[@]}" -d "{\"asOf\":\"$AS_OF\"}" "localhost:$PORT/api/v1/segmentation-runs?wait=true" >/dev/null
WITH_TACTICAL=$(echo "$(date +%s.%N) - $START" | bc)
# and again once its follow-ups have settled: the run above follows the five creations, whose counts at save read
# customers, orders and lines and push the purchase facts out of the server's 256 MB cache (docs/benchmarks.md,
# session 33); this one starts from the same state as the third run, so the two compare the tactical work alone
echo "rfm-classic run with five active tactical segments, again..."
settle
START=$(date +%s.%N)
curl -sf "${AUTH[@]}" -d "{\"asOf\":\"$AS_OF\"}" "localhost:$PORT/api/v1/segmentation-runs?wait=true" >/dev/null
WITH_TACTICAL2=$(echo "$(date +%s.%N) - $START" | bc)
echo "preview of an order-window aggregate with two attribute conditions..."
PREVIEW_BODY='{"parentSegment":"hibernating","rule":"count(orders where category = \"kids\" within 180 days) >= 1 and device = \"smart_tv\" and city = \"Paris\""}'
curl -sf "${AUTH[@]}" -d "$PREVIEW_BODY" "localhost:$PORT/api/v1/tactical-segments/preview" >/dev/null  # warm-up
PREVIEW=$(curl -sf -o /dev/null -w '%{time_total}' "${AUTH[@]}" -d "$PREVIEW_BODY" "localhost:$PORT/api/v1/tactical-segments/preview")

echo "previews in champions, every rule shape (seconds, HTTP round trip; load: $(uptime | sed 's/.*load/load/'))..."
bench/preview-timings.sh "http://localhost:$PORT" "$TOKEN" champions 5

# other templates, each a segmentation of its own activated in turn (issue 19 item 2 asks for them measured;
# subscription-lifecycle needs the custom attribute plan, which this data does not have);
# OTHER_TEMPLATES="" skips them
OTHER_TIMES=()
for template in ${OTHER_TEMPLATES-frequency-tiers}; do
  OTHER_ID=$(curl -sf "${AUTH[@]}" -d "{\"name\":\"bench-$template$SUFFIX\",\"template\":\"$template\"}" "localhost:$PORT/api/v1/segmentations" \
    | grep -o '"id":[0-9]*' | head -1 | cut -d: -f2 || true)
  [ -n "$OTHER_ID" ] && curl -sf "${AUTH[@]}" -X POST "localhost:$PORT/api/v1/segmentations/$OTHER_ID/activate" >/dev/null \
    || { echo "could not create and activate $template; skipped"; continue; }
  echo "$template run through the API..."
  settle
  START=$(date +%s.%N)
  curl -sf "${AUTH[@]}" -d "{\"asOf\":\"$AS_OF\"}" "localhost:$PORT/api/v1/segmentation-runs?wait=true" >/dev/null || echo "$template run failed"
  OTHER_TIMES+=("$template $(echo "$(date +%s.%N) - $START" | bc)")
done
# rfm-classic active again, as after the runs above
[ -n "${OTHER_ID:-}" ] && curl -sf "${AUTH[@]}" -X POST "localhost:$PORT/api/v1/segmentations/$ID/activate" >/dev/null || true


printf '\n%-44s %10s\n' "what" "seconds"
printf '%-44s %10.2f\n' "hand-written SQL over raw lines" "$HAND"
printf '%-44s %10.2f\n' "Strata rfm-classic run (API, wait=true)" "$STRATA"
printf 'ratio Strata / hand-written: %.2f\n' "$(echo "$STRATA / $HAND" | bc -l)"
printf '%-44s %10.2f\n' "the same run again (warm)" "$WARM"
printf '%-44s %10.2f\n' "run with five tactical segments" "$WITH_TACTICAL"
printf 'tactical overhead against the warm run: %.0f%%\n' "$(echo "($WITH_TACTICAL / $WARM - 1) * 100" | bc -l)"
printf '%-44s %10.2f\n' "the same run a third time (after follow-ups)" "$WARM2"
printf 'tactical overhead against the third run: %.0f%%\n' "$(echo "($WITH_TACTICAL / $WARM2 - 1) * 100" | bc -l)"
printf '%-44s %10.2f\n' "five tactical segments again (after follow-ups)" "$WITH_TACTICAL2"
printf 'tactical overhead of that run against the third run: %.0f%%\n' "$(echo "($WITH_TACTICAL2 / $WARM2 - 1) * 100" | bc -l)"
printf '%-44s %10.3f\n' "tactical preview (HTTP round trip)" "$PREVIEW"
for entry in "${OTHER_TIMES[@]}"; do
  printf '%-44s %10.2f  (ratio to hand-written: %.2f)\n' "${entry% *} run (API, wait=true)" "${entry##* }" "$(echo "${entry##* } / $HAND" | bc -l)"
done
echo "status: $(echo "$RUN" | grep -o '"status":"[A-Z]*"' | head -1), customers whose segment differs from the hand-written statement: $DIFF"
echo "heap after the run: ${HEAP:-unknown}"
echo "the application's own account of each run (assignment, then the tactical segments' follow-up):"
grep -o 'run [0-9]*: .*follow-ups.*ms' "$LOG" || true
echo "the assignment's steps (statement, indexes, attach, statistics, summary):"
grep -o 'run [0-9]*: assignment steps.*' "$LOG" || true
echo "the tactical memberships' steps (statement, indexes, attach, sizes):"
grep -o 'run [0-9]*: tactical memberships steps.*' "$LOG" || true
grep -o 'run [0-9]*: migrations.*' "$LOG" || true

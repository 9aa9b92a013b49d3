#!/usr/bin/env bash
# A database for bench/console-timings.sh at scale (issue 18): 1,000,000 customers (70 % with an email and consent),
# about 2.8M orders generated inside PostgreSQL, two rfm-classic runs, and a campaign on at_risk launched between
# them whose audience has real conversions (orders after the launch) and moved-up members (the second run).
#   bench/console-scale-data.sh DATA_DIR          (needs the jar: ./mvnw -q -DskipTests package; psql on PATH)
#   then: STRATA_DATA_DIR=DATA_DIR/db SERVER_PORT=18571 java -Xmx512m -jar DATA_DIR/strata.jar &
#         bench/console-timings.sh http://localhost:18571 bench-admin-password admin 20
set -euo pipefail
cd "$(dirname "$0")/.."
DATA=${1:?data directory}
CUSTOMERS=${CUSTOMERS:-1000000}
PORT=${PORT:-18571}
AS_OF=$(date -u -d yesterday +%F)
TOKEN=bench-token
mkdir -p "$DATA"
cp "${JAR:-bootstrap/target/strata.jar}" "$DATA/strata.jar"
STRATA_DATA_DIR="$DATA/db" STRATA_API_TOKEN=$TOKEN STRATA_ADMIN_PASSWORD=bench-admin-password SERVER_PORT=$PORT \
  STRATA_PREDICTIONS_ENABLED=${STRATA_PREDICTIONS_ENABLED:-false} java -Xmx512m -jar "$DATA/strata.jar" >"$DATA/app.log" 2>&1 &
APP=$!
trap 'kill $APP 2>/dev/null; wait $APP 2>/dev/null || true' EXIT
until curl -sf "localhost:$PORT/actuator/health" | grep -q UP; do sleep 1; done
PG_PORT=$(grep -o 'Embedded PostgreSQL started on port [0-9]*' "$DATA/app.log" | grep -o '[0-9]*$')
# the embedded database asks for its superuser's password, kept in the data directory (docs/security.md)
[ -f "$DATA/db/pg-superuser-password" ] && export PGPASSWORD=$(cat "$DATA/db/pg-superuser-password")
PSQL=(psql -X -q -v ON_ERROR_STOP=1 -h localhost -p "$PG_PORT" -U postgres -d postgres)
AUTH=(-H "Authorization: Bearer $TOKEN" -H "Content-Type: application/json")
now() { date +%s.%N; }
since() { echo "$(now) - $1" | bc; }

echo "generating $CUSTOMERS customers and their orders inside PostgreSQL..."
START=$(now)
"${PSQL[@]}" <<SQL
insert into customers (customer_id, email, email_opt_in)
  select 'C' || lpad(i::text, 8, '0'), case when i % 10 < 7 then 'c' || i || '@example.com' end, i % 10 < 7
  from generate_series(1, $CUSTOMERS) i;
create unlogged table gen_orders as
  select c.customer_key, 'O' || c.customer_key || '-' || g as order_id,
         timestamptz '$AS_OF 00:00:00+00' - (floor(random() * 730) * interval '1 day') - (floor(random() * 86399) * interval '1 second') as at
  from customers c, lateral generate_series(1, floor(-ln(1 - random()) * 3.25 + 0 * c.customer_key)::int) g;
alter table gen_orders add column order_key bigserial;
create unlogged table gen_lines as
  select o.order_key, l as line_no, round((random() * 130 - 8)::numeric, 2) as amount,
         (array['books','kids','home','fashion','beauty','sports','grocery','electronics'])[1 + floor(random() * 8)::int] as category
  from gen_orders o, lateral generate_series(1, 1 + floor(random() * 5 + 0 * o.order_key)::int) l;
insert into order_lines (order_key, line_no, amount, quantity, category) select order_key, line_no, amount, 1, category from gen_lines;
insert into orders (order_key, order_id, customer_key, ordered_at, total, line_count, categories)
  select o.order_key, o.order_id, o.customer_key, o.at, sum(l.amount), count(*), array_agg(distinct l.category)
  from gen_orders o join gen_lines l using (order_key) group by o.order_key, o.order_id, o.customer_key, o.at;
select setval('order_key_blocks', (select max(order_key) from orders) + 1, false);
\i bench/purchase-facts.sql
drop table gen_orders; drop table gen_lines;
vacuum analyze customers; vacuum analyze order_lines; vacuum analyze orders; vacuum analyze customer_purchase_facts;
SQL
echo "generated in $(since "$START") s: $("${PSQL[@]}" -tAc "select count(*) from customers") customers, $("${PSQL[@]}" -tAc "select count(*) from orders") orders"

ID=$(curl -sf "${AUTH[@]}" -d '{"name":"bench","template":"rfm-classic"}' "localhost:$PORT/api/v1/segmentations" | grep -o '"id":[0-9]*' | head -1 | cut -d: -f2)
curl -sf "${AUTH[@]}" -X POST "localhost:$PORT/api/v1/segmentations/$ID/activate" >/dev/null
START=$(now)
curl -sf "${AUTH[@]}" -d "{\"asOf\":\"$AS_OF\"}" "localhost:$PORT/api/v1/segmentation-runs?wait=true" | head -c 200; echo
echo "first run answered in $(since "$START") s"

CAMPAIGN=$(curl -sf "${AUTH[@]}" -d '{"name":"Win back at risk","targetSegment":"at_risk","actions":[{"channel":"email","content":"template:winback-1"},{"channel":"offer","discountPercent":15,"content":"WINBACK15"}],"controlGroupPercent":20,"attributionWindowDays":30}' \
  "localhost:$PORT/api/v1/campaigns" | grep -o '"id":[0-9]*' | head -1 | cut -d: -f2)
curl -sf "${AUTH[@]}" -d '{}' "localhost:$PORT/api/v1/campaigns/$CAMPAIGN/schedule" >/dev/null
START=$(now)
curl -sS "${AUTH[@]}" -d '{}' "localhost:$PORT/api/v1/campaigns/$CAMPAIGN/launch" | head -c 400; echo
echo "launch answered in $(since "$START") s"

# conversions after the launch: an order for about one audience member in six, within the next minute
"${PSQL[@]}" <<SQL
insert into orders (order_key, order_id, customer_key, ordered_at, total, line_count, categories)
  select nextval('order_key_blocks'), 'after-launch-' || g.customer_key, g.customer_key, now() + interval '1 second', 20 + (g.customer_key % 80), 1, '{books}'
  from campaign_audience g where g.campaign_id = $CAMPAIGN and g.customer_key % 6 = 0;
SQL
sleep 2
START=$(now)
curl -sf "${AUTH[@]}" -d '{}' "localhost:$PORT/api/v1/segmentation-runs?wait=true" | head -c 200; echo
echo "second run answered in $(since "$START") s"
echo "campaign $CAMPAIGN; results: $(curl -sf "${AUTH[@]}" "localhost:$PORT/api/v1/campaigns/$CAMPAIGN/results" | head -c 600)"
grep -o 'run [0-9]*: .*ms' "$DATA/app.log" || true

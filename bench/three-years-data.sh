#!/usr/bin/env bash
# Three years of history (session 51) on top of the demo data: the rows a base that ran by itself for three years
# holds, written by SQL into the running application's embedded PostgreSQL, oldest first (ids grow with time as they
# would), then one real run through the API so the latest run is a real one.
#
#   STRATA_DATA_DIR=DATA/db SERVER_PORT=18720 STRATA_API_TOKEN=bench-token STRATA_ADMIN_PASSWORD=... \
#     java -Xmx512m -jar bootstrap/target/strata.jar --demo > DATA/app.log 2>&1 &
#   bench/three-years-data.sh DATA/app.log http://localhost:18720 bench-token
#
# The numbers (1,095 days; override any of them by the environment variable of its name):
#   RUNS=3000          a daily scheduled run plus about 1.7 runs a day by hand or after imports; 5 % failed
#   CAMPAIGNS=30000    about 27 a day: a team plans per segment, channel and variant (A/B); 85 % completed,
#                      8 % cancelled, the rest drafts and scheduled. Always-on campaigns do not add campaign rows:
#                      each keeps one RUNNING row and adds a cohort row per completed run (ALWAYS_ON=20 of them,
#                      ~20,000 cohorts)
#   IMPORTS=50000      about 45 a day: customers, orders and events pushed hourly by two systems; 3 % rejected
#                      with errors
#   TACTICAL=5000      tactical segment versions: 100 segments edited about 50 times each (each edit a new version,
#                      the old one archived; from session 52 each later version names its segment's first, original_id)
#   AUDIT=1000000      about 900 entries a day: every import, run, campaign change, edit and login leaves one
#   DELIVERIES=1000000 about 33 per launched campaign in the 3,000-customer demo base (a campaign reaches its
#                      treated members once)
#   TOKENS=300 USERS=60 API tokens rotated every few days over three years; console users who came and went
set -euo pipefail
LOG=${1:?the application log (to find the embedded PostgreSQL port)}
BASE=${2:?base URL, e.g. http://localhost:18720}
TOKEN=${3:?an API token with full rights}
RUNS=${RUNS:-3000} CAMPAIGNS=${CAMPAIGNS:-30000} IMPORTS=${IMPORTS:-50000} TACTICAL=${TACTICAL:-5000}
AUDIT=${AUDIT:-1000000} DELIVERIES=${DELIVERIES:-1000000} TOKENS=${TOKENS:-300} USERS=${USERS:-60} ALWAYS_ON=${ALWAYS_ON:-20}
PG_PORT=$(grep -o 'Embedded PostgreSQL started on port [0-9]*' "$LOG" | tail -1 | grep -o '[0-9]*$')
# the embedded database asks for its superuser's password, kept in the data directory (DATA/db above; docs/security.md)
[ -f "$(dirname "$LOG")/db/pg-superuser-password" ] && export PGPASSWORD=$(cat "$(dirname "$LOG")/db/pg-superuser-password")
PSQL=(psql -X -q -v ON_ERROR_STOP=1 -h localhost -p "$PG_PORT" -U postgres -d postgres)
now() { date +%s.%N; }
START=$(now)

"${PSQL[@]}" -v runs="$RUNS" -v campaigns="$CAMPAIGNS" -v imports="$IMPORTS" -v tactical="$TACTICAL" -v audit="$AUDIT" \
  -v deliveries="$DELIVERIES" -v tokens="$TOKENS" -v users="$USERS" -v always_on="$ALWAYS_ON" <<'SQL'
-- the demo's active segmentation and its segments, from its first run
create temporary table gen_segments as
  select segment_key, name, rank, customers, revenue, orders, row_number() over (order by rank) as n
  from run_segments where run_id = (select min(run_id) from segmentation_runs where status = 'COMPLETED');
create temporary table gen_seg as select (select segmentation_id from segmentations where status = 'ACTIVE') as id,
  (select count(*) from gen_segments) as segments, now() - interval '1095 days' as began;

-- runs: oldest first, evenly over the three years
insert into segmentation_runs (segmentation_id, as_of, status, started_at, finished_at, customers, error, followed_up_at)
select s.id, (s.began + (i - 1) * interval '1095 days' / :runs)::date,
       case when i % 20 = 7 then 'FAILED' else 'COMPLETED' end,
       s.began + (i - 1) * interval '1095 days' / :runs,
       s.began + (i - 1) * interval '1095 days' / :runs + interval '40 seconds',
       case when i % 20 = 7 then null else 3000 end,
       case when i % 20 = 7 then 'the database went away during the run (generated history)' end,
       s.began + (i - 1) * interval '1095 days' / :runs + interval '41 seconds'
from gen_seg s, generate_series(1, :runs) i order by i;
create temporary table gen_runs as
  select run_id, started_at, row_number() over (order by run_id) as n from segmentation_runs
  where status = 'COMPLETED' and error is null and run_id > (select min(run_id) from segmentation_runs) ;
insert into run_segments (run_id, segment_key, name, rank, customers, revenue, orders)
select r.run_id, g.segment_key, g.name, g.rank, g.customers, g.revenue, g.orders from gen_runs r, gen_segments g;
create temporary table gen_run_count as select count(*) as n from gen_runs;

-- tactical segment versions: 100 segments, each version archiving the one before; the newest of each active
insert into tactical_segments (name, parent_segment, rule, hypothesis, status, created_at)
select 'Tactical ' || (i % 100) || ' v' || (i / 100 + 1), g.segment_key,
       'frequency >= ' || (1 + i % 5) || ' and monetary between ' || (i % 50) || ' and ' || (500 + i % 500),
       'generated version ' || i, case when i > :tactical - 100 then 'ACTIVE' else 'ARCHIVED' end,
       s.began + (i - 1) * interval '1095 days' / :tactical
from gen_seg s, generate_series(1, :tactical) i join gen_segments g on g.n = 2 + i % 10 order by i;
create temporary table gen_tactical as select tactical_id, parent_segment, row_number() over (order by tactical_id) as n
  from tactical_segments where hypothesis like 'generated version %';
-- each later version names its segment's first (changeset 540, session 52; a base from before it has no such column)
do $$ begin
  if exists (select 1 from information_schema.columns where table_name = 'tactical_segments' and column_name = 'original_id') then
    execute 'update tactical_segments t set original_id = f.tactical_id from gen_tactical g join gen_tactical f on f.n = (g.n - 1) % 100 + 1
             where t.tactical_id = g.tactical_id and g.n > 100';
  end if;
end $$;

-- campaigns: states by age; launched ones frozen on the run of their day, measured at completion
insert into campaigns (name, objective, target_segment, tactical_segment_id, control_percent, attribution_days, start_at,
                       state, created_at, scheduled_at, launched_at, run_id, audience_members, excluded_for_consent,
                       treatment, control, completed_at, cancelled_at, cancelled_from, cancel_reason, capped)
select 'Campaign ' || i || ' for ' || g.segment_key, 'generated history', g.segment_key,
       case when i % 33 = 0 then t.tactical_id end, 10, 30, null,
       st.state, c.at,
       case when st.state in ('SCHEDULED', 'COMPLETED') or st.from_state = 'SCHEDULED' then c.at + interval '1 hour' end,
       case when st.state = 'COMPLETED' then c.at + interval '2 hours' end,
       case when st.state = 'COMPLETED' then r.run_id end,
       case when st.state = 'COMPLETED' then g.customers end,
       case when st.state = 'COMPLETED' then g.customers / 10 end,
       case when st.state = 'COMPLETED' then g.customers - g.customers / 10 - g.customers / 10 end,
       case when st.state = 'COMPLETED' then g.customers / 10 end,
       case when st.state = 'COMPLETED' then c.at + interval '32 days' end,
       case when st.state = 'CANCELLED' then c.at + interval '3 hours' end,
       st.from_state, case when st.state = 'CANCELLED' then 'generated: plan changed' end,
       case when st.state = 'COMPLETED' then 0 end
from gen_seg s cross join generate_series(1, :campaigns) i
  cross join lateral (select s.began + (i - 1) * interval '1095 days' / :campaigns as at) c
  cross join lateral (select case when i > :campaigns - 150 then (case when i % 2 = 0 then 'DRAFT' else 'SCHEDULED' end)
                                  when i % 12 = 5 then 'CANCELLED' else 'COMPLETED' end as state,
                             case when i <= :campaigns - 150 and i % 12 = 5 then (case when i % 24 = 5 then 'DRAFT' else 'SCHEDULED' end) end
                               as from_state) st
  join gen_segments g on g.n = 2 + i % (s.segments - 1)
  left join gen_tactical t on t.n = 1 + i % :tactical
  left join gen_runs r on r.n = 1 + ((i - 1)::bigint * (select n from gen_run_count) / :campaigns)
order by i;
create temporary table gen_campaigns as select campaign_id, state, completed_at, run_id, treatment, control,
  row_number() over (order by campaign_id) as n from campaigns where objective = 'generated history';
insert into campaign_actions (campaign_id, position, tactical_segment_id, channel, content, discount_percent)
select campaign_id, 0, null, (array['EMAIL', 'SMS', 'PUSH'])[1 + n % 3], 'template:generated-' || n % 40, null from gen_campaigns;
insert into campaign_actions (campaign_id, position, tactical_segment_id, channel, content, discount_percent)
select campaign_id, 1, null, 'OFFER', 'GEN' || n % 40, 10 from gen_campaigns where n % 3 = 0;
insert into campaign_measurements (campaign_id, measured_at, later_run_id)
select c.campaign_id, c.completed_at, (select min(run_id) from gen_runs r where r.run_id > c.run_id)
from gen_campaigns c where c.state = 'COMPLETED';
insert into campaign_measured_groups (campaign_id, tactical_segment_id, audience_group, customers, converters, revenue, moved_up)
select campaign_id, null, grp, n_, n_ / 7, n_ * 11.5, n_ / 20
from gen_campaigns c, lateral (values ('TREATMENT', c.treatment), ('CONTROL', c.control)) v(grp, n_) where c.state = 'COMPLETED';
insert into campaign_measured_spreads (campaign_id, audience_group, customers, revenue, revenue_squares)
select campaign_id, grp, n_, n_ * 11.5, n_ * 400 from gen_campaigns c,
  lateral (values ('TREATMENT', c.treatment), ('CONTROL', c.control)) v(grp, n_) where c.state = 'COMPLETED';

-- always-on campaigns: one RUNNING row each, a cohort per completed run since it started
insert into campaigns (name, objective, target_segment, control_percent, attribution_days, state, created_at, scheduled_at,
                       launched_at, run_id, audience_members, excluded_for_consent, treatment, control, capped)
select 'Always-on ' || i, 'generated always-on', g.segment_key, 10, 30, 'RUNNING', r.started_at, r.started_at, r.started_at,
       r.run_id, 0, 0, 0, 0, 0
from generate_series(1, :always_on) i join gen_segments g on g.n = 2 + i % 10 join gen_runs r on r.n = i order by i;
insert into campaign_actions (campaign_id, position, tactical_segment_id, channel, content, discount_percent)
select campaign_id, 0, null, 'EMAIL', 'template:always-on', null from campaigns where objective = 'generated always-on';
insert into always_on_campaigns (campaign_id, state, baseline_run_id, started_at, changed_at)
select campaign_id, 'ACTIVE', run_id, launched_at, launched_at from campaigns where objective = 'generated always-on';
insert into always_on_cohorts (campaign_id, run_id, previous_run_id, as_of, formed_at, entered, excluded_for_consent, treatment, control)
select a.campaign_id, r.run_id, p.run_id, r.started_at::date, r.started_at + interval '41 seconds', 12, 1, 10, 1
from always_on_campaigns a join campaigns k using (campaign_id) join gen_runs r on r.run_id > a.baseline_run_id
  join gen_runs p on p.n = r.n - 1
where k.objective = 'generated always-on';

-- deliveries of launched campaigns, to the demo's customers
insert into campaign_deliveries (campaign_id, customer_key, customer_id, email, channel, content, status, attempts, sent_at, created_at)
select c.campaign_id, k.customer_key, k.customer_id, k.email, 'EMAIL', 'template:generated', 'SENT', 1,
       c.completed_at - interval '30 days', c.completed_at - interval '30 days'
from (select campaign_id, completed_at, row_number() over (order by campaign_id) as m from gen_campaigns where state = 'COMPLETED') c
  cross join lateral (select customer_key, customer_id, email from customers
                      where customer_key % 97 = c.m % 97 order by customer_key
                      limit greatest(1, :deliveries / (select count(*) from gen_campaigns where state = 'COMPLETED'))) k;

-- imports: 45 a day, 3 % rejected with errors
insert into imports (import_id, entity, mode, status, requested_by, started_at, finished_at, rows_received, rows_imported,
                     rows_rejected, created, updated, errors, message)
select gen_random_uuid(), (array['customers', 'orders', 'events'])[1 + i % 3], case when i % 5 = 0 then 'lenient' else 'strict' end,
       case when i % 33 = 0 then 'REJECTED' else 'COMPLETED' end, 'token:pipeline-' || i % 2,
       s.began + (i - 1) * interval '1095 days' / :imports, s.began + (i - 1) * interval '1095 days' / :imports + interval '8 seconds',
       200 + i % 300, case when i % 33 = 0 then 0 else 200 + i % 300 end, case when i % 33 = 0 then 1 else 0 end,
       case when i % 33 = 0 then 0 else i % 20 end, case when i % 33 = 0 then 0 else 180 + i % 280 end,
       case when i % 33 = 0 then jsonb_build_array(jsonb_build_object('line', 17, 'column', 'amount', 'value', 'ten',
                                    'message', 'amount must be a decimal number, e.g. 19.90', 'valueLength', 3))
            else '[]'::jsonb end, null
from gen_seg s, generate_series(1, :imports) i order by i;

-- tokens and users who came and went
insert into api_tokens (name, token_hash, role, created_at, expires_at, revoked_at)
select 'pipeline-' || i, md5('generated-token-' || i), case when i % 4 = 0 then 'ANALYST' else 'ADMIN' end,
       s.began + (i - 1) * interval '1095 days' / :tokens, null,
       case when i < :tokens - 3 then s.began + i * interval '1095 days' / :tokens end
from gen_seg s, generate_series(1, :tokens) i order by i;
insert into console_users (username, password_hash, role, enabled, created_at)
select 'planner' || i, '{noop}generated-not-a-login', case when i % 3 = 0 then 'ANALYST' else 'PLANNER' end, i > :users / 2,
       s.began + (i - 1) * interval '1095 days' / :users
from gen_seg s, generate_series(1, :users) i order by i;

-- the audit trail: its actions in the proportions of the history above
insert into audit_events (occurred_at, actor, action, subject_type, subject_id, before, after, detail)
select s.began + (i - 1) * interval '1095 days' / :audit,
       (array['token:pipeline-0', 'token:pipeline-1', 'system', 'planner1', 'planner2', 'admin'])[1 + i % 6],
       a.action, a.subject_type, (i % 50000)::text, null, null, 'generated history entry ' || i
from gen_seg s, generate_series(1, :audit) i
  cross join lateral (select (array['IMPORTED', 'RAN', 'CREATED', 'CHANGED', 'LAUNCHED', 'ARCHIVED', 'DISABLED', 'CANCELLED'])[1 + i % 8] as action,
                             (array['import', 'segmentation_run', 'campaign', 'tactical_segment', 'campaign', 'campaign', 'console_user', 'campaign'])[1 + i % 8] as subject_type) a
order by i;

analyze;
SQL
echo "generated in $(echo "$(now) - $START" | bc) s"
"${PSQL[@]}" -c "select 'campaigns' as rows_in, count(*) from campaigns union all select 'campaign_actions', count(*) from campaign_actions
  union all select 'always_on_cohorts', count(*) from always_on_cohorts union all select 'segmentation_runs', count(*) from segmentation_runs
  union all select 'imports', count(*) from imports union all select 'tactical_segments', count(*) from tactical_segments
  union all select 'audit_events', count(*) from audit_events union all select 'campaign_deliveries', count(*) from campaign_deliveries
  union all select 'api_tokens', count(*) from api_tokens union all select 'console_users', count(*) from console_users"

# the latest run a real one, and its follow-up (which measures every launched campaign with a new later run)
START=$(now)
curl -sf -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' -d '{}' "$BASE/api/v1/segmentation-runs?wait=true" \
  | grep -o '"runId":[0-9]*'
echo "real run answered in $(echo "$(now) - $START" | bc) s; waiting for its follow-up..."
until [ "$("${PSQL[@]}" -tAc "select count(*) from segmentation_runs where run_id = (select max(run_id) from segmentation_runs) and followed_up_at is not null")" = 1 ]; do
  sleep 5
done
echo "followed up $(echo "$(now) - $START" | bc) s after the request"

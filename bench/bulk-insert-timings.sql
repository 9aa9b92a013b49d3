-- The hand timings behind "Where the time goes" in docs/benchmarks.md: inserting orders and customers through live
-- indexes against building the indexes afterwards, and the purchase facts of all buyers by the planner's plan and by
-- the plan PurchaseFacts fixes.
-- Run on a database the import benchmark filled (it prints where it kept it), with the application started on it:
--   STRATA_DATA_DIR=<kept dir> SERVER_PORT=18383 java -Xmx512m -jar bootstrap/target/strata.jar &
--   psql -h localhost -p <embedded PostgreSQL port from its log> -U postgres -f bench/bulk-insert-timings.sql
-- Every table it makes is dropped or rolled back; nothing of Strata's own is changed.
\timing on
set work_mem = '256MB';

-- what stage_orders holds at merge time, as a plain table
create temp table so as select o.order_key, o.order_id, c.customer_id, o.ordered_at, o.total, o.line_count
  from orders o join customers c using (customer_key) order by o.order_key;
analyze so;

\echo 'orders through their three indexes'
begin;
create table timing_orders (like orders including all);
insert into timing_orders (order_key, order_id, customer_key, ordered_at, total, line_count)
  select s.order_key, s.order_id, c.customer_key, s.ordered_at, s.total, s.line_count
  from so s join customers c using (customer_id) order by s.order_key;
rollback;

\echo 'orders with only the primary key, then the other two indexes built'
begin;
create table timing_orders (like orders);
alter table timing_orders add primary key (order_key);
insert into timing_orders (order_key, order_id, customer_key, ordered_at, total, line_count)
  select s.order_key, s.order_id, c.customer_key, s.ordered_at, s.total, s.line_count
  from so s join customers c using (customer_id) order by s.order_key;
create unique index on timing_orders (order_id);
create index on timing_orders (customer_key, ordered_at) include (total);
analyze timing_orders;

\echo 'purchase facts of every buyer from the just-written orders: the planner''s choice, then the fixed plan'
create table timing_facts (like customer_purchase_facts including all);
insert into timing_facts select o.customer_key, count(*) filter (where o.total > 0), sum(o.total),
  min(o.ordered_at) filter (where o.total > 0), max(o.ordered_at) filter (where o.total > 0)
  from timing_orders o group by o.customer_key order by o.customer_key;
delete from timing_facts;
set local enable_hashagg = off; set local enable_indexscan = off; set local enable_indexonlyscan = off; set local enable_bitmapscan = off;
insert into timing_facts select o.customer_key, count(*) filter (where o.total > 0), sum(o.total),
  min(o.ordered_at) filter (where o.total > 0), max(o.ordered_at) filter (where o.total > 0)
  from timing_orders o group by o.customer_key order by o.customer_key;
rollback;

-- what stage_customers holds, as a plain table
create temp table sc as select customer_id, email, phone, first_name, last_name, birth_date, gender, city, region, country,
  signup_date, email_opt_in, sms_opt_in, push_opt_in, attributes from customers;

\echo 'customers through their three indexes'
begin;
create table timing_customers (like customers including all);
insert into timing_customers (customer_id, email, phone, first_name, last_name, birth_date, gender, city, region, country,
  signup_date, email_opt_in, sms_opt_in, push_opt_in, attributes) select * from sc;
rollback;

\echo 'customers with only the primary key, then the other two indexes built'
begin;
create table timing_customers (like customers including defaults including constraints);
alter table timing_customers add primary key (customer_key);
insert into timing_customers (customer_id, email, phone, first_name, last_name, birth_date, gender, city, region, country,
  signup_date, email_opt_in, sms_opt_in, push_opt_in, attributes) select * from sc;
alter table timing_customers add unique (customer_id);
create index on timing_customers (lower(email));
rollback;

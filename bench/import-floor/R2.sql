-- R2: as Strata's merge of a re-import replacing every order (OrderMerge, replacedAll), the JVM's keys and digests
-- given: the stage (orders with customer ids) in a temporary table; the replaced orders found and deleted by one
-- join on order_id, their lines by their keys; the facts deleted; the new lines by COPY; orders and facts from the stage
begin;
set local maintenance_work_mem = '1GB';
set local work_mem = '256MB';
\i stage-temp.sql
\echo step delete_replaced_orders
create temp table replaced_orders (order_key bigint, customer_key bigint) on commit drop;
with gone as (delete from orders o using stage s where o.order_id = s.order_id returning o.order_key, o.customer_key)
insert into replaced_orders select order_key, customer_key from gone;
analyze replaced_orders;
\echo step delete_replaced_lines
delete from order_lines l using replaced_orders r where l.order_key = r.order_key;
\echo step delete_facts
delete from customer_purchase_facts;
\i drop-indexes.sql
\echo step lines_copy
\copy order_lines (order_key, line_no, amount, quantity, category, sku, channel) from '@K@/lines@N@.copy'
\i build-lines-index.sql
\i orders-from-stage.sql
\i build-orders-indexes.sql
\i build-facts-index.sql
\i analyse.sql
\echo step commit
commit;
\i vacuum.sql

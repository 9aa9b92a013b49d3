-- F6, second connection, its own transaction: the orders (keys given), their indexes, the facts (given), statistics
begin;
set local maintenance_work_mem = '1GB';
alter table orders drop constraint orders_pkey;
alter table orders drop constraint orders_order_id_uk;
drop index orders_customer_idx;
alter table customer_purchase_facts drop constraint customer_purchase_facts_pkey;
\echo step B_orders_copy
\copy orders (order_key, order_id, customer_key, ordered_at, total, line_count, categories, line_digest, category_mask) from '@K@/orders@N@.copy'
\echo step B_facts_copy
\copy customer_purchase_facts (customer_key, frequency, monetary, first_bought_at, last_bought_at, purchase_days, repeat_total) from '@K@/facts@N@.copy'
\i build-orders-indexes.sql
\i build-facts-index.sql
\echo step B_analyse
analyze orders;
analyze customer_purchase_facts;
\echo step B_commit
commit;

-- F8: F5 (truncate, COPY FREEZE, indexes after) with the three files in COPY's binary format
begin;
set local maintenance_work_mem = '1GB';
truncate order_lines, orders, customer_purchase_facts;
\i drop-indexes.sql
\echo step lines_copy
\copy order_lines (order_key, line_no, amount, quantity, category, sku, channel) from '@K@/lines@N@.bin' with (format binary, freeze)
\echo step orders_copy
\copy orders (order_key, order_id, customer_key, ordered_at, total, line_count, categories, line_digest, category_mask) from '@K@/orders@N@.bin' with (format binary, freeze)
\i build-lines-index.sql
\echo step facts_copy
\copy customer_purchase_facts (customer_key, frequency, monetary, first_bought_at, last_bought_at, purchase_days, repeat_total) from '@K@/facts@N@.bin' with (format binary, freeze)
\i build-orders-indexes.sql
\i build-facts-index.sql
\i analyse.sql
\echo step commit
commit;

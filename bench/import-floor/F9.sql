-- F9: F5 (truncate, COPY FREEZE, indexes after) with the orders' columns of the first data model only (no
-- categories, line_digest, category_mask: NULL), to price what the later columns add
begin;
set local maintenance_work_mem = '1GB';
truncate order_lines, orders, customer_purchase_facts;
\i drop-indexes.sql
\echo step lines_copy
\copy order_lines (order_key, line_no, amount, quantity, category, sku, channel) from '@K@/lines@N@.copy' with (freeze)
\echo step orders_copy
\copy orders (order_key, order_id, customer_key, ordered_at, total, line_count) from '@K@/orders@N@-min.copy' with (freeze)
\i build-lines-index.sql
\i copy-facts.sql
\i build-orders-indexes.sql
\i build-facts-index.sql
\i analyse.sql
\echo step commit
commit;

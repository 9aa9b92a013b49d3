-- before a re-import: the first file's orders, lines and facts stored (as Strata left them: analysed, vacuumed)
begin;
set local maintenance_work_mem = '1GB';
truncate order_lines, orders, customer_purchase_facts;
\i drop-indexes.sql
\copy order_lines (order_key, line_no, amount, quantity, category, sku, channel) from '@K@/lines1.copy' with (freeze)
\copy orders (order_key, order_id, customer_key, ordered_at, total, line_count, categories, line_digest, category_mask) from '@K@/orders1.copy' with (freeze)
\copy customer_purchase_facts (customer_key, frequency, monetary, first_bought_at, last_bought_at, purchase_days, repeat_total) from '@K@/facts1.copy' with (freeze)
\i build-lines-index.sql
\i build-orders-indexes.sql
\i build-facts-index.sql
commit;
vacuum analyze order_lines;
vacuum analyze orders;
vacuum analyze customer_purchase_facts;

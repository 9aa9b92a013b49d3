-- R4: R1 (every row deleted, MVCC-safe; the new rows and facts given) with the rows in COPY's binary format
begin;
set local maintenance_work_mem = '1GB';
\echo step delete_all
delete from order_lines;
delete from orders;
delete from customer_purchase_facts;
\i drop-indexes.sql
\i copy-binary.sql
\i build-lines-index.sql
\echo step facts_copy
\copy customer_purchase_facts (customer_key, frequency, monetary, first_bought_at, last_bought_at, purchase_days, repeat_total) from '@K@/facts@N@.bin' with (format binary)
\i build-orders-indexes.sql
\i build-facts-index.sql
\i analyse.sql
\echo step commit
commit;
\i vacuum.sql

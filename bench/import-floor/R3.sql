-- R3: the re-import as TRUNCATE and COPY FREEZE of the new rows (given): the least the server can do, but NOT
-- MVCC-safe (a snapshot older than the commit sees the old orders gone and the new ones frozen) and valid only when
-- the file replaces every stored order, which an import knows only after comparing
begin;
set local maintenance_work_mem = '1GB';
truncate order_lines, orders, customer_purchase_facts;
\i drop-indexes.sql
\i copy-keyed.sql
\i build-lines-index.sql
\i copy-facts.sql
\i build-orders-indexes.sql
\i build-facts-index.sql
\i analyse.sql
\echo step commit
commit;

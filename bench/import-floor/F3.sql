-- F3: F2 with the facts aggregated from the orders in SQL (no per-customer state in the JVM)
begin;
set local maintenance_work_mem = '1GB';
set local work_mem = '256MB';
\i drop-indexes.sql
\i copy-keyed.sql
\i build-lines-index.sql
\i facts-from-orders.sql
\i build-orders-indexes.sql
\i build-facts-index.sql
\i analyse.sql
\echo step commit
commit;
\i vacuum.sql

-- F2: F1 with the five indexes dropped and built again after the rows (BulkLoadIndexes)
begin;
set local maintenance_work_mem = '1GB';
\i drop-indexes.sql
\i copy-keyed.sql
\i build-lines-index.sql
\i copy-facts.sql
\i build-orders-indexes.sql
\i build-facts-index.sql
\i analyse.sql
\echo step commit
commit;
\i vacuum.sql

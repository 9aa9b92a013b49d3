-- F10: every rule kept, only the JVM's own work taken as free: F3 (no truncate, no freeze: MVCC-safe; the facts
-- aggregated in SQL, no per-customer state in the JVM; indexes built after the rows; statistics; vacuum) with the
-- lines and orders sent in COPY's binary format. The customer keys are still given (resolving them costs more)
begin;
set local maintenance_work_mem = '1GB';
set local work_mem = '256MB';
\i drop-indexes.sql
\i copy-binary.sql
\i build-lines-index.sql
\i facts-from-orders.sql
\i build-orders-indexes.sql
\i build-facts-index.sql
\i analyse.sql
\echo step commit
commit;
\i vacuum.sql

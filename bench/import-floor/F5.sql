-- F5: F2 with the tables truncated in the transaction and COPY FREEZE (rows written frozen and all-visible: no
-- vacuum needed after). Valid only because the tables are empty; TRUNCATE is not MVCC-safe (a snapshot older than
-- the commit sees the frozen rows), which Strata's rule "a reader sees before or after" does not allow in general
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

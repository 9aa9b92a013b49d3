-- R1: a re-import replacing every order, everything the JVM could know given for free, including that every stored
-- order is replaced (so all rows are deleted without a join); MVCC-safe deletes, indexes dropped and built again
begin;
set local maintenance_work_mem = '1GB';
\echo step delete_all
delete from order_lines;
delete from orders;
delete from customer_purchase_facts;
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

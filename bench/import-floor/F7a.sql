-- F7, the import's connection (Strata's shape with the JVM free): the lines; then waits for the stage the second
-- connection commits (F7b holds advisory lock 60 until then), then orders and facts from it in one statement
begin;
set local maintenance_work_mem = '1GB';
set local work_mem = '256MB';
\i drop-indexes.sql
\echo step lines_copy
\copy order_lines (order_key, line_no, amount, quantity, category, sku, channel) from '@K@/lines@N@.copy'
\i build-lines-index.sql
\echo step wait_for_stage
select pg_advisory_lock(60); select pg_advisory_unlock(60);
create temp view stage as select * from floor_stage;
\i orders-from-stage.sql
\i build-orders-indexes.sql
\i build-facts-index.sql
\i analyse.sql
\echo step commit
commit;
drop view stage;
drop table floor_stage;
\i vacuum.sql

-- F4: F3 with the customer keys resolved in SQL: the orders (with customer ids) into a temporary stage, then one
-- insert joined with the customers that also writes the facts (as Strata's merge), all on one connection
begin;
set local maintenance_work_mem = '1GB';
set local work_mem = '256MB';
\i drop-indexes.sql
\echo step lines_copy
\copy order_lines (order_key, line_no, amount, quantity, category, sku, channel) from '@K@/lines@N@.copy'
\i build-lines-index.sql
\i stage-temp.sql
\i orders-from-stage.sql
\i build-orders-indexes.sql
\i build-facts-index.sql
\i analyse.sql
\echo step commit
commit;
\i vacuum.sql

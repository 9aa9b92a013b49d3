-- F6, first connection (NOT one unit of work: a lower bound of any split of the writes over two transactions):
-- the lines, their key, their statistics
begin;
set local maintenance_work_mem = '1GB';
alter table order_lines drop constraint order_lines_pkey;
\echo step A_lines_copy
\copy order_lines (order_key, line_no, amount, quantity, category, sku, channel) from '@K@/lines@N@.copy'
\i build-lines-index.sql
\echo step A_analyse
analyze order_lines;
\echo step A_commit
commit;

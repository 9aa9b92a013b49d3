-- F7, the stage's connection (as RunStage): an unlogged table of the orders with customer ids, committed, analysed
select pg_advisory_lock(60);
\echo step B_stage_copy
create unlogged table floor_stage (order_key bigint, order_id text collate "C", customer_id text collate "C", ordered_at timestamptz,
  total numeric(19,4), line_count integer, categories text[], line_digest uuid, category_mask bigint) with (autovacuum_enabled = false);
\copy floor_stage from '@K@/orders@N@-ids.copy'
analyze floor_stage;
select pg_advisory_unlock(60);

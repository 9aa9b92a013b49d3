\echo step stage_copy
create temp table stage (order_key bigint, order_id text collate "C", customer_id text collate "C", ordered_at timestamptz,
  total numeric(19,4), line_count integer, categories text[], line_digest uuid, category_mask bigint) on commit drop;
\copy stage from '@K@/orders@N@-ids.copy'
analyze stage;

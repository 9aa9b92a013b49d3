-- statistics at commit (TableStatistics; issue 19 item 4)
\echo step analyse
analyze order_lines;
analyze orders;
analyze customer_purchase_facts;
\echo step horizon
update purchase_facts_horizon set latest_ordered_at = greatest(latest_ordered_at, '2026-12-03 23:59:59+00');

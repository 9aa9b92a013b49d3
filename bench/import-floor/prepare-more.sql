-- bench/import-floor.sh prepare (second part): the keyed files again in COPY's binary format (what a JVM could
-- send instead of text: no parsing of numbers, times, arrays and uuids on the server), and the orders without the
-- columns sessions added for rules and re-imports (categories, line_digest, category_mask), to price them
create temp table t_lines (order_key bigint, line_no integer, amount numeric(19,4), quantity numeric(19,4), category text, sku text, channel text);
create temp table t_orders (order_key bigint, order_id text, customer_key bigint, ordered_at timestamptz, total numeric(19,4),
  line_count integer, categories text[], line_digest uuid, category_mask bigint);
create temp table t_facts (customer_key bigint, frequency integer, monetary numeric, first_bought_at timestamptz, last_bought_at timestamptz,
  purchase_days integer, repeat_total numeric);
\copy t_lines from '@K@/lines1.copy'
\copy t_orders from '@K@/orders1.copy'
\copy t_facts from '@K@/facts1.copy'
\copy t_lines to '@K@/lines1.bin' with (format binary)
\copy t_orders to '@K@/orders1.bin' with (format binary)
\copy t_facts to '@K@/facts1.bin' with (format binary)
\copy (select order_key, order_id, customer_key, ordered_at, total, line_count from t_orders) to '@K@/orders1-min.copy'
-- the changed file's rows in binary too (for R4)
truncate t_lines, t_orders, t_facts;
\copy t_lines from '@K@/lines2.copy'
\copy t_orders from '@K@/orders2.copy'
\copy t_facts from '@K@/facts2.copy'
\copy t_lines to '@K@/lines2.bin' with (format binary)
\copy t_orders to '@K@/orders2.bin' with (format binary)
\copy t_facts to '@K@/facts2.bin' with (format binary)

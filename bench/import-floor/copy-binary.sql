\echo step lines_copy
\copy order_lines (order_key, line_no, amount, quantity, category, sku, channel) from '@K@/lines@N@.bin' with (format binary)
\echo step orders_copy
\copy orders (order_key, order_id, customer_key, ordered_at, total, line_count, categories, line_digest, category_mask) from '@K@/orders@N@.bin' with (format binary)

-- before a first load: customers stored, no orders, lines or facts
truncate order_lines, orders, customer_purchase_facts;
update purchase_facts_horizon set latest_ordered_at = null;

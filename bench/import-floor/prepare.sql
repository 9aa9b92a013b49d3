-- bench/import-floor.sh prepare: what Strata stored for orders.csv (kept by `reference` in floor_ref_first*) and for
-- orders-changed.csv (the tables now), written to files in COPY's text format: the JVM's work taken as done for free.
-- *-ids: the orders with the customer's id instead of its key, as a stage the database must resolve keys from.
\set o1 :keyed '/orders1.copy'
\set l1 :keyed '/lines1.copy'
\set f1 :keyed '/facts1.copy'
\set i1 :keyed '/orders1-ids.copy'
\set o2 :keyed '/orders2.copy'
\set l2 :keyed '/lines2.copy'
\set f2 :keyed '/facts2.copy'
\set i2 :keyed '/orders2-ids.copy'
-- in key order, as Strata writes them
copy (select order_key, order_id, customer_key, ordered_at, total, line_count, categories, line_digest, category_mask
      from floor_ref_first_orders order by order_key) to :'o1';
copy (select order_key, line_no, amount, quantity, category, sku, channel from floor_ref_first_lines order by order_key, line_no) to :'l1';
copy (select customer_key, frequency, monetary, first_bought_at, last_bought_at, purchase_days, repeat_total
      from floor_ref_first order by customer_key) to :'f1';
copy (select o.order_key, o.order_id, c.customer_id, o.ordered_at, o.total, o.line_count, o.categories, o.line_digest, o.category_mask
      from floor_ref_first_orders o join customers c using (customer_key) order by o.order_key) to :'i1';
copy (select order_key, order_id, customer_key, ordered_at, total, line_count, categories, line_digest, category_mask
      from orders order by order_key) to :'o2';
copy (select order_key, line_no, amount, quantity, category, sku, channel from order_lines order by order_key, line_no) to :'l2';
copy (select customer_key, frequency, monetary, first_bought_at, last_bought_at, purchase_days, repeat_total
      from customer_purchase_facts order by customer_key) to :'f2';
copy (select o.order_key, o.order_id, c.customer_id, o.ordered_at, o.total, o.line_count, o.categories, o.line_digest, o.category_mask
      from orders o join customers c using (customer_key) order by o.order_key) to :'i2';
-- the oracles of the check: the facts Strata computed for each file
drop table if exists floor_ref_second;
create table floor_ref_second as select * from customer_purchase_facts;
select (select count(*) from floor_ref_first_orders) first_orders, (select count(*) from orders) second_orders,
       (select count(*) from floor_ref_first) first_facts, (select count(*) from floor_ref_second) second_facts;

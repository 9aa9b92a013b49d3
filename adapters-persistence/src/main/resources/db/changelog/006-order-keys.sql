--liquibase formatted sql

--changeset strata:006-order-keys
-- An import streams order lines by COPY straight into order_lines, under order keys it takes in blocks from
-- order_key_blocks (one nextval reserves 65,536 keys). The lines of an import therefore arrive in increasing key
-- order and their only index, the primary key, grows at its right edge; a line carries neither its customer nor its
-- time, which are its order's. Orders keep their foreign-key-free link to customers for the same reason as 005:
-- they are written only by the set-based merge from a join with customers, and a per-row check cost seconds per
-- million orders.
create sequence order_key_blocks increment by 65536 minvalue 1 start with 1;
alter table orders add column order_key bigint;
update orders o set order_key = k.n from (select order_id, row_number() over (order by order_id) as n from orders) k
 where k.order_id = o.order_id;
select setval('order_key_blocks', coalesce((select max(order_key) from orders), 0) + 1, false);

alter table order_lines add column order_key bigint;
update order_lines l set order_key = o.order_key from orders o where o.order_id = l.order_id;
alter table order_lines drop constraint order_lines_pkey;
drop index order_lines_customer_idx;
alter table order_lines drop column order_id, drop column customer_key, drop column ordered_at;
alter table order_lines alter column order_key set not null;
alter table order_lines add constraint order_lines_pkey primary key (order_key, line_no);

alter table orders drop constraint orders_customer_key_fkey;
alter table orders drop constraint orders_pkey;
alter table orders alter column order_key set not null;
alter table orders add constraint orders_pkey primary key (order_key);
-- keys compare byte-wise: B-tree upkeep and sorts of millions of ids do not go through the locale
alter table orders alter column order_id type text collate "C";
alter table orders add constraint orders_order_id_uk unique (order_id);
alter table customers alter column customer_id type text collate "C";
-- a customer's orders in a time window are read by rules, campaign results and customer pages; with the total in
-- the index, sums and counts over them need no visit to the table
drop index orders_customer_idx;
create index orders_customer_idx on orders (customer_key, ordered_at) include (total);

--changeset strata:006-order-line-details
-- Lines with their order's id, customer and time, for people and reports that ask by order_id.
create view order_line_details as
select o.order_id, l.line_no, o.customer_key, o.ordered_at, l.amount, l.quantity, l.category, l.sku, l.channel, l.order_key
from order_lines l join orders o using (order_key);

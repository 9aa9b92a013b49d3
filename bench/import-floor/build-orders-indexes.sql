\echo step orders_pkey
alter table orders add constraint orders_pkey primary key (order_key);
\echo step orders_order_id_uk
alter table orders add constraint orders_order_id_uk unique (order_id);
\echo step orders_customer_idx
create index orders_customer_idx on orders (customer_key, ordered_at) include (total, category_mask, order_key);

-- the five indexes of the tables an orders import writes, dropped inside its transaction (BulkLoadIndexes)
alter table order_lines drop constraint order_lines_pkey;
alter table orders drop constraint orders_pkey;
alter table orders drop constraint orders_order_id_uk;
drop index orders_customer_idx;
alter table customer_purchase_facts drop constraint customer_purchase_facts_pkey;

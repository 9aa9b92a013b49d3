\echo step facts_pkey
alter table customer_purchase_facts add constraint customer_purchase_facts_pkey primary key (customer_key);

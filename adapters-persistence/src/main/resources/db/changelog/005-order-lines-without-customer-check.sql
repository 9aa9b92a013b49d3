--liquibase formatted sql

--changeset strata:005-drop-order-lines-customer-foreign-key
-- order_lines.customer_key is a copy of its order's customer, written only by the set-based import merge from a
-- join with customers; orders keeps its foreign key to customers. Checking the key again for every line cost a
-- row lock on the customer per line: most of the time of a bulk import.
alter table order_lines drop constraint if exists order_lines_customer_key_fkey;

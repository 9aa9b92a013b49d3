--liquibase formatted sql

--changeset strata:165-customer-search-trigrams
-- The console finds customers by a fragment of their email or name (issue 18, item 8): trigram indexes let
-- "contains" searches avoid reading the whole table. Id prefixes use the unique index on customer_id (collation "C").
create extension if not exists pg_trgm;
create index customers_email_trgm_idx on customers using gin (lower(email) gin_trgm_ops);
create index customers_name_trgm_idx on customers using gin (lower(coalesce(first_name, '') || ' ' || coalesce(last_name, '')) gin_trgm_ops);

--liquibase formatted sql

--changeset strata:001-create-customers
-- customer_key is an internal surrogate: joins over millions of order lines run on bigint, not text.
create table customers (
    customer_key  bigserial primary key,
    customer_id   text not null,
    email         text,
    phone         text,
    first_name    text,
    last_name     text,
    birth_date    date,
    gender        text,
    city          text,
    region        text,
    country       text,
    signup_date   date,
    email_opt_in  boolean,
    sms_opt_in    boolean,
    push_opt_in   boolean,
    attributes    jsonb not null default '{}'::jsonb,
    created_at    timestamptz not null default now(),
    updated_at    timestamptz not null default now(),
    constraint customers_customer_id_uk unique (customer_id),
    constraint customers_customer_id_length check (char_length(customer_id) between 1 and 64)
);
create index customers_email_idx on customers (lower(email));

--changeset strata:001-create-attribute-catalogue
-- Custom attribute names seen in imports with the type inferred from their values, for rules and the console.
create table attribute_catalogue (
    name        text primary key,
    field_type  text not null check (field_type in ('TEXT', 'NUMBER', 'BOOLEAN', 'DATE')),
    first_seen  timestamptz not null default now(),
    last_seen   timestamptz not null default now()
);

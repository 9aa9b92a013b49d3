--liquibase formatted sql

--changeset strata:002-create-order-lines
create table order_lines (
    order_id      text not null,
    line_no       integer not null,
    customer_key  bigint not null references customers (customer_key),
    ordered_at    timestamptz not null,
    amount        numeric(19, 4) not null,
    quantity      numeric(19, 4),
    category      text,
    sku           text,
    channel       text,
    primary key (order_id, line_no)
);
create index order_lines_customer_idx on order_lines (customer_key, ordered_at);

--changeset strata:002-create-orders
-- One row per order, kept current by every import: segmentation runs read orders, not lines.
create table orders (
    order_id      text primary key,
    customer_key  bigint not null references customers (customer_key),
    ordered_at    timestamptz not null,
    total         numeric(19, 4) not null,
    line_count    integer not null
);
create index orders_customer_idx on orders (customer_key, ordered_at);

--changeset strata:002-create-events
-- dedupe_key is the event_id when one was sent, else a digest of the event's content, so re-sending a file adds nothing.
create table events (
    event_key     bigserial primary key,
    dedupe_key    text not null,
    event_id      text,
    customer_key  bigint not null references customers (customer_key),
    event_type    text not null,
    occurred_at   timestamptz not null,
    properties    jsonb not null default '{}'::jsonb,
    constraint events_dedupe_uk unique (dedupe_key)
);
create index events_customer_type_idx on events (customer_key, event_type, occurred_at);

--changeset strata:002-create-event-catalogue
create table event_property_catalogue (
    event_type    text not null,
    property      text not null default '',
    last_seen     timestamptz not null default now(),
    primary key (event_type, property)
);

--liquibase formatted sql

--changeset strata:060-customer-purchase-facts
-- Per-customer purchase facts over all of a customer's orders, kept current by every orders import in its own
-- transaction (see docs/imports.md). A segmentation run as of a date on or after the latest order ever imported reads
-- them instead of aggregating orders. A row exists for every customer with at least one order; the columns follow
-- the contract's metrics: frequency counts orders with a total above 0, monetary sums all totals (returns reduce
-- it), the two times are those of the first and latest order with a total above 0.
create table customer_purchase_facts (
    customer_key     bigint primary key,
    frequency        integer not null check (frequency >= 0),
    monetary         numeric not null,
    first_bought_at  timestamptz,
    last_bought_at   timestamptz,
    check ((frequency = 0) = (first_bought_at is null) and (frequency = 0) = (last_bought_at is null))
);
-- The latest ordered_at any import has written (never lowered when orders go, so it may be later than the latest
-- order left). The facts equal the metrics as of a date D whenever this is before the end of D; null: no orders yet.
create table purchase_facts_horizon (
    only_row           boolean primary key default true check (only_row),
    latest_ordered_at  timestamptz
);
insert into purchase_facts_horizon (latest_ordered_at) select max(ordered_at) from orders;
insert into customer_purchase_facts (customer_key, frequency, monetary, first_bought_at, last_bought_at)
select customer_key, count(*) filter (where total > 0), sum(total),
       min(ordered_at) filter (where total > 0), max(ordered_at) filter (where total > 0)
from orders group by customer_key;

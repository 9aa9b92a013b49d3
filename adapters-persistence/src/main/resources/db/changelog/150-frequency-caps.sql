--liquibase formatted sql

--changeset strata:150-create-frequency-caps
-- At most max_deliveries deliveries per customer on a channel within window_days before a launch, across all
-- campaigns; a channel without a row is not capped. Admins set them (API and console); a cap of zero is refused.
create table frequency_caps (
    channel         text primary key check (channel in ('EMAIL', 'SMS', 'PUSH', 'IN_APP', 'CALL', 'OFFER')),
    max_deliveries  integer not null check (max_deliveries between 1 and 1000),
    window_days     integer not null check (window_days between 1 and 365),
    updated_at      timestamptz not null default now(),
    updated_by      text not null
);

--changeset strata:150-campaigns-capped-count
-- Members a launch left out because their action's channel had reached its cap (counted like excluded_for_consent).
alter table campaigns add column capped bigint;

--changeset strata:150-deliveries-per-customer-and-channel
-- The cap counts a customer's earlier deliveries on one channel at every launch.
create index campaign_deliveries_customer_channel_idx on campaign_deliveries (customer_key, channel);

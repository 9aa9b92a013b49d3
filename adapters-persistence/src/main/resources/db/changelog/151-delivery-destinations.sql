--liquibase formatted sql

--changeset strata:151-create-delivery-destinations
-- Webhook destinations admins manage. The secret signs requests (Standard Webhooks), so it is kept as given; the API
-- never shows it in full. The name is the destination's key for campaign plans and does not change.
create table delivery_destinations (
    destination_id  bigserial primary key,
    name            text not null unique,
    url             text not null,
    secret          text not null,
    created_at      timestamptz not null default now(),
    updated_at      timestamptz not null default now(),
    updated_by      text not null
);

--changeset strata:151-create-destination-channels
-- The channels whose actions go to a destination unless the action names another one: one default per channel.
create table destination_channels (
    channel         text primary key check (channel in ('EMAIL', 'SMS', 'PUSH', 'IN_APP', 'CALL', 'OFFER')),
    destination_id  bigint not null references delivery_destinations (destination_id) on delete cascade
);

--changeset strata:151-actions-and-deliveries-name-their-destination
-- An action may name its destination (null: its channel's default at launch). A delivery records where it goes
-- (null: the start-up setting STRATA_DISPATCH_WEBHOOK_URL); a destination something was sent to cannot be deleted.
alter table campaign_actions add column destination_id bigint references delivery_destinations (destination_id);
alter table campaign_deliveries add column destination_id bigint references delivery_destinations (destination_id);

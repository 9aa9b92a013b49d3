--liquibase formatted sql

--changeset strata:030-create-campaigns
-- One row per campaign; the state columns fill in as it moves draft -> scheduled -> running -> completed (or cancelled).
create table campaigns (
    campaign_id          bigserial primary key,
    name                 text not null,
    objective            text not null default '',
    target_segment       text not null,
    tactical_segment_id  bigint,
    control_percent      numeric(5, 2) not null check (control_percent between 0 and 50),
    attribution_days     integer not null check (attribution_days between 1 and 365),
    start_at             timestamptz,
    state                text not null check (state in ('DRAFT', 'SCHEDULED', 'RUNNING', 'COMPLETED', 'CANCELLED')),
    created_at           timestamptz not null default now(),
    scheduled_at         timestamptz,
    launched_at          timestamptz,
    run_id               bigint references segmentation_runs (run_id),
    audience_members     bigint,
    excluded_for_consent bigint,
    treatment            bigint,
    control              bigint,
    completed_at         timestamptz,
    cancelled_at         timestamptz,
    cancelled_from       text,
    cancel_reason        text,
    constraint campaigns_launch_complete check ((launched_at is null) = (run_id is null))
);
create index campaigns_target_idx on campaigns (target_segment);

--changeset strata:030-create-campaign-actions
-- The plan's actions in order (tactical_segment_id null), then one per tactical segment; position orders them all.
create table campaign_actions (
    campaign_id          bigint not null references campaigns (campaign_id) on delete cascade,
    position             integer not null,
    tactical_segment_id  bigint,
    channel              text not null check (channel in ('EMAIL', 'SMS', 'PUSH', 'IN_APP', 'CALL', 'OFFER')),
    content              text not null,
    discount_percent     numeric(5, 2),
    primary key (campaign_id, position),
    constraint campaign_actions_offer_discount check ((channel = 'OFFER') = (discount_percent is not null))
);

--changeset strata:030-create-campaign-audience
-- The audience frozen at launch: every eligible member of the target with its group and the action it gets.
create table campaign_audience (
    campaign_id      bigint not null references campaigns (campaign_id) on delete cascade,
    customer_key     bigint not null references customers (customer_key) on delete cascade,
    audience_group   text not null check (audience_group in ('TREATMENT', 'CONTROL')),
    action_position  integer not null,
    primary key (campaign_id, customer_key)
);

--changeset strata:030-create-campaign-deliveries
-- The dispatch outbox: one row per treated customer; the webhook relay records its attempts here, nothing is deleted.
create table campaign_deliveries (
    delivery_id       bigserial primary key,
    campaign_id       bigint not null references campaigns (campaign_id) on delete cascade,
    customer_key      bigint not null references customers (customer_key) on delete cascade,
    customer_id       text not null,
    email             text,
    phone             text,
    channel           text not null,
    content           text not null,
    discount_percent  numeric(5, 2),
    status            text not null default 'PENDING' check (status in ('PENDING', 'SENT', 'FAILED')),
    attempts          integer not null default 0,
    last_error        text,
    last_attempt_at   timestamptz,
    sent_at           timestamptz,
    created_at        timestamptz not null default now(),
    constraint campaign_deliveries_once unique (campaign_id, customer_key)
);
create index campaign_deliveries_unsent_idx on campaign_deliveries (campaign_id, delivery_id) where status <> 'SENT';

--liquibase formatted sql

--changeset strata:040-create-tactical-segments
create table tactical_segments (
    tactical_id     bigserial primary key,
    name            text not null,
    parent_segment  text not null,
    rule            text not null,
    hypothesis      text not null default '',
    status          text not null check (status in ('ACTIVE', 'ARCHIVED')),
    created_at      timestamptz not null default now()
);

--changeset strata:040-create-tactical-members
create table tactical_members (
    run_id        bigint not null references segmentation_runs (run_id) on delete cascade,
    tactical_id   bigint not null references tactical_segments (tactical_id),
    customer_key  bigint not null,
    primary key (run_id, tactical_id, customer_key)
);
create index tactical_members_customer_idx on tactical_members (customer_key, run_id);

--changeset strata:040-create-tactical-run-sizes
create table tactical_run_sizes (
    run_id            bigint not null references segmentation_runs (run_id) on delete cascade,
    tactical_id       bigint not null references tactical_segments (tactical_id),
    members           bigint not null,
    parent_customers  bigint not null,
    primary key (run_id, tactical_id)
);

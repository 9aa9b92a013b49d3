--liquibase formatted sql

--changeset strata:010-create-segmentations
-- A general segmentation definition; once it has runs it is never edited, a new version is made instead.
create table segmentations (
    segmentation_id  bigserial primary key,
    name             text not null,
    version          integer not null default 1,
    template         text,
    definition       text not null,
    status           text not null check (status in ('DRAFT', 'ACTIVE', 'INACTIVE', 'RETIRED')),
    created_at       timestamptz not null default now(),
    activated_at     timestamptz
);
-- exactly one active segmentation at a time
create unique index segmentations_one_active on segmentations ((status)) where status = 'ACTIVE';

--changeset strata:010-create-segmentation-runs
create table segmentation_runs (
    run_id           bigserial primary key,
    segmentation_id  bigint not null references segmentations (segmentation_id),
    as_of            date not null,
    status           text not null check (status in ('RUNNING', 'COMPLETED', 'FAILED')),
    started_at       timestamptz not null default now(),
    finished_at      timestamptz,
    customers        bigint,
    error            text
);
-- only one run at a time
create unique index segmentation_runs_one_running on segmentation_runs ((status)) where status = 'RUNNING';

--changeset strata:010-create-run-assignments
-- One partition per run: a run loads its partition without indexes, indexes it in bulk and attaches it, which is
-- several times faster than inserting a million rows through live indexes; dropping a run drops its partition.
create table run_assignments (
    run_id        bigint not null references segmentation_runs (run_id) on delete cascade,
    customer_key  bigint not null,
    segment_key   text not null,
    r             smallint,
    f             smallint,
    m             smallint,
    recency_days  integer,
    frequency     integer not null,
    monetary      numeric(19, 4) not null,
    primary key (run_id, customer_key)
) partition by list (run_id);
create index run_assignments_segment_idx on run_assignments (run_id, segment_key, customer_key);

--changeset strata:010-create-run-segments
create table run_segments (
    run_id        bigint not null references segmentation_runs (run_id) on delete cascade,
    segment_key   text not null,
    name          text not null,
    rank          integer not null,
    customers     bigint not null,
    revenue       numeric(19, 4) not null,
    orders        bigint not null,
    primary key (run_id, segment_key)
);

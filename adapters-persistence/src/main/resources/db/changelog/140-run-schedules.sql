--liquibase formatted sql

--changeset strata:140-create-segmentation-schedules
-- When a segmentation runs by itself (issue 17). handled_until: everything planned up to it was taken care of; a node
-- claims an owed run by moving it from the value it read, so two nodes never start one planned run twice.
create table segmentation_schedules (
    segmentation_id  bigint primary key references segmentations (segmentation_id) on delete cascade,
    daily_at         time,
    time_zone        text not null,
    cron             text,
    after_imports    boolean not null,
    quiet_minutes    integer not null check (quiet_minutes between 1 and 10080),
    handled_until    timestamptz not null,
    updated_at       timestamptz not null default now(),
    constraint segmentation_schedules_some_trigger check (daily_at is not null or cron is not null or after_imports)
);

--changeset strata:140-create-schedule-firings
-- What each trigger did: the run it started, or why it was skipped. Runs without a row here were started by hand.
create table schedule_firings (
    firing_id        bigserial primary key,
    segmentation_id  bigint not null references segmentations (segmentation_id) on delete cascade,
    trigger          text not null check (trigger in ('DAILY', 'CRON', 'AFTER_IMPORTS')),
    planned_at       timestamptz not null,
    fired_at         timestamptz not null,
    run_id           bigint references segmentation_runs (run_id) on delete set null,
    skipped          text,
    constraint schedule_firings_started_or_skipped check ((run_id is null) <> (skipped is null) or (run_id is null and skipped is null))
);
create index schedule_firings_segmentation_idx on schedule_firings (segmentation_id, firing_id desc);
create unique index schedule_firings_run_idx on schedule_firings (run_id) where run_id is not null;

--liquibase formatted sql

--changeset strata:170-programme-measurements
-- The programme's effect against the global holdout, measured once after each completed run (issue 18, page times at
-- 1M customers): the dashboard read every customer twice per visit (the holdout's hash, each one's revenue) and joined
-- two runs' assignments. A row keeps the holdout it measured (share, draw), so a changed holdout is never shown with
-- figures of the old one. Revenue counts from drawn_at until measured_at.
create table programme_measurements (
    run_id                   bigint primary key references segmentation_runs (run_id) on delete cascade,
    measured_at              timestamptz not null,
    share_percent            numeric(5, 2) not null,
    draw                     integer not null,
    drawn_at                 timestamptz not null,
    holdout_baseline_run_id  bigint,
    customers                bigint not null,
    held_out                 bigint not null,
    held_revenue_customers   bigint not null,
    held_revenue             numeric not null,
    held_revenue_squares     numeric not null,
    others_revenue_customers bigint not null,
    others_revenue           numeric not null,
    others_revenue_squares   numeric not null,
    baseline_run_id          bigint,
    later_run_id             bigint,
    held_compared            bigint,
    held_moved_up            bigint,
    others_compared          bigint,
    others_moved_up          bigint
);

--liquibase formatted sql

--changeset strata:145-create-always-on-campaigns
-- A campaign made always-on: after every completed run past baseline_run_id, the customers who entered its target form
-- a cohort. The campaign itself is RUNNING meanwhile (campaigns.state), so no launch can re-freeze its audience.
create table always_on_campaigns (
    campaign_id      bigint primary key references campaigns (campaign_id) on delete cascade,
    state            text not null check (state in ('ACTIVE', 'PAUSED', 'STOPPED')),
    baseline_run_id  bigint not null references segmentation_runs (run_id),
    started_at       timestamptz not null,
    changed_at       timestamptz not null,
    stop_reason      text
);

--changeset strata:145-create-always-on-cohorts
-- One row per run that admitted a cohort; formed_at starts the cohort's attribution window.
create table always_on_cohorts (
    campaign_id           bigint not null references always_on_campaigns (campaign_id) on delete cascade,
    run_id                bigint not null references segmentation_runs (run_id),
    previous_run_id       bigint not null references segmentation_runs (run_id),
    as_of                 date not null,
    formed_at             timestamptz not null,
    entered               bigint not null,
    excluded_for_consent  bigint not null,
    treatment             bigint not null,
    control               bigint not null,
    primary key (campaign_id, run_id),
    constraint always_on_cohorts_add_up check (entered = excluded_for_consent + treatment + control)
);

--changeset strata:145-campaign-audience-cohort
-- The run whose cohort a member joined an always-on campaign in; null for an audience frozen at launch.
alter table campaign_audience add column cohort_run_id bigint;
create index campaign_audience_cohort_idx on campaign_audience (campaign_id, cohort_run_id);

--changeset strata:145-create-global-holdout
-- One row: the share of all customers no campaign reaches, the draw that salts the hash, and the exact threshold the
-- domain computes (share / 100 x 2^64), so the SQL compares with the same number as GlobalHoldout.holdsOut. No foreign
-- key to the runs: emptying the runs (truncate ... cascade) must not empty the holdout.
create table global_holdout (
    holdout_id       integer primary key check (holdout_id = 1),
    share_percent    numeric(5, 2) not null check (share_percent between 0 and 50),
    draw             integer not null check (draw >= 1),
    threshold        numeric not null,
    drawn_at         timestamptz not null,
    baseline_run_id  bigint
);
-- the default: 5 %, first draw (5 / 100 x 2^64 = 922337203685477580.8)
insert into global_holdout (holdout_id, share_percent, draw, threshold, drawn_at, baseline_run_id)
values (1, 5, 1, 922337203685477580.8, now(), null);

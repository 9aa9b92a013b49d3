--liquibase formatted sql

--changeset strata:141-create-campaign-launch-flags
-- A scheduled campaign that was not launched by itself at its start, with the reason (issue 17); at most one flag each.
create table campaign_launch_flags (
    campaign_id  bigint primary key references campaigns (campaign_id) on delete cascade,
    flagged_at   timestamptz not null,
    reason       text not null
);
create index campaigns_scheduled_start_idx on campaigns (start_at) where state = 'SCHEDULED';

--liquibase formatted sql

--changeset strata:370-campaign-count-changes splitStatements:false
-- A launched campaign's page (and its audience API) shows its audience by group and action and its deliveries by
-- status. Counted per visit from campaign_audience and campaign_deliveries, that read 476,434 rows at 10M customers
-- (590 ms the first visit, issue 19 item 3). The counts are kept instead, as in changeset 200: every statement that
-- adds, removes or changes rows of those tables appends its net change per key (a statement trigger over its
-- transition tables), so the freeze, a cohort's admission, the outbox's claims and sent/failed marks, a customer's
-- erasure (cascaded) and a campaign's deletion all keep them right, and concurrent senders never wait on a shared
-- counter row. A reader sums the campaign's rows (one index look-up) and folds them into one per key now and then.
-- Rows of a campaign being deleted are not appended (its change rows go with it).
create table campaign_audience_count_changes (
    change_id            bigserial primary key,
    campaign_id          bigint not null references campaigns (campaign_id) on delete cascade,
    audience_group       text not null,
    tactical_segment_id  bigint,
    action_position      integer not null,
    members              bigint not null
);
create index campaign_audience_count_changes_campaign_idx on campaign_audience_count_changes (campaign_id);
create table campaign_delivery_count_changes (
    change_id    bigserial primary key,
    campaign_id  bigint not null references campaigns (campaign_id) on delete cascade,
    status       text not null,
    deliveries   bigint not null
);
create index campaign_delivery_count_changes_campaign_idx on campaign_delivery_count_changes (campaign_id);
insert into campaign_audience_count_changes (campaign_id, audience_group, tactical_segment_id, action_position, members)
select campaign_id, audience_group, tactical_segment_id, action_position, count(*) from campaign_audience group by 1, 2, 3, 4;
insert into campaign_delivery_count_changes (campaign_id, status, deliveries)
select campaign_id, status, count(*) from campaign_deliveries group by 1, 2;

create function campaign_audience_added() returns trigger language plpgsql as $$
begin
    insert into campaign_audience_count_changes (campaign_id, audience_group, tactical_segment_id, action_position, members)
    select g.* from (select campaign_id, audience_group, tactical_segment_id, action_position, count(*) from added group by 1, 2, 3, 4) g
    where exists (select 1 from campaigns k where k.campaign_id = g.campaign_id) order by 1;
    return null;
end $$;
create function campaign_audience_removed() returns trigger language plpgsql as $$
begin
    insert into campaign_audience_count_changes (campaign_id, audience_group, tactical_segment_id, action_position, members)
    select g.* from (select campaign_id, audience_group, tactical_segment_id, action_position, -count(*) from removed group by 1, 2, 3, 4) g
    where exists (select 1 from campaigns k where k.campaign_id = g.campaign_id) order by 1;
    return null;
end $$;
create function campaign_audience_changed() returns trigger language plpgsql as $$
begin
    insert into campaign_audience_count_changes (campaign_id, audience_group, tactical_segment_id, action_position, members)
    select g.* from (
        select campaign_id, audience_group, tactical_segment_id, action_position, sum(n) as n
        from (select campaign_id, audience_group, tactical_segment_id, action_position, 1 as n from added
              union all
              select campaign_id, audience_group, tactical_segment_id, action_position, -1 from removed) d
        group by 1, 2, 3, 4) g
    where g.n <> 0 and exists (select 1 from campaigns k where k.campaign_id = g.campaign_id) order by 1;
    return null;
end $$;
create function campaign_audience_truncated() returns trigger language plpgsql as $$
begin
    delete from campaign_audience_count_changes;
    return null;
end $$;
create trigger campaign_audience_counted_in after insert on campaign_audience referencing new table as added
    for each statement execute function campaign_audience_added();
create trigger campaign_audience_counted_out after delete on campaign_audience referencing old table as removed
    for each statement execute function campaign_audience_removed();
create trigger campaign_audience_counted_again after update on campaign_audience referencing old table as removed new table as added
    for each statement execute function campaign_audience_changed();
create trigger campaign_audience_count_reset after truncate on campaign_audience
    for each statement execute function campaign_audience_truncated();

create function campaign_deliveries_added() returns trigger language plpgsql as $$
begin
    insert into campaign_delivery_count_changes (campaign_id, status, deliveries)
    select g.* from (select campaign_id, status, count(*) from added group by 1, 2) g
    where exists (select 1 from campaigns k where k.campaign_id = g.campaign_id) order by 1;
    return null;
end $$;
create function campaign_deliveries_removed() returns trigger language plpgsql as $$
begin
    insert into campaign_delivery_count_changes (campaign_id, status, deliveries)
    select g.* from (select campaign_id, status, -count(*) from removed group by 1, 2) g
    where exists (select 1 from campaigns k where k.campaign_id = g.campaign_id) order by 1;
    return null;
end $$;
-- claims update rows without changing their status: nothing is appended then
create function campaign_deliveries_changed() returns trigger language plpgsql as $$
begin
    insert into campaign_delivery_count_changes (campaign_id, status, deliveries)
    select g.* from (
        select campaign_id, status, sum(n) as n
        from (select campaign_id, status, 1 as n from added union all select campaign_id, status, -1 from removed) d
        group by 1, 2) g
    where g.n <> 0 and exists (select 1 from campaigns k where k.campaign_id = g.campaign_id) order by 1;
    return null;
end $$;
create function campaign_deliveries_truncated() returns trigger language plpgsql as $$
begin
    delete from campaign_delivery_count_changes;
    return null;
end $$;
create trigger campaign_deliveries_counted_in after insert on campaign_deliveries referencing new table as added
    for each statement execute function campaign_deliveries_added();
create trigger campaign_deliveries_counted_out after delete on campaign_deliveries referencing old table as removed
    for each statement execute function campaign_deliveries_removed();
create trigger campaign_deliveries_counted_again after update on campaign_deliveries referencing old table as removed new table as added
    for each statement execute function campaign_deliveries_changed();
create trigger campaign_deliveries_count_reset after truncate on campaign_deliveries
    for each statement execute function campaign_deliveries_truncated();

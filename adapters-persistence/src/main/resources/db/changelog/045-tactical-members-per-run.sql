--liquibase formatted sql

--changeset strata:045-tactical-members-per-run
-- Each run writes its tactical memberships into a table of its own that is indexed after loading and then attached,
-- as runs do with their assignments: hundreds of thousands of members went in at several microseconds each through
-- two live indexes and two foreign-key checks per row; attaching checks the keys once for the whole table.
-- The default partition takes rows written directly (none in normal operation; it keeps such writers working).
alter table tactical_members rename to tactical_members_old;
alter index tactical_members_customer_idx rename to tactical_members_old_customer_idx;
alter table tactical_members_old rename constraint tactical_members_pkey to tactical_members_old_pkey;
create table tactical_members (
    run_id        bigint not null references segmentation_runs (run_id) on delete cascade,
    tactical_id   bigint not null references tactical_segments (tactical_id),
    customer_key  bigint not null,
    primary key (run_id, tactical_id, customer_key)
) partition by list (run_id);
create index tactical_members_customer_idx on tactical_members (customer_key, run_id);
create table tactical_members_other partition of tactical_members default;
insert into tactical_members (run_id, tactical_id, customer_key) select run_id, tactical_id, customer_key from tactical_members_old;
drop table tactical_members_old;

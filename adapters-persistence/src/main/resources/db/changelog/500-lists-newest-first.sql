--liquibase formatted sql

--changeset strata:500-campaign-lists-newest-first
-- Lists of campaigns select, order and cut in SQL (session 51): after three years a base holds tens of thousands of
-- campaigns, and the campaign list, the segment page, the tactical segment page, the search and the action plan read
-- each only the newest of theirs. A segment's campaigns newest first (this replaces the index on the target alone),
-- the campaigns of a tactical segment (as the target or an action list's), and a fragment of a name.
create index campaigns_target_newest_idx on campaigns (target_segment, campaign_id desc);
drop index campaigns_target_idx;
create index campaigns_tactical_idx on campaigns (tactical_segment_id) where tactical_segment_id is not null;
create index campaign_actions_tactical_idx on campaign_actions (tactical_segment_id) where tactical_segment_id is not null;
create index campaigns_launched_idx on campaigns (campaign_id desc) where launched_at is not null;
create index campaigns_name_trgm_idx on campaigns using gin (lower(name) gin_trgm_ops);

--changeset strata:500-import-history-newest-first
-- The import history pages by (started_at, import_id), newest first: the next page starts after the last import
-- shown, so every import is reachable, and two imports started in the same microsecond are still ordered.
create index imports_newest_idx on imports (started_at desc, import_id desc);
drop index imports_started_idx;

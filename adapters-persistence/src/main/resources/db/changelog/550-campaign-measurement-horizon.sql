--liquibase formatted sql

--changeset strata:550-campaign-measurement-horizon
-- How long the measurement after each run follows a launched campaign (docs/campaigns.md, "How long the measurement
-- follows a campaign"). Until session 52 every completed run measured every campaign ever launched again and read its
-- migration from the newest run: 30,000 campaigns of three years took 94 s a run. A campaign measured at or after its
-- horizon (attribution window end + STRATA_CAMPAIGNS_MEASUREMENT_FOLLOW_DAYS) with a later run is settled: the run it
-- was measured against is kept here and stays its migration's run; later runs no longer read it. Nothing is settled
-- by this changeset (the horizon is a setting): the first run's follow-up after it settles, in one statement and
-- without measuring them, the campaigns whose kept measurement was already taken past their horizon, on the run they
-- were measured against, which is the one their results named until then.
alter table campaigns add column measurement_settled_at timestamptz, add column settled_later_run_id bigint,
    add constraint campaigns_settled_on_a_run check (measurement_settled_at is null or settled_later_run_id is not null);
-- the campaigns the measurement still follows: the follow-up reads these and no others
create index campaigns_followed_idx on campaigns (campaign_id) where launched_at is not null and measurement_settled_at is null;

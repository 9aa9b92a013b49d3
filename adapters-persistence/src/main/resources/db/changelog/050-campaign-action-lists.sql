--liquibase formatted sql

--changeset strata:050-campaign-audience-action-list
-- Which action list each frozen member got: the tactical segment whose own action replaced the default actions for
-- them, null for the default actions (so every audience frozen before actions per tactical segment reads as default).
-- No foreign key: tactical segments are archived, never deleted, and a per-row check would slow the set-based freeze.
alter table campaign_audience add column tactical_segment_id bigint;

--changeset strata:050-campaign-deliveries-action-list
-- The outbox keeps the action list next to the action it copied, for downloads and the webhook.
alter table campaign_deliveries add column tactical_segment_id bigint;

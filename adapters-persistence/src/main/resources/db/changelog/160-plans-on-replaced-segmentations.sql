--liquibase formatted sql

--changeset strata:160-plans-remember-their-replaced-segmentation
-- Set when another segmentation is activated: the tactical segments and campaigns planned on the one it replaced keep
-- pointing at it, so pages can say so instead of showing them as current (issue 18, item 1).
alter table tactical_segments add column replaced_segmentation_id bigint references segmentations (segmentation_id);
alter table campaigns add column replaced_segmentation_id bigint references segmentations (segmentation_id);

--changeset strata:160-tactical-count-at-save
-- The live count when a tactical segment was saved, shown until its first run computes its members (issue 18, item 3).
alter table tactical_segments add column members_at_save bigint, add column parent_customers_at_save bigint;

--liquibase formatted sql

--changeset strata:570-segmentation-versions-made-from
-- The version a segmentation's version was made from (docs/architecture.md, "Two people editing the same thing"): an
-- edit of a segmentation in use makes a new version, and until session 52 nothing said of which, so an edit sent from
-- version 3 after someone had made version 4 from it made a version 5 without version 4's change. Versions made before
-- this column existed have none (their line is not known); nothing else changes.
alter table segmentations add column made_from bigint references segmentations (segmentation_id);
create index segmentations_made_from on segmentations (made_from) where made_from is not null;

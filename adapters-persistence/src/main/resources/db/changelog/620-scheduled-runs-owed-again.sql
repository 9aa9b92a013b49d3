--liquibase formatted sql

--changeset strata:620-scheduled-runs-owed-again
-- A scheduled run that a stop or a crash cut (recorded FAILED by the restart sweep or the look's sweep) is owed again,
-- once: owed_again marks the trigger whose run was cut until a look starts it again (a compare-and-set clears it, so of
-- two nodes one starts it); again_after_run, on the trigger that started it again, names the cut run, and such a
-- trigger's run, cut in its turn, is not owed again (a run that brings its process down would otherwise run forever).
alter table schedule_firings
    add column owed_again boolean not null default false,
    add column again_after_run bigint;
create index schedule_firings_owed_again_idx on schedule_firings (segmentation_id, firing_id desc) where owed_again;

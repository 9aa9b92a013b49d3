--liquibase formatted sql

--changeset strata:046-run-migrations
-- The from × to matrix of two runs, computed once: runs never change after they complete, and joining two runs of a
-- million customers each took about 0.6 s, too slow for a dashboard that shows it on every visit. from_segment is
-- null for customers who were not in the earlier run.
create table run_migrations (
    from_run_id   bigint not null references segmentation_runs (run_id) on delete cascade,
    to_run_id     bigint not null references segmentation_runs (run_id) on delete cascade,
    from_segment  text,
    to_segment    text not null,
    customers     bigint not null
);
-- one row per cell: two requests computing the same pair at once cannot double it
create unique index run_migrations_cell_uk on run_migrations (from_run_id, to_run_id, coalesce(from_segment, ''), to_segment);

--liquibase formatted sql

--changeset strata:250-run-predicted-value-averages
-- Per segment of a completed run, the mean predicted value of its customers that have one, worked out once by the run's
-- worker after the run answers (a completed-run follow-up) and read by the dashboard and segment pages. Before this a
-- page worked it out at its first visit after a run: one pass over the run's assignments joined to its predictions,
-- 19.9 s at ten million customers (issue 19 item 3). A row means "measured"; a segment absent from the arrays has no
-- customer with a prediction.
create table run_predicted_value_averages (
    run_id        bigint primary key references segmentation_runs (run_id) on delete cascade,
    segment_keys  text[] not null,
    averages      double precision[] not null,
    check (cardinality(segment_keys) = cardinality(averages))
);

--liquibase formatted sql

--changeset strata:331-pattern-forecasts-key-in-scoring-order
-- The forecasts' primary key in the order the store writes them, (x, T, t_x), the order the patterns are scored in
-- (those sharing a forecast if alive come together): the key of each run's partition, built once after its COPY, is
-- then built on rows already in key order, which took about half the time of rows in another order (session 31,
-- docs/benchmarks.md). Every lookup gives all four columns, so their order in the key changes no plan.
alter table run_pattern_forecasts drop constraint run_pattern_forecasts_pkey;
alter table run_pattern_forecasts add primary key (run_id, x, age_days, recency_days);

--liquibase formatted sql

--changeset strata:195-segmentation-runs-claimed-at
-- When a worker (the application's run, or a Spark job started by spark-submit) took up the run and began holding its
-- claim (the session-level advisory lock of WorkClaims). The periodic sweep fails a RUNNING run whose claim no live
-- session holds: at once if it was claimed (its worker stopped), only after strata.runs.unclaimed-grace from its start
-- if it never was (a run begun for a job that has not started yet). NULL: never claimed, or a run from before this.
alter table segmentation_runs add column claimed_at timestamptz;

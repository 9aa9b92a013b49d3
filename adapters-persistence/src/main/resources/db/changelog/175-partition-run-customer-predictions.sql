--liquibase formatted sql

--changeset strata:175-partition-run-customer-predictions splitStatements:false
-- One partition per run, as run_assignments (issue 20 item 8): a run loads its buyers' predictions into a table of
-- its own without indexes, indexes it in bulk and attaches it, several times faster than inserting a million rows
-- through live indexes. Rows stored before are moved into partitions of their runs; the default partition takes rows
-- of a run that has none (written by hand; the application always creates the run's partition).
alter table run_customer_predictions rename to run_customer_predictions_before_partitions;
alter table run_customer_predictions_before_partitions rename constraint run_customer_predictions_pkey
    to run_customer_predictions_before_partitions_pkey;
alter index run_customer_predictions_customer_idx rename to run_customer_predictions_before_partitions_customer_idx;
create table run_customer_predictions (
    run_id                   bigint not null references segmentation_runs (run_id) on delete cascade,
    customer_key             bigint not null,
    x                        integer not null,
    recency_days             integer not null,
    age_days                 integer not null,
    repeat_average           numeric(19, 4),
    p_alive                  double precision,
    expected_purchases_30d   double precision,
    expected_purchases_90d   double precision,
    expected_purchases_365d  double precision,
    expected_purchase_value  double precision,
    predicted_value          double precision,
    primary key (run_id, customer_key)
) partition by list (run_id);
create index run_customer_predictions_customer_idx on run_customer_predictions (customer_key, run_id);
create table run_customer_predictions_default partition of run_customer_predictions default;
do $$
declare
    run bigint;
begin
    for run in select distinct run_id from run_customer_predictions_before_partitions loop
        execute format('create table %I (like run_customer_predictions including defaults, check (run_id = %s))',
                       'run_customer_predictions_' || run, run);
        execute format('insert into %I select * from run_customer_predictions_before_partitions where run_id = %s',
                       'run_customer_predictions_' || run, run);
        execute format('alter table run_customer_predictions attach partition %I for values in (%s)',
                       'run_customer_predictions_' || run, run);
    end loop;
end $$;
drop table run_customer_predictions_before_partitions;

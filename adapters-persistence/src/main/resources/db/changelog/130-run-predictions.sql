--liquibase formatted sql

--changeset strata:130-create-run-predictions
-- A run's predicted-value models (issue 20): BG/NBD and Gamma-Gamma fitted to the buyers as of the run's date, or the
-- reason they were not (then the parameters are null). Time unit: weeks of 7 days.
create table run_predictions (
    run_id             bigint primary key references segmentation_runs (run_id) on delete cascade,
    status             text not null check (status in ('FITTED', 'NOT_FITTED')),
    reason             text,
    customers          bigint not null,
    repeat_buyers      bigint not null,
    r                  double precision,
    alpha              double precision,
    a                  double precision,
    b                  double precision,
    p                  double precision,
    q                  double precision,
    v                  double precision,
    log_likelihood     double precision,
    spend_correlation  double precision,
    horizon_months     integer not null,
    monthly_discount   double precision not null,
    created_at         timestamptz not null default now(),
    check ((status = 'FITTED') = (r is not null and p is not null and reason is null))
);

--changeset strata:130-create-run-customer-predictions
-- Every buyer's facts as of the run's date (x, t_x and T in days, the average of the repeat purchase days) and its
-- predictions; the predicted columns are null when the run's models were not fitted. No foreign key to customers:
-- like run_assignments, a run's rows outlive nothing but their run.
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
);
create index run_customer_predictions_customer_idx on run_customer_predictions (customer_key, run_id);

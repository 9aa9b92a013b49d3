--liquibase formatted sql

--changeset strata:270-predictions-per-pattern splitStatements:false
-- A run's predictions stored once per (x, t_x, T) pattern, not once per customer (issue 20 item 8, docs/predictions.md
-- "Storage"): a million buyers share a few hundred thousand patterns, and every forecast but the value depends on the
-- pattern only. Per run:
--   run_prediction_buyers   the run's buyers as the models see them (x, t_x and T in days, the repeat average): the
--                           table the fit reads anyway, kept as the run's partition instead of being dropped;
--   run_pattern_forecasts   per pattern, P(alive), the expected purchases in 30, 90 and 365 days and the discounted
--                           expected purchases over the horizon.
-- The view run_customer_predictions gives every column the table of that name had: the expected purchase value is
-- Gamma-Gamma's conditional expectation, worked out at read from the run's p, q, v (run_predictions) and the buyer's x
-- and repeat average with the expression the store used to apply (to the last bit), and the predicted value is it times
-- the discounted purchases. Rows stored before (and rows written by hand through the view) stay as they were, in
-- run_customer_predictions_stored, and read through the same view.
alter table run_customer_predictions rename to run_customer_predictions_stored;

create table run_prediction_buyers (
    run_id          bigint not null references segmentation_runs (run_id) on delete cascade,
    customer_key    bigint not null,
    x               integer not null,
    recency_days    integer not null,
    age_days        integer not null,
    repeat_average  double precision
) partition by list (run_id);
-- one run per partition: the customer alone keys each partition's index (the rule's probe and the customer page's)
create index run_prediction_buyers_customer_idx on run_prediction_buyers (customer_key);

create table run_pattern_forecasts (
    run_id        bigint not null references segmentation_runs (run_id) on delete cascade,
    x             integer not null,
    recency_days  integer not null,
    age_days      integer not null,
    p_alive       double precision not null,
    e30           double precision not null,
    e90           double precision not null,
    e365          double precision not null,
    discounted    double precision not null,
    primary key (run_id, x, recency_days, age_days)
) partition by list (run_id);

create view run_customer_predictions as
select b.run_id, b.customer_key, b.x, b.recency_days, b.age_days, b.repeat_average::numeric(19, 4) as repeat_average,
       f.p_alive, f.e30 as expected_purchases_30d, f.e90 as expected_purchases_90d, f.e365 as expected_purchases_365d,
       case when f.p_alive is null then null
            when b.x = 0 then r.p * r.v / (r.q - 1)
            else r.p * (r.v + b.x * b.repeat_average) / (r.p * b.x + r.q - 1) end as expected_purchase_value,
       case when f.p_alive is null then null
            when b.x = 0 then r.p * r.v / (r.q - 1)
            else r.p * (r.v + b.x * b.repeat_average) / (r.p * b.x + r.q - 1) end * f.discounted as predicted_value
from run_prediction_buyers b
join run_predictions r on r.run_id = b.run_id
left join run_pattern_forecasts f on f.run_id = b.run_id and f.x = b.x and f.recency_days = b.recency_days and f.age_days = b.age_days
union all
select run_id, customer_key, x, recency_days, age_days, repeat_average, p_alive, expected_purchases_30d, expected_purchases_90d,
       expected_purchases_365d, expected_purchase_value, predicted_value
from run_customer_predictions_stored;

-- Written through the view (by hand: tests, repairs), a row is stored as given in run_customer_predictions_stored and
-- replaces the buyer's computed row of that run; the application itself never writes through the view.
create function run_customer_predictions_written() returns trigger language plpgsql as $$
declare
    run bigint := case when tg_op = 'INSERT' then new.run_id else old.run_id end;
    customer bigint := case when tg_op = 'INSERT' then new.customer_key else old.customer_key end;
begin
    delete from run_prediction_buyers where run_id = run and customer_key = customer;
    if tg_op <> 'INSERT' then
        delete from run_customer_predictions_stored where run_id = run and customer_key = customer;
    end if;
    if tg_op = 'DELETE' then
        return old;
    end if;
    insert into run_customer_predictions_stored (run_id, customer_key, x, recency_days, age_days, repeat_average, p_alive,
        expected_purchases_30d, expected_purchases_90d, expected_purchases_365d, expected_purchase_value, predicted_value)
    values (new.run_id, new.customer_key, new.x, new.recency_days, new.age_days, new.repeat_average, new.p_alive,
        new.expected_purchases_30d, new.expected_purchases_90d, new.expected_purchases_365d, new.expected_purchase_value,
        new.predicted_value);
    return new;
end $$;
create trigger run_customer_predictions_written instead of insert or update or delete on run_customer_predictions
    for each row execute function run_customer_predictions_written();

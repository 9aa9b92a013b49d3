--liquibase formatted sql

--changeset strata:330-prediction-buyers-in-assignments splitStatements:false
-- A run whose date the imports' purchase facts cover, and whose segmentation does not read predictions, no longer
-- writes its buyers twice (issue 20 item 8, docs/predictions.md "Storage"): its assignment statement, which reads the
-- facts anyway, carries each buyer's pattern as the prediction models see it into the run's own rows of run_assignments
-- (null for a customer who never bought, and for every row of the runs that do not carry them), and the view reads that
-- run's buyers from there instead of from a partition of run_prediction_buyers. run_predictions says which of the two
-- holds a run's buyers; a run has its buyers in exactly one.
alter table run_assignments add column buyer_x integer, add column buyer_recency_days integer, add column buyer_age_days integer,
    add column buyer_repeat_average double precision;
alter table run_predictions add column buyers_in_assignments boolean not null default false;

create or replace view run_customer_predictions as
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
select a.run_id, a.customer_key, a.buyer_x, a.buyer_recency_days, a.buyer_age_days, a.buyer_repeat_average::numeric(19, 4),
       f.p_alive, f.e30, f.e90, f.e365,
       case when f.p_alive is null then null
            when a.buyer_x = 0 then r.p * r.v / (r.q - 1)
            else r.p * (r.v + a.buyer_x * a.buyer_repeat_average) / (r.p * a.buyer_x + r.q - 1) end,
       case when f.p_alive is null then null
            when a.buyer_x = 0 then r.p * r.v / (r.q - 1)
            else r.p * (r.v + a.buyer_x * a.buyer_repeat_average) / (r.p * a.buyer_x + r.q - 1) end * f.discounted
from run_assignments a
join run_predictions r on r.run_id = a.run_id and r.buyers_in_assignments
left join run_pattern_forecasts f on f.run_id = a.run_id and f.x = a.buyer_x and f.recency_days = a.buyer_recency_days
                                 and f.age_days = a.buyer_age_days
where a.buyer_x is not null
union all
select run_id, customer_key, x, recency_days, age_days, repeat_average, p_alive, expected_purchases_30d, expected_purchases_90d,
       expected_purchases_365d, expected_purchase_value, predicted_value
from run_customer_predictions_stored;

-- Written through the view (by hand: tests, repairs), a row is stored as given and replaces the buyer's computed row of
-- that run, wherever the run keeps its buyers (a buyer's pattern in run_assignments is cleared, its assignment kept).
create or replace function run_customer_predictions_written() returns trigger language plpgsql as $$
declare
    run bigint := case when tg_op = 'INSERT' then new.run_id else old.run_id end;
    customer bigint := case when tg_op = 'INSERT' then new.customer_key else old.customer_key end;
begin
    delete from run_prediction_buyers where run_id = run and customer_key = customer;
    update run_assignments set buyer_x = null, buyer_recency_days = null, buyer_age_days = null, buyer_repeat_average = null
    where run_id = run and customer_key = customer and buyer_x is not null;
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

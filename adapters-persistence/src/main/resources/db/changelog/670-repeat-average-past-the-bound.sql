--liquibase formatted sql

--changeset strata:670-repeat-average-past-the-bound splitStatements:false
-- The view's repeat_average is numeric(19,4), which holds less than 10^15; a repeat buyer's repeat purchase days
-- (each the sum of one UTC day's orders, each order under 10^15) may average 10^15 or more, and reading that column
-- for such a buyer failed with "numeric field overflow" (session 59, amounts near the bound). Such an average is left
-- empty in the column instead (it is not made up); the predicted values are worked out from the double as before, so
-- no other column changes. CREATE OR REPLACE VIEW keeps the column's type and typmod: the cast stays numeric(19,4).
-- A double below 10^15 is at most 10^15 - 0.125, which rounds to 4 places within the type; NaN compares above
-- every number, so it is left empty too.
create or replace view run_customer_predictions as
select b.run_id, b.customer_key, b.x, b.recency_days, b.age_days, (case when abs(b.repeat_average) < 1e15::float8 then b.repeat_average end)::numeric(19, 4) as repeat_average,
       case when fa.run_id is not null
            then 1 / bg_nbd_inverse_p_alive(r.r, r.alpha, r.a, r.b, b.x, b.recency_days, b.age_days) else fp.p_alive end as p_alive,
       coalesce(fa.e30 / bg_nbd_inverse_p_alive(r.r, r.alpha, r.a, r.b, b.x, b.recency_days, b.age_days), fp.e30) as expected_purchases_30d,
       coalesce(fa.e90 / bg_nbd_inverse_p_alive(r.r, r.alpha, r.a, r.b, b.x, b.recency_days, b.age_days), fp.e90) as expected_purchases_90d,
       coalesce(fa.e365 / bg_nbd_inverse_p_alive(r.r, r.alpha, r.a, r.b, b.x, b.recency_days, b.age_days), fp.e365) as expected_purchases_365d,
       case when fa.run_id is null and fp.run_id is null then null
            when b.x = 0 then r.p * r.v / (r.q - 1)
            else r.p * (r.v + b.x * b.repeat_average) / (r.p * b.x + r.q - 1) end as expected_purchase_value,
       case when fa.run_id is null and fp.run_id is null then null
            when b.x = 0 then r.p * r.v / (r.q - 1)
            else r.p * (r.v + b.x * b.repeat_average) / (r.p * b.x + r.q - 1) end
           * coalesce(fa.discounted / bg_nbd_inverse_p_alive(r.r, r.alpha, r.a, r.b, b.x, b.recency_days, b.age_days), fp.discounted)
           as predicted_value
from run_prediction_buyers b
join run_predictions r on r.run_id = b.run_id
left join run_pattern_forecasts fp on fp.run_id = b.run_id and fp.x = b.x and fp.recency_days = b.recency_days and fp.age_days = b.age_days
left join run_forecasts_if_alive fa on fa.run_id = b.run_id and fa.x = b.x and fa.age_days = b.age_days
union all
select a.run_id, a.customer_key, a.buyer_x, a.buyer_recency_days, a.buyer_age_days, (case when abs(a.buyer_repeat_average) < 1e15::float8 then a.buyer_repeat_average end)::numeric(19, 4),
       case when fa.run_id is not null
            then 1 / bg_nbd_inverse_p_alive(r.r, r.alpha, r.a, r.b, a.buyer_x, a.buyer_recency_days, a.buyer_age_days) else fp.p_alive end,
       coalesce(fa.e30 / bg_nbd_inverse_p_alive(r.r, r.alpha, r.a, r.b, a.buyer_x, a.buyer_recency_days, a.buyer_age_days), fp.e30),
       coalesce(fa.e90 / bg_nbd_inverse_p_alive(r.r, r.alpha, r.a, r.b, a.buyer_x, a.buyer_recency_days, a.buyer_age_days), fp.e90),
       coalesce(fa.e365 / bg_nbd_inverse_p_alive(r.r, r.alpha, r.a, r.b, a.buyer_x, a.buyer_recency_days, a.buyer_age_days), fp.e365),
       case when fa.run_id is null and fp.run_id is null then null
            when a.buyer_x = 0 then r.p * r.v / (r.q - 1)
            else r.p * (r.v + a.buyer_x * a.buyer_repeat_average) / (r.p * a.buyer_x + r.q - 1) end,
       case when fa.run_id is null and fp.run_id is null then null
            when a.buyer_x = 0 then r.p * r.v / (r.q - 1)
            else r.p * (r.v + a.buyer_x * a.buyer_repeat_average) / (r.p * a.buyer_x + r.q - 1) end
           * coalesce(fa.discounted / bg_nbd_inverse_p_alive(r.r, r.alpha, r.a, r.b, a.buyer_x, a.buyer_recency_days, a.buyer_age_days),
                      fp.discounted)
from run_assignments a
join run_predictions r on r.run_id = a.run_id and r.buyers_in_assignments
left join run_pattern_forecasts fp on fp.run_id = a.run_id and fp.x = a.buyer_x and fp.recency_days = a.buyer_recency_days
                                  and fp.age_days = a.buyer_age_days
left join run_forecasts_if_alive fa on fa.run_id = a.run_id and fa.x = a.buyer_x and fa.age_days = a.buyer_age_days
where a.buyer_x is not null
union all
select run_id, customer_key, x, recency_days, age_days, repeat_average, p_alive, expected_purchases_30d, expected_purchases_90d,
       expected_purchases_365d, expected_purchase_value, predicted_value
from run_customer_predictions_stored;

--liquibase formatted sql

--changeset strata:470-forecasts-if-alive-per-age splitStatements:false
-- A run's forecasts stored once per (x, T), not once per (x, t_x, T) pattern (issue 20 item 8, docs/predictions.md
-- "Storage"): every forecast but P(alive) depends on x and T only, E[purchases in t | x, t_x, T] =
-- P(alive | x, t_x, T) × E[purchases in t | alive, x, T], and a million buyers show some 20,000 such pairs against
-- 457,000 patterns. Per run, run_forecasts_if_alive holds the expected purchases if alive in 30, 90 and 365 days and the
-- discounted expected purchases if alive over the horizon; the view works each buyer's P(alive) out at read from the
-- run's fitted r, α, a, b (BG/NBD eq. 12, time in weeks of 7 days) and divides, in double precision. The values may
-- differ from the domain's CustomerPrediction in the last bits (PostgreSQL's ln and exp are the C library's, Java's
-- its own); the runs stored before (run_predictions.forecasts_if_alive false, their forecasts per pattern) read
-- exactly as before.
create table run_forecasts_if_alive (
    run_id      bigint not null references segmentation_runs (run_id) on delete cascade,
    x           integer not null,
    age_days    integer not null,
    e30         double precision not null,
    e90         double precision not null,
    e365        double precision not null,
    discounted  double precision not null,
    primary key (run_id, x, age_days)
) partition by list (run_id);
alter table run_predictions add column forecasts_if_alive boolean not null default false;

-- 1 / P(alive | x, t_x, T) = 1 + [x > 0] · a / (b + x − 1) · ((α + T) / (α + t_x))^(r + x), with t_x and T given in days,
-- as the domain's BgNbd works it out: the log-odds (r + x) ln((α + T) / (α + t_x)) + ln(a / (b + x − 1)) and one exp
-- (BgNbd.probabilityAlive; its forecasts divide by the same quotient written with pow). PostgreSQL raises an error where
-- exp would overflow or underflow, Java gives infinity or 0: the log-odds are held to [−700, 700]. Below −37 the
-- quotient is 1 either way; above 700 the buyer's P(alive) reads 1e-304 instead of Java's 1e-304 to 0, and its
-- forecasts as tiny, without any error on the way. One SQL expression, so PostgreSQL inlines it into the view's readers.
create function bg_nbd_inverse_p_alive(r double precision, alpha double precision, a double precision, b double precision,
                                       x integer, recency_days integer, age_days integer)
    returns double precision language sql immutable parallel safe as $$
select case when x = 0 then 1::float8
            else 1 + exp(least(greatest((r + x) * ln((alpha + age_days::float8 / 7) / (alpha + recency_days::float8 / 7))
                                        + ln(a / (b + x - 1)), -700::float8), 700::float8)) end
$$;

-- The branches of changeset 330, each now joined to both kinds of forecasts: a run has a partition in one table only
-- (runs stored before this changeset in run_pattern_forecasts, with their P(alive); runs stored since in
-- run_forecasts_if_alive), so for a given run PostgreSQL prunes the other join to nothing, and a reader's probe per
-- buyer costs what it cost with one kind (one branch per kind made every rule's sub-select probe the run's assignment
-- row twice). The rows stored before changeset 270 last. A run not fitted has no forecasts in either table: its buyers
-- read with every predicted field empty, as before. The runs stored before read their stored values exactly as before.
create or replace view run_customer_predictions as
select b.run_id, b.customer_key, b.x, b.recency_days, b.age_days, b.repeat_average::numeric(19, 4) as repeat_average,
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
select a.run_id, a.customer_key, a.buyer_x, a.buyer_recency_days, a.buyer_age_days, a.buyer_repeat_average::numeric(19, 4),
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

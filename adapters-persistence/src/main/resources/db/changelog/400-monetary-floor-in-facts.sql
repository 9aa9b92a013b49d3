--liquibase formatted sql

--changeset strata:400-monetary-floor-in-facts
-- The whole units of each customer's monetary, kept with the facts for the RFM runs' third-score thresholds (issue 19
-- item 2, docs/segmentation.md "Score thresholds"): the thresholds count the buyers per unit and then look inside the
-- few units that hold a boundary. Computed per buyer at every run (a numeric floor, in a pass PostgreSQL kept serial
-- because it expected one group per distinct amount), it cost 0.2-0.4 s of a run at 1M customers; as a column of its
-- own it has its own statistics (a few thousand values), so the pass runs in parallel, and it is a bigint. The floor is
-- taken of the amount rounded to the run's scale (numeric(19,4), the runs' monetary), so that equal run amounts share
-- a unit, and clamped to +-10^18 so that no amount, however large, makes a facts write fail: the value only has to grow
-- with the amount, which the clamp keeps. Generated: no import statement names it. Rewrites the table once.
alter table customer_purchase_facts
    add column monetary_floor bigint generated always as (greatest(least(floor(round(monetary, 4)), 1000000000000000000), -1000000000000000000)::bigint) stored;

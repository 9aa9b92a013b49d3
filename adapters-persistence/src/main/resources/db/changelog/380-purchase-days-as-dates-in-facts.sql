--liquibase formatted sql

--changeset strata:380-purchase-days-as-dates-in-facts
-- The buyer pattern's parts that a run's predictions (and its assignment, when it carries the buyers) worked out for
-- every customer at every run, kept with the facts instead (issue 20 item 8, docs/predictions.md "Buyers from the
-- purchase facts"): the UTC days of the first and last purchase instants and the repeat average. Generated columns:
-- PostgreSQL keeps them whenever an import writes a facts row (no import statement names them), from the very
-- expressions the runs used, so a run reads the same values to the last bit (the average's numeric division and its
-- conversion to a double, which goes through the number's text, and three time-zone shifts and date casts cost about
-- 0.7 s of CPU per million buyers in each statement that computed them; docs/benchmarks.md, "Session 34: predictions").
-- Rewrites the table once, filling them for the facts already there.
alter table customer_purchase_facts
    add column first_purchase_day date generated always as ((first_bought_at at time zone interval '0')::date) stored,
    add column last_purchase_day date generated always as ((last_bought_at at time zone interval '0')::date) stored,
    add column repeat_average float8 generated always as ((repeat_total / nullif(purchase_days - 1, 0))::float8) stored;

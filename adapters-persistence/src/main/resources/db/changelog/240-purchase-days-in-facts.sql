--liquibase formatted sql

--changeset strata:240-purchase-days-in-facts
-- What the predictions need per customer besides the contract's metrics (issue 20 item 8, docs/predictions.md): the
-- number of purchase days (UTC days with an order above 0) and the total of the purchase days after the first. With the
-- first and last purchase instants already there, a run whose date covers every order reads its buyers' x, t_x, T and
-- repeat average from these rows instead of aggregating the orders by customer and day. Kept by every orders import
-- (PurchaseFacts) in the statements that keep the other columns; filled here for the orders already imported.
alter table customer_purchase_facts
    add column purchase_days integer not null default 0,
    add column repeat_total numeric not null default 0;
update customer_purchase_facts f set purchase_days = d.purchase_days, repeat_total = d.repeat_total
from (
    select customer_key, count(*) as purchase_days,
           sum(spent) - (min(array[(day - date '2000-01-01')::numeric, spent]))[2] as repeat_total
    from (select customer_key, (ordered_at at time zone 'UTC')::date as day, sum(total) as spent
          from orders where total > 0 group by 1, 2) days
    group by customer_key
) d
where d.customer_key = f.customer_key;
alter table customer_purchase_facts add constraint customer_purchase_facts_purchase_days_check
    check (purchase_days >= 0 and (frequency = 0) = (purchase_days = 0) and (purchase_days > 1 or repeat_total = 0));

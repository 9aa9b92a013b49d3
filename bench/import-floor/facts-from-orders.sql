-- the purchase facts aggregated from the orders just written (PurchaseFacts.insertFromOrders, the same statement)
\echo step facts_from_orders
set local enable_hashagg = off;
insert into customer_purchase_facts (customer_key, frequency, monetary, first_bought_at, last_bought_at, purchase_days, repeat_total)
select customer_key, sum(bought)::int, sum(monetary), min(first_at), max(last_at), count(*) filter (where bought > 0)::int,
       coalesce(sum(spent) - (min(array[(day - date '2000-01-01')::numeric, spent]) filter (where bought > 0))[2], 0)
from (select o.customer_key, (o.ordered_at at time zone 'UTC')::date as day, count(*) filter (where o.total > 0) as bought,
             sum(o.total) as monetary, sum(o.total) filter (where o.total > 0) as spent,
             min(o.ordered_at) filter (where o.total > 0) as first_at, max(o.ordered_at) filter (where o.total > 0) as last_at
      from orders o group by 1, 2 order by 1, 2) d
group by customer_key order by customer_key;
reset enable_hashagg;

-- The per-customer purchase facts and their horizon as an orders import leaves them (changesets 060 and 240; the
-- application's statement is PurchaseFacts.factsOf), for the benchmark scripts that generate orders inside PostgreSQL.
-- Included with \i from the repository root.
insert into customer_purchase_facts (customer_key, frequency, monetary, first_bought_at, last_bought_at, purchase_days, repeat_total)
  select customer_key, sum(bought)::int, sum(monetary), min(first_at), max(last_at), count(*) filter (where bought > 0)::int,
         coalesce(sum(spent) - (min(array[(day - date '2000-01-01')::numeric, spent]) filter (where bought > 0))[2], 0)
  from (select customer_key, (ordered_at at time zone 'UTC')::date as day, count(*) filter (where total > 0) as bought,
               sum(total) as monetary, sum(total) filter (where total > 0) as spent,
               min(ordered_at) filter (where total > 0) as first_at, max(ordered_at) filter (where total > 0) as last_at
        from orders group by 1, 2) d group by customer_key;
update purchase_facts_horizon set latest_ordered_at = (select max(ordered_at) from orders);

-- the orders from a stage holding customer ids, keys resolved by one join with the customers, and their facts
-- from the rows the insert returns (OrderMerge.insertOrders + PurchaseFacts.insertWithFacts, the same statements)
\echo step orders_and_facts_from_stage
set local enable_hashagg = off;
with inserted as (
  insert into orders (order_key, order_id, customer_key, ordered_at, total, line_count, categories, line_digest, category_mask)
  select s.order_key, s.order_id, c.customer_key, s.ordered_at, s.total, s.line_count, s.categories, s.line_digest, s.category_mask
  from stage s join customers c using (customer_id)
  returning customer_key, total, ordered_at),
facts as (
  insert into customer_purchase_facts (customer_key, frequency, monetary, first_bought_at, last_bought_at, purchase_days, repeat_total)
  select customer_key, sum(bought)::int, sum(monetary), min(first_at), max(last_at), count(*) filter (where bought > 0)::int,
         coalesce(sum(spent) - (min(array[(day - date '2000-01-01')::numeric, spent]) filter (where bought > 0))[2], 0)
  from (select o.customer_key, (o.ordered_at at time zone 'UTC')::date as day, count(*) filter (where o.total > 0) as bought,
               sum(o.total) as monetary, sum(o.total) filter (where o.total > 0) as spent,
               min(o.ordered_at) filter (where o.total > 0) as first_at, max(o.ordered_at) filter (where o.total > 0) as last_at
        from inserted o group by 1, 2 order by 1, 2) d
  group by customer_key order by customer_key)
select count(*) as orders_inserted from inserted;
reset enable_hashagg;

--liquibase formatted sql

--changeset strata:410-order-category-masks splitStatements:false
-- The categories of an order as bits of one number, carried by the orders' index (issue 19 item 3, docs/rule-language.md
-- "Categories of orders"): a preview's or a tactical membership's `count(orders where category = … within N days)` then
-- reads each member's orders in the index alone, never the orders' heap (1.5 GB at 10M orders, far more than the shared
-- buffers: about 1.4 heap pages read per member, the 1,500-day preview in champions at 10M 3-5 s warm).
-- order_category_bits numbers the categories an import met with bits 0..61; a bit once given is never given to another
-- category nor taken back. orders.category_mask holds the bits of an order's categories, and bit 62 for any category of
-- it left without a bit of its own (all 62 given: a rule asking for such a category reads the orders that have bit 62
-- from their categories); NULL when the order's categories are not known (orders.categories NULL) or the import's bits
-- could not be stored as it gave them: a rule then reads the order's categories or lines (order_in_categories), so the
-- answer is the same either way.
create table order_category_bits (
    category text primary key,
    bit smallint not null unique check (bit between 0 and 61)
);

alter table orders add column category_mask bigint;

-- Numbers the categories of the orders whose mask is NULL and whose categories are known (those not numbered yet, in
-- text order, while bits are free), and fills those orders' masks. For this changeset and for tests that write orders
-- directly; imports number the categories and work out the masks as the lines stream (CategoryBits).
create function fill_order_category_masks() returns void language sql as $$
    insert into order_category_bits (category, bit)
    select n.category, (select coalesce(max(bit), -1) from order_category_bits) + row_number() over (order by n.category)
    from (select distinct u.category from orders o cross join unnest(o.categories) u(category)
          where o.category_mask is null and u.category <> '') n
    where not exists (select 1 from order_category_bits b where b.category = n.category)
    order by n.category
    limit greatest(0, 61 - (select coalesce(max(bit), -1) from order_category_bits));
    update orders o set category_mask = coalesce((select bit_or(coalesce(1::bigint << b.bit, 4611686018427387904))
        from unnest(o.categories) u(category) left join order_category_bits b on b.category = u.category
        where u.category <> ''), 0)
    where o.category_mask is null and o.categories is not null;
$$;

select fill_order_category_masks();

-- Whether order p_order_key has a line of one of the categories: from its categories when known, else from its lines
-- (order_has_line_in_categories, changeset 320). What a rule asks of an order whose mask does not answer; called by the
-- order's key, which the orders' index carries, so that the probe of a member's orders stays in the index.
create function order_in_categories(p_order_key bigint, p_categories text[]) returns boolean
    language sql stable parallel safe as $$
    select coalesce(o.categories && p_categories, order_has_line_in_categories(o.order_key, p_categories))
    from orders o where o.order_key = p_order_key
$$;

drop index orders_customer_idx;
create index orders_customer_idx on orders (customer_key, ordered_at) include (total, category_mask, order_key);

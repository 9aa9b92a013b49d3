--liquibase formatted sql

--changeset strata:320-order-lines-in-categories splitStatements:false
-- Whether an order has a line of one of some categories, read from its lines: what a rule on categories asks of an
-- order whose categories are not known (orders.categories NULL, changeset 185). Written as an EXISTS beside the
-- categories in the same filter, that fallback was a subplan, which PostgreSQL never runs in a parallel worker: the probe
-- of each member's orders stayed in the leader, serial, even for the orders whose categories are known (issue 19 item 3:
-- a preview in champions at 10M customers). A function declared parallel safe keeps the probe in the workers; it is not
-- inlined (its body has a subquery), so it runs only for orders without categories. Empty categories never match, as a
-- missing text in a rule.
create function order_has_line_in_categories(p_order_key bigint, p_categories text[]) returns boolean
    language sql stable parallel safe as $$
    select exists (select 1 from order_lines l where l.order_key = p_order_key and l.category <> '' and l.category = any (p_categories))
$$;

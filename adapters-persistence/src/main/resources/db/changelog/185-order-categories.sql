--liquibase formatted sql

--changeset strata:185-order-categories
-- The distinct non-empty categories of an order's lines, kept by the orders import (issue 19, item 4). A rule such as
-- count(orders where category = "kids" within 180 days) >= 1 then reads only the customer's orders instead of
-- descending into order_lines for each of them: at 1M customers its working set (the orders index, the lines' key and
-- heap) did not fit in memory. NULL means "not known" (a row written by something other than the import): rules
-- then read the order's lines, so a writer that leaves it out is slower, never wrong.
alter table orders add column categories text[];
update orders o set categories = coalesce((select array_agg(distinct l.category) from order_lines l
                                           where l.order_key = o.order_key and l.category <> ''), '{}');

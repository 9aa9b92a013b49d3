--liquibase formatted sql

--changeset strata:280-order-line-digests
-- A digest of an order's lines as imported (amount, quantity, category, sku and channel of each line, in line order),
-- computed by the import while it sums the lines up (issue 19 item 1). A re-import compares it, with the order's
-- customer, time, total and line count, against the staged orders and keeps an order whose lines are the same: nothing
-- of it is deleted or written again. NULL (orders stored before this changeset, orders joined from several runs of a
-- file) never matches, so such an order is replaced as before.
alter table orders add column line_digest uuid;

--liquibase formatted sql

--changeset strata:650-run-sums-past-a-quadrillion
-- A customer's monetary (the sum of all their counted lines) and a segment's revenue (the sum of its customers'
-- monetary) are sums of amounts that each may reach 10^15 (numeric(19,4), the imports' bound): numeric(19,4) made
-- every run fail with "numeric field overflow" once one customer's lines summed past 10^15 (session 59, the contract
-- read from outside). 38 digits, scale 4 unchanged: PostgreSQL widens a numeric's precision at the same scale
-- without rewriting the table or its partitions.
alter table run_assignments alter column monetary type numeric(38, 4);
alter table run_segments alter column revenue type numeric(38, 4);

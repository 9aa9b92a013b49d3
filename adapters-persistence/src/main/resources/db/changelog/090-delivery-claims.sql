--liquibase formatted sql

--changeset strata:090-campaign-deliveries-claims
-- A relay claims the rows it is about to send (which node, until when), so several nodes on one database never send
-- one delivery twice; a claim whose node died lapses at claimed_until. Marking a row sent or failed clears its claim.
alter table campaign_deliveries add column claimed_by text;
alter table campaign_deliveries add column claimed_until timestamptz;

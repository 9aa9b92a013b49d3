--liquibase formatted sql

--changeset strata:143-untried-deliveries
-- The scheduler's beat looks for deliveries never tried (a launch whose node stopped before relaying them) on every
-- node each minute; this index holds only those rows, so the look stays cheap however many deliveries were sent.
create index campaign_deliveries_untried_idx on campaign_deliveries (campaign_id) where status = 'PENDING' and attempts = 0;

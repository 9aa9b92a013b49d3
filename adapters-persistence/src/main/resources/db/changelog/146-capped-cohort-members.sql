--liquibase formatted sql

--changeset strata:146-capped-cohort-members
-- Frequency caps apply to always-on cohorts too: a capped entrant is in neither group and not excluded for consent,
-- so a cohort counts its capped members and its figures still add up.
alter table always_on_cohorts add column capped bigint not null default 0;
alter table always_on_cohorts drop constraint always_on_cohorts_add_up;
alter table always_on_cohorts add constraint always_on_cohorts_add_up check (entered = excluded_for_consent + capped + treatment + control);

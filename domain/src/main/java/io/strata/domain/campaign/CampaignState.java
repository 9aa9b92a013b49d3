package io.strata.domain.campaign;

/** Where a campaign is in its life: draft → scheduled → running → completed, or cancelled before it runs. */
public enum CampaignState {
    DRAFT, SCHEDULED, RUNNING, COMPLETED, CANCELLED
}

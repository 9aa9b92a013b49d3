package io.strata.application.campaign;

import io.strata.domain.campaign.AlwaysOnState;
import io.strata.domain.campaign.CampaignResult;

import java.time.Instant;
import java.util.List;

/**
 * An always-on campaign with its cohorts and results: per cohort (conversions in the cohort's own window, moved-up
 * share once a later run exists) and in total (every cohort's conversions; migration over the cohorts that have a
 * later run, {@code migration}, since the newest cohort never has one yet).
 */
public record AlwaysOnView(long campaignId, String name, String targetSegment, Long tacticalSegmentId, AlwaysOnState state,
                           long baselineRunId, Instant startedAt, Instant changedAt, String stopReason, List<CohortResult> cohorts,
                           CampaignResult total, CampaignResult migration, List<String> allowed) {

    public AlwaysOnView {
        cohorts = List.copyOf(cohorts);
        allowed = List.copyOf(allowed);
    }

    /** One cohort's figures; {@code laterRunId} null (and migration unknown) until a later run completes. */
    public record CohortResult(Cohort cohort, Instant windowEnd, boolean windowClosed, Long laterRunId, CampaignResult result) {
    }
}

package io.strata.application.campaign.port.out;

import io.strata.application.campaign.CohortConversions;
import io.strata.application.campaign.CohortMovedUp;

import java.time.Duration;
import java.util.List;

/** Out-port: what happened to an always-on campaign's cohorts, computed in the database per cohort and group. */
public interface CohortOutcomes {

    /**
     * Per cohort of the given runs and group: customers, those with an order with a positive total in
     * [formedAt, formedAt + window), and that sum.
     */
    List<CohortConversions> conversions(long campaignId, Duration window, List<Long> cohortRunIds);

    /**
     * Per cohort of the given runs and group, for cohorts whose run has a later completed run of the same segmentation:
     * those whose segment in the latest such run ranks above their segment in the cohort's run.
     */
    List<CohortMovedUp> movedUp(long campaignId, List<Long> cohortRunIds);

    /** The totals over every cohort, each one aggregate query (what the per-cohort figures add up to). */
    io.strata.application.campaign.CohortTotals totals(long campaignId, Duration window);
}

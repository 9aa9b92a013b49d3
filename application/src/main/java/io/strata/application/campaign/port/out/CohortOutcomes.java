package io.strata.application.campaign.port.out;

import io.strata.application.campaign.CohortConversions;
import io.strata.application.campaign.CohortMovedUp;

import java.time.Duration;
import java.util.List;

/** Out-port: what happened to an always-on campaign's cohorts, computed in the database per cohort and group. */
public interface CohortOutcomes {

    /** Per cohort and group: customers, those with an order with a positive total in [formedAt, formedAt + window), and that sum. */
    List<CohortConversions> conversions(long campaignId, Duration window);

    /**
     * Per cohort and group, for cohorts whose run has a later completed run of the same segmentation: those whose
     * segment in the latest such run ranks above their segment in the cohort's run.
     */
    List<CohortMovedUp> movedUp(long campaignId);
}

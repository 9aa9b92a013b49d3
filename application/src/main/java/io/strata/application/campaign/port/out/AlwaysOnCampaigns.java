package io.strata.application.campaign.port.out;

import io.strata.application.campaign.AlwaysOn;
import io.strata.application.campaign.Cohort;
import io.strata.domain.campaign.AlwaysOnState;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Out-port: always-on campaigns, their state and their cohorts. */
public interface AlwaysOnCampaigns {

    void start(long campaignId, long baselineRunId, Instant at);

    Optional<AlwaysOn> find(long campaignId);

    /** Reads and holds the row until the unit of work ends, as {@link Campaigns#lockForChange}. */
    Optional<AlwaysOn> lockForChange(long campaignId);

    void update(long campaignId, AlwaysOnState state, Instant at, String stopReason);

    /** Ids of the campaigns that are ACTIVE. */
    List<Long> active();

    /** Stores the cohort and adds its counts to the campaign's audience counts. */
    void recordCohort(Cohort cohort);

    boolean hasCohort(long campaignId, long runId);

    /** The campaign's newest cohorts first: those of runs before {@code beforeRunId} ({@code null}: all), at most {@code limit}. */
    List<Cohort> newestCohorts(long campaignId, Long beforeRunId, int limit);
}

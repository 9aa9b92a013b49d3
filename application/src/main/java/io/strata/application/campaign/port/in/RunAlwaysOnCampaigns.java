package io.strata.application.campaign.port.in;

import io.strata.application.campaign.AlwaysOnView;

/**
 * Use case: a scheduled campaign made always-on for its target. After every completed run, the customers who entered
 * the target since the previous run form a cohort, split by the campaign's control share, and the treated get the
 * campaign's action. Pause, resume and stop are each audited.
 */
public interface RunAlwaysOnCampaigns {

    /** Starts a scheduled campaign always-on, from the latest completed run; the campaign is then RUNNING. */
    AlwaysOnView start(long campaignId);

    AlwaysOnView pause(long campaignId);

    AlwaysOnView resume(long campaignId);

    /** Stops for good and completes the campaign; its cohorts and results stay. */
    AlwaysOnView stop(long campaignId, String reason);

    /** The campaign's always-on state, cohorts and results. */
    AlwaysOnView alwaysOn(long campaignId);

    /**
     * The campaign with only its newest cohorts, {@code limit} of them, from before the cohort of run {@code beforeRunId}
     * ({@code null}: the newest), and its totals over every cohort computed in the database.
     */
    io.strata.application.campaign.AlwaysOnPage alwaysOnPage(long campaignId, Long beforeRunId, int limit);
}

package io.strata.application.campaign.port.in;

import io.strata.application.campaign.AlwaysOnPage;

/**
 * Use case: a scheduled campaign made always-on for its target. After every completed run, the customers who entered
 * the target since the previous run form a cohort, split by the campaign's control share, and the treated get the
 * campaign's action. Pause, resume and stop are each audited.
 */
public interface RunAlwaysOnCampaigns {

    /**
     * How many cohorts a page holds unless asked otherwise, the newest: what the campaign's console page shows and what
     * the API answers (session 53: it answered every cohort, 2,850 and 1.8 MB after three years).
     */
    int NEWEST_COHORTS = 20;

    /** Starts a scheduled campaign always-on, from the latest completed run; the campaign is then RUNNING. Answers its newest page. */
    AlwaysOnPage start(long campaignId);

    /** Each change answers the campaign's newest page ({@link #NEWEST_COHORTS} cohorts, totals over all). */
    AlwaysOnPage pause(long campaignId);

    AlwaysOnPage resume(long campaignId);

    /** Stops for good and completes the campaign; its cohorts and results stay. */
    AlwaysOnPage stop(long campaignId, String reason);

    /**
     * The campaign with only its newest cohorts, {@code limit} of them, from before the cohort of run {@code beforeRunId}
     * ({@code null}: the newest), and its totals over every cohort computed in the database.
     */
    io.strata.application.campaign.AlwaysOnPage alwaysOnPage(long campaignId, Long beforeRunId, int limit);
}

package io.strata.application.campaign;

import io.strata.domain.campaign.GroupOutcome;

/**
 * An always-on campaign's totals over all its cohorts, computed in the database (session 52: the page read every cohort,
 * 2,840 after three years, to add them up): how many cohorts, how many customers entered, how many cohorts have a later
 * run; conversions per group over every cohort ({@code treatment}, {@code control}, migration unknown) and over the
 * cohorts with a later run with their moves ({@code migratedTreatment}, {@code migratedControl}).
 */
public record CohortTotals(long cohorts, long entered, long cohortsWithLaterRun, GroupOutcome treatment, GroupOutcome control,
                           GroupOutcome migratedTreatment, GroupOutcome migratedControl) {
}

package io.strata.application.campaign;

/**
 * A page of an always-on campaign for its console page: {@code view} holds the newest cohorts of the page only (in run
 * order) and the totals over every cohort; {@code totals} the counts over every cohort; {@code older} the run id of the
 * oldest cohort shown when there are older ones (the next page's cursor), else null.
 */
public record AlwaysOnPage(AlwaysOnView view, CohortTotals totals, Long older) {
}

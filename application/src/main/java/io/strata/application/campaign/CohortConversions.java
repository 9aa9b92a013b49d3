package io.strata.application.campaign;

import java.math.BigDecimal;

/** One group of one cohort: its customers, those with an order with a positive total in the cohort's window, and that revenue. */
public record CohortConversions(long runId, AudienceGroup group, long customers, long converters, BigDecimal revenue) {
}

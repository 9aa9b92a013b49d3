package io.strata.application.prediction;

import io.strata.domain.prediction.BgNbd;
import io.strata.domain.prediction.GammaGamma;

/**
 * A run's fitted models, or why there are none: then {@code reason} says why and the parameters are null. Time is in
 * weeks; {@code logLikelihood} is BG/NBD's maximum over all buyers.
 */
public record PredictionSummary(long runId, PredictionStatus status, String reason, long customers, long repeatBuyers, BgNbd bgNbd,
                                GammaGamma gammaGamma, Double logLikelihood, Double spendCorrelation, int horizonMonths,
                                double monthlyDiscount) {
}

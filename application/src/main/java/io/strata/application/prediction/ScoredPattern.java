package io.strata.application.prediction;

import io.strata.domain.prediction.PatternForecast;

/** What BG/NBD forecasts for every buyer with one pattern. */
public record ScoredPattern(BuyerPattern pattern, PatternForecast forecast) {
}

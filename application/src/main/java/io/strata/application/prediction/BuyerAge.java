package io.strata.application.prediction;

import io.strata.domain.prediction.PatternForecast;

/**
 * Buyers sharing x and T in whole days, whatever their t_x: BG/NBD's forecasts if alive depend on nothing else, so a run
 * stores them once per such pair (since changeset 470; a million buyers show some 20,000 of them against 457,000
 * (x, t_x, T) patterns) and each buyer's P(alive), the only part that needs t_x, is worked out at read.
 */
public record BuyerAge(int x, int ageDays) {

    public double ageInWeeks() {
        return PatternForecast.weeks(ageDays);
    }
}

package io.strata.application.prediction;

import io.strata.domain.prediction.PatternForecast;
import io.strata.domain.prediction.PurchasePattern;

/** Buyers sharing x, t_x and T in whole days (the store keys buyers by day); the models see weeks of 7 days. */
public record BuyerPattern(int x, int recencyDays, int ageDays, long buyers) {

    public PurchasePattern inWeeks() {
        return new PurchasePattern(x, PatternForecast.weeks(recencyDays), PatternForecast.weeks(ageDays), buyers);
    }
}

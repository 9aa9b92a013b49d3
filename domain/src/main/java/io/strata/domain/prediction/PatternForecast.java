package io.strata.domain.prediction;

/**
 * What BG/NBD forecasts for every buyer with one purchase pattern: the probability of being alive, the expected
 * purchases in the next 30, 90 and 365 days, and the expected purchases of each month of the value horizon discounted
 * to today (predicted value is that times the expected purchase value).
 */
public record PatternForecast(double probabilityAlive, double purchases30d, double purchases90d, double purchases365d,
                              double discountedPurchases) {

    static PatternForecast of(BgNbd model, int x, double recency, double age, ValueHorizon horizon) {
        double discounted = 0;
        double previous = 0;
        double in30 = Double.NaN;
        double in90 = Double.NaN;
        for (int month = 1; month <= horizon.months(); month++) {
            double cumulative = model.expectedPurchases(weeks(month * ValueHorizon.DAYS_PER_MONTH), x, recency, age);
            discounted += (cumulative - previous) / Math.pow(1 + horizon.monthlyDiscount(), month);
            previous = cumulative;
            // months are 30 days: the first and third months' cumulative forecasts are the 30- and 90-day ones
            in30 = month == 1 ? cumulative : in30;
            in90 = month == 3 ? cumulative : in90;
        }
        return new PatternForecast(model.probabilityAlive(x, recency, age),
                Double.isNaN(in30) ? model.expectedPurchases(weeks(30), x, recency, age) : in30,
                Double.isNaN(in90) ? model.expectedPurchases(weeks(90), x, recency, age) : in90,
                model.expectedPurchases(weeks(365), x, recency, age), discounted);
    }

    /** Strata's time unit: a week is 7 days. */
    public static double weeks(double days) {
        return days / 7;
    }
}

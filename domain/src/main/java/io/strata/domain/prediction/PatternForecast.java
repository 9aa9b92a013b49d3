package io.strata.domain.prediction;

/**
 * What BG/NBD forecasts for every buyer with one purchase pattern: the probability of being alive, the expected
 * purchases in the next 30, 90 and 365 days, and the expected purchases of each month of the value horizon discounted
 * to today (predicted value is that times the expected purchase value).
 */
public record PatternForecast(double probabilityAlive, double purchases30d, double purchases90d, double purchases365d,
                              double discountedPurchases) {

    static PatternForecast of(BgNbd model, int x, double recency, double age, ValueHorizon horizon) {
        return IfAlive.of(model, x, age, horizon).given(model, x, recency, age);
    }

    /** Strata's time unit: a week is 7 days. */
    public static double weeks(double days) {
        return days / 7;
    }

    /**
     * The forecasts of a buyer with x repeat purchases and age T if still alive (the numerators of equation 10). They
     * do not depend on t_x: a million buyers share far fewer (x, T) pairs than (x, t_x, T) patterns, and each pattern
     * only divides them by its own 1 / P(alive). Since changeset 470 these are what a run stores, once per (x, T); the view
     * run_customer_predictions works each buyer's P(alive) out at read and multiplies (docs/predictions.md, "Storage").
     */
    public record IfAlive(double purchases30d, double purchases90d, double purchases365d, double discountedPurchases) {

        static IfAlive of(BgNbd model, int x, double age, ValueHorizon horizon) {
            double discounted = 0;
            double previous = 0;
            double in30 = Double.NaN;
            double in90 = Double.NaN;
            for (int month = 1; month <= horizon.months(); month++) {
                double cumulative = model.expectedPurchasesIfAlive(weeks(month * ValueHorizon.DAYS_PER_MONTH), x, age);
                discounted += (cumulative - previous) / Math.pow(1 + horizon.monthlyDiscount(), month);
                previous = cumulative;
                // months are 30 days: the first and third months' cumulative forecasts are the 30- and 90-day ones
                in30 = month == 1 ? cumulative : in30;
                in90 = month == 3 ? cumulative : in90;
            }
            return new IfAlive(Double.isNaN(in30) ? model.expectedPurchasesIfAlive(weeks(30), x, age) : in30,
                    Double.isNaN(in90) ? model.expectedPurchasesIfAlive(weeks(90), x, age) : in90,
                    model.expectedPurchasesIfAlive(weeks(365), x, age), discounted);
        }

        PatternForecast given(BgNbd model, int x, double recency, double age) {
            double inverse = model.inverseProbabilityAlive(x, recency, age);
            return new PatternForecast(model.probabilityAlive(x, recency, age), purchases30d / inverse, purchases90d / inverse,
                    purchases365d / inverse, discountedPurchases / inverse);
        }
    }
}

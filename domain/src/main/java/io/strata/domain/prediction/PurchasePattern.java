package io.strata.domain.prediction;

/**
 * How many buyers share one purchase pattern: {@code x} repeat purchase days, the last {@code recency} weeks after the
 * first purchase day, observed for {@code age} weeks since it. The BG/NBD likelihood depends on nothing else, so a
 * million buyers collapse to the distinct patterns they show.
 */
public record PurchasePattern(int x, double recency, double age, long buyers) {

    public PurchasePattern {
        if (x < 0 || buyers < 1 || !(recency >= 0) || !(age >= recency) || Double.isInfinite(age)) {
            throw new IllegalArgumentException("a purchase pattern needs x >= 0, 0 <= recency <= age and at least one buyer; got x "
                    + x + ", recency " + recency + ", age " + age + ", buyers " + buyers);
        }
        if (x == 0 && recency != 0) {
            throw new IllegalArgumentException("a buyer without repeat purchases has recency 0, not " + recency);
        }
    }

    public static PurchasePattern of(int x, double recency, double age) {
        return new PurchasePattern(x, recency, age, 1);
    }
}

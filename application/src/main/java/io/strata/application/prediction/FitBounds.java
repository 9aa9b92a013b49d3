package io.strata.application.prediction;

/**
 * How much of a base the models are fitted on at most, so that the application's memory does not grow with the number
 * of customers: above {@code patterns} distinct (x, t_x, T) patterns BG/NBD is fitted on the patterns of a
 * deterministic sample of the buyers, and above {@code repeatBuyers} repeat buyers Gamma-Gamma on a deterministic sample
 * of them (a stable hash of the customer key picks them, so that the same base gives the same sample). Every buyer is
 * still scored.
 */
public record FitBounds(int patterns, int repeatBuyers) {

    public static final FitBounds DEFAULT = new FitBounds(500_000, 500_000);

    public FitBounds {
        if (patterns < 10 || repeatBuyers < 10) {
            throw new IllegalArgumentException("the models need at least 10 patterns and 10 repeat buyers to fit on; got "
                    + patterns + " and " + repeatBuyers);
        }
    }
}

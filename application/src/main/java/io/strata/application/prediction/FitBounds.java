package io.strata.application.prediction;

/**
 * How much of a base the models are fitted on at most, so that the application's memory and the run's CPU do not grow
 * with the number of customers: above {@code buyers} buyers both models are fitted on a deterministic sample of about
 * that many of them (since session 44: the buyers' read itself sends and tallies only the sample); above
 * {@code patterns} distinct (x, t_x, T) patterns BG/NBD is fitted on the patterns of a deterministic sample of the
 * buyers, and above {@code repeatBuyers} repeat buyers Gamma-Gamma on a deterministic sample of them (a stable hash of
 * the customer key picks them all, so that the same base gives the same sample). Every buyer is still scored, and the
 * counts of buyers and repeat buyers are always those of all of them.
 */
public record FitBounds(int patterns, int repeatBuyers, int buyers) {

    /** The default bound on the buyers a fit reads: on the benchmark's million buyers, see docs/predictions.md, "Memory". */
    public static final int DEFAULT_BUYERS = 100_000;

    public static final FitBounds DEFAULT = new FitBounds(500_000, 500_000, DEFAULT_BUYERS);

    public FitBounds {
        if (patterns < 10 || repeatBuyers < 10 || buyers < 10) {
            throw new IllegalArgumentException("the models need at least 10 patterns, 10 repeat buyers and 10 buyers to fit on; got "
                    + patterns + ", " + repeatBuyers + " and " + buyers);
        }
    }

    /** Bounds on the patterns and repeat buyers only: every buyer is read, however many (as before session 44). */
    public FitBounds(int patterns, int repeatBuyers) {
        this(patterns, repeatBuyers, Integer.MAX_VALUE);
    }
}

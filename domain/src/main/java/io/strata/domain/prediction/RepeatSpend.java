package io.strata.domain.prediction;

/** A repeat buyer's spend as the Gamma-Gamma model sees it: {@code x} repeat purchases averaging {@code averageValue}. */
public record RepeatSpend(int x, double averageValue) {

    public RepeatSpend {
        if (x < 1 || !(averageValue > 0) || Double.isInfinite(averageValue)) {
            throw new IllegalArgumentException("Gamma-Gamma needs a repeat buyer (x >= 1) with a positive average value; got x " + x
                    + ", average " + averageValue);
        }
    }
}

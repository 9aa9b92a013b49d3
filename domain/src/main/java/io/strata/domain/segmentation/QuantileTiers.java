package io.strata.domain.segmentation;

import java.util.function.Function;
import java.util.List;
import java.util.Set;

/**
 * k tiers by quantiles among buyers (k = number of keys, lowest tier first): a buyer's tier is
 * {@code 1 + floor(k × (rank − 1) / N)}, rank being SQL's {@code rank()} over the metric ascending and N the number
 * of buyers; ties share a tier. With k = 3 these are terciles.
 */
public record QuantileTiers(List<String> segmentKeysLowToHigh) implements TierSplit {

    public QuantileTiers {
        segmentKeysLowToHigh = List.copyOf(segmentKeysLowToHigh);
        if (segmentKeysLowToHigh.size() < 2) {
            throw new InvalidSegmentation("quantile tiers need at least two segments, lowest first; got " + segmentKeysLowToHigh);
        }
    }

    public static QuantileTiers of(String... segmentKeysLowToHigh) {
        return new QuantileTiers(List.of(segmentKeysLowToHigh));
    }

    public int count() {
        return segmentKeysLowToHigh.size();
    }

    @Override
    public Set<String> segmentKeys() {
        return Set.copyOf(segmentKeysLowToHigh);
    }

    @Override
    public <R> R match(Function<? super FixedTiers, ? extends R> fixed, Function<? super QuantileTiers, ? extends R> quantiles) {
        return quantiles.apply(this);
    }
}

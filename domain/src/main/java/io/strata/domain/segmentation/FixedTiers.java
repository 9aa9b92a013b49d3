package io.strata.domain.segmentation;

import java.util.function.Function;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Tiers with fixed boundaries. That they cover the metric's whole range without gap or overlap is checked by
 * {@link TierBasis}, which knows the metric.
 */
public record FixedTiers(List<Tier> tiers) implements TierSplit {

    public FixedTiers {
        tiers = List.copyOf(tiers);
        if (tiers.isEmpty()) {
            throw new InvalidSegmentation("fixed tiers need at least one tier");
        }
    }

    public static FixedTiers of(Tier... tiers) {
        return new FixedTiers(List.of(tiers));
    }

    @Override
    public Set<String> segmentKeys() {
        Set<String> keys = new LinkedHashSet<>();
        tiers.forEach(tier -> keys.add(tier.segmentKey()));
        return Set.copyOf(keys);
    }

    @Override
    public <R> R match(Function<? super FixedTiers, ? extends R> fixed, Function<? super QuantileTiers, ? extends R> quantiles) {
        return fixed.apply(this);
    }
}

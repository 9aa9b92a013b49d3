package io.strata.domain.segmentation;

import java.util.Set;
import java.util.function.Function;

/** How buyers are split into tiers: by fixed boundaries or by quantiles of the population. */
public sealed interface TierSplit permits FixedTiers, QuantileTiers {

    Set<String> segmentKeys();

    /** One function per kind of split, so a new kind does not compile until every engine handles it. */
    <R> R match(Function<? super FixedTiers, ? extends R> fixed, Function<? super QuantileTiers, ? extends R> quantiles);
}

package io.strata.domain.segmentation;

import java.util.Set;

/** How buyers are split into tiers: by fixed boundaries or by quantiles of the population. */
public sealed interface TierSplit permits FixedTiers, QuantileTiers {

    Set<String> segmentKeys();
}

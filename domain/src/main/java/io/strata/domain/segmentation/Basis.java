package io.strata.domain.segmentation;

import java.util.List;
import java.util.Set;

/**
 * What a general segmentation is built on. Each basis checks in its constructor that it sends every customer to
 * exactly one segment key; {@link GeneralSegmentation} checks that those keys are its segments.
 */
public sealed interface Basis permits RfmBasis, TierBasis, LifecycleBasis {

    /** Every segment key this basis can assign. */
    Set<String> segmentKeys();

    /**
     * The reference assignment of a whole population (scores and quantiles need all of it), one assignment per
     * member in the population's order.
     */
    List<Assignment> assign(List<CustomerContext> population, ConditionEvaluator conditions);

    /** One method per kind of basis, so a new kind does not compile until every engine and reader handles it. */
    interface Visitor<R> {
        R rfm(RfmBasis rfm);

        R tiers(TierBasis tiers);

        R lifecycle(LifecycleBasis lifecycle);
    }

    <R> R accept(Visitor<R> visitor);
}

package io.strata.application.segmentation;

import java.util.Map;
import java.util.Optional;

/**
 * Tactical segments and campaigns planned on a segmentation that another has since replaced, by id, with the name of
 * that segmentation. They stay readable; pages mark them so that nobody takes them for current plans.
 */
public record ReplacedPlans(Map<Long, String> tacticalSegments, Map<Long, String> campaigns) {

    public ReplacedPlans {
        tacticalSegments = Map.copyOf(tacticalSegments);
        campaigns = Map.copyOf(campaigns);
    }

    public static ReplacedPlans none() {
        return new ReplacedPlans(Map.of(), Map.of());
    }

    public Optional<String> ofTacticalSegment(long id) {
        return Optional.ofNullable(tacticalSegments.get(id));
    }

    public Optional<String> ofCampaign(long id) {
        return Optional.ofNullable(campaigns.get(id));
    }
}

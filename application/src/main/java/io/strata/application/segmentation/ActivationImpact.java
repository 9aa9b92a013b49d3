package io.strata.application.segmentation;

import java.util.List;
import java.util.Optional;

/**
 * What activating {@code next} would leave behind on the segmentation active now: its active tactical segments and
 * the campaigns not yet finished (draft, scheduled, running). Activation keeps them, marked as planned on a replaced
 * segmentation; it does not move them.
 */
public record ActivationImpact(StoredSegmentation next, Optional<StoredSegmentation> current, List<PlannedWork> tacticalSegments,
                               List<PlannedWork> campaigns) {

    public ActivationImpact {
        current = current.filter(c -> c.id() != next.id());
        tacticalSegments = current.isEmpty() ? List.of() : List.copyOf(tacticalSegments);
        campaigns = current.isEmpty() ? List.of() : List.copyOf(campaigns);
    }

    public boolean leavesNothingBehind() {
        return tacticalSegments.isEmpty() && campaigns.isEmpty();
    }
}

package io.strata.domain.segmentation;

import java.util.Objects;

/** One step of a lifecycle: customers meeting {@code condition} (and no earlier one) go to {@code segmentKey}. */
public record LifecycleStage(String segmentKey, StageCondition condition) {

    public LifecycleStage {
        Objects.requireNonNull(segmentKey, "segment key");
        Objects.requireNonNull(condition, "condition");
    }

    public static LifecycleStage when(String ruleText, String segmentKey) {
        return new LifecycleStage(segmentKey, StageCondition.rule(ruleText));
    }

    public static LifecycleStage otherwise(String segmentKey) {
        return new LifecycleStage(segmentKey, StageCondition.otherwise());
    }
}

package io.strata.domain.segmentation;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Lifecycle or commercial status: an ordered list of stages where the first whose condition holds wins. The last
 * stage must be the catch-all {@code otherwise}, so no customer is left without a segment, and it must be the only
 * one, since stages after it could never be reached.
 */
public record LifecycleBasis(List<LifecycleStage> stages) implements Basis {

    public LifecycleBasis {
        stages = List.copyOf(stages);
        if (stages.isEmpty()) {
            throw new InvalidSegmentation("a lifecycle needs at least one stage, ending with 'otherwise'");
        }
        for (int i = 0; i < stages.size() - 1; i++) {
            if (catchAll(stages.get(i))) {
                throw new InvalidSegmentation("stage " + (i + 1) + " (" + stages.get(i).segmentKey() + ") is 'otherwise', so "
                        + stages.subList(i + 1, stages.size()).stream().map(LifecycleStage::segmentKey).toList()
                        + " after it can never be reached; 'otherwise' must be the last stage");
            }
        }
        LifecycleStage last = stages.get(stages.size() - 1);
        if (!catchAll(last)) {
            throw new InvalidSegmentation("the last stage (" + last.segmentKey() + " when " + last.condition()
                    + ") is not 'otherwise': customers meeting no condition would have no segment; end the lifecycle with"
                    + " an 'otherwise' stage");
        }
    }

    private static boolean catchAll(LifecycleStage stage) {
        return stage.condition().match(rule -> false, otherwise -> true);
    }

    public static LifecycleBasis of(LifecycleStage... stages) {
        return new LifecycleBasis(List.of(stages));
    }

    @Override
    public Set<String> segmentKeys() {
        Set<String> keys = new LinkedHashSet<>();
        stages.forEach(stage -> keys.add(stage.segmentKey()));
        return Set.copyOf(keys);
    }

    @Override
    public List<Assignment> assign(List<CustomerContext> population, ConditionEvaluator conditions) {
        List<Assignment> assignments = new ArrayList<>(population.size());
        for (CustomerContext customer : population) {
            assignments.add(new Assignment(customer.customerId(), stageOf(customer, conditions).segmentKey(), null, customer.metrics()));
        }
        return List.copyOf(assignments);
    }

    /** The first stage whose condition holds; the catch-all guarantees one. */
    public LifecycleStage stageOf(CustomerContext customer, ConditionEvaluator conditions) {
        for (LifecycleStage stage : stages) {
            if (stage.condition().match(rule -> conditions.holds(rule.text(), customer), otherwise -> true)) {
                return stage;
            }
        }
        throw new IllegalStateException("a lifecycle always ends with 'otherwise'");
    }

    @Override
    public <R> R accept(Visitor<R> visitor) {
        return visitor.lifecycle(this);
    }
}

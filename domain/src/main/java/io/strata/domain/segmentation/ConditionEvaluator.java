package io.strata.domain.segmentation;

/**
 * Decides whether a lifecycle condition, written in the tactical rule language, holds for a customer. The rule
 * engine implements it; the segmentation model only carries the rule text.
 */
@FunctionalInterface
public interface ConditionEvaluator {

    /** For bases without conditions (RFM, tiers): asking it anything is a programming error. */
    ConditionEvaluator NONE = (ruleText, customer) -> {
        throw new IllegalStateException("the condition '" + ruleText + "' needs a rule evaluator, but none was given");
    };

    boolean holds(String ruleText, CustomerContext customer);
}

package io.strata.domain.rule;

import io.strata.domain.segmentation.ConditionEvaluator;
import io.strata.domain.segmentation.CustomerContext;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Lifecycle conditions of general segmentations, evaluated by the rule language (no scores: lifecycles have none;
 * the run's predictions, fitted before assignment, are there). */
public final class RuleConditions implements ConditionEvaluator {

    private final FieldCatalogue catalogue;
    private final Map<String, CheckedRule> checked = new ConcurrentHashMap<>();

    public RuleConditions(FieldCatalogue catalogue) {
        this.catalogue = catalogue;
    }

    /** Parses and checks a condition once; throws {@link RuleError} naming the position when it is wrong. */
    public CheckedRule check(String ruleText) {
        return checked.computeIfAbsent(ruleText, catalogue::check);
    }

    @Override
    public boolean holds(String ruleText, CustomerContext customer) {
        return check(ruleText).matches(new RuleSubject(customer.history(), customer.metrics(), null, null, null, customer.asOf(),
                customer.prediction()));
    }
}

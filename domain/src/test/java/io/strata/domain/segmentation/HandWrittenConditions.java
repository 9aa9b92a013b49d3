package io.strata.domain.segmentation;

import io.strata.domain.behaviour.Event;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Stands in for the rule engine: the few rule texts the lifecycle templates use, evaluated by hand as the contract
 * defines them ("within N days" = from 00:00 UTC of D − N up to the end of D; a missing value compares false).
 */
final class HandWrittenConditions implements ConditionEvaluator {

    private final Map<String, Predicate<CustomerContext>> rules = Map.of(
            SubscriptionLifecycleTemplate.TRIALIST, c -> plan(c, "trial"),
            SubscriptionLifecycleTemplate.PAID_RECENTLY, c -> events(c, "payment", 35) >= 1,
            SubscriptionLifecycleTemplate.PAID_BEFORE, c -> events(c, "payment", 3650) >= 1 || plan(c, "cancelled"),
            UserStatusTemplate.LOYAL, c -> c.metrics().frequency() >= 6 && recencyAtMost(c, 90),
            UserStatusTemplate.NEW, c -> events(c, "signup", 30) >= 1 || (c.metrics().frequency() == 1 && recencyAtMost(c, 30)),
            UserStatusTemplate.ACTIVE, c -> recencyAtMost(c, 90) || events(c, "session", 30) >= 1,
            UserStatusTemplate.DORMANT, c -> recencyAtMost(c, 365) || events(c, "session", 180) >= 1);

    @Override
    public boolean holds(String ruleText, CustomerContext customer) {
        Predicate<CustomerContext> rule = rules.get(ruleText);
        if (rule == null) {
            throw new IllegalArgumentException("no hand-written rule for: " + ruleText);
        }
        return rule.test(customer);
    }

    private static boolean plan(CustomerContext c, String value) {
        return c.history().customer().attribute("plan").map(value::equals).orElse(false);
    }

    private static boolean recencyAtMost(CustomerContext c, int days) {
        return c.metrics().recencyDays() != null && c.metrics().recencyDays() <= days;
    }

    private static long events(CustomerContext c, String type, int days) {
        Instant from = c.asOf().minusDays(days).atStartOfDay(ZoneOffset.UTC).toInstant();
        Instant end = c.asOf().plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
        return c.history().events().stream()
                .filter(e -> e.type().equals(type) && !e.occurredAt().isBefore(from) && e.occurredAt().isBefore(end)).count();
    }
}

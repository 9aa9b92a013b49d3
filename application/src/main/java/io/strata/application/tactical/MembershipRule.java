package io.strata.application.tactical;

import io.strata.domain.rule.CheckedRule;

/** A tactical segment as a run computes it: members are the customers of the parent that match the rule. */
public record MembershipRule(long tacticalId, String parentSegment, CheckedRule rule) {
}

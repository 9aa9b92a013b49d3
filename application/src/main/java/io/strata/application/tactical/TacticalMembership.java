package io.strata.application.tactical;

import io.strata.domain.rule.CheckedRule;

import java.time.LocalDate;
import java.util.List;
import java.util.function.Consumer;

/** Out-port: evaluates rules in bulk over a run's members of a general segment and keeps the memberships. */
public interface TacticalMembership {

    /** Computes and stores the members of these tactical segments in a run, all of them or, on failure, none. */
    void assign(long runId, List<MembershipRule> segments, LocalDate asOf);

    Preview preview(long runId, String parentSegment, CheckedRule rule, LocalDate asOf, int sampleSize);

    /** Members in customer id order; empty when the segment had no members in that run. */
    void streamMembers(long runId, long tacticalId, Consumer<String> customerIds);

    List<RunSize> sizes(long runId);

    /** Tactical segment ids the customer belongs to in a run. */
    List<Long> segmentsOf(long runId, String customerId);

    /** A tactical segment as a run computes it: members are the customers of the parent that match the rule. */
    record MembershipRule(long tacticalId, String parentSegment, CheckedRule rule) {
    }

    record Preview(long matching, long parentCustomers, List<String> sample) {
    }

    record RunSize(long tacticalId, long members, long parentCustomers) {
    }
}

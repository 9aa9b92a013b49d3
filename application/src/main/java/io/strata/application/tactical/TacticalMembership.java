package io.strata.application.tactical;

import io.strata.domain.rule.CheckedRule;

import java.time.LocalDate;
import java.util.List;
import java.util.function.Consumer;

/** Out-port: evaluates rules in bulk over a run's members of a general segment and keeps the memberships. */
public interface TacticalMembership {

    /** Stores the members of a tactical segment in a run; answers how many there are. */
    long assign(long runId, long tacticalId, String parentSegment, CheckedRule rule, LocalDate asOf);

    Preview preview(long runId, String parentSegment, CheckedRule rule, LocalDate asOf, int sampleSize);

    /** Members in customer id order; empty when the segment had no members in that run. */
    void streamMembers(long runId, long tacticalId, Consumer<String> customerIds);

    List<RunSize> sizes(long runId);

    /** Tactical segment ids the customer belongs to in a run. */
    List<Long> segmentsOf(long runId, String customerId);

    record Preview(long matching, long parentCustomers, List<String> sample) {
    }

    record RunSize(long tacticalId, long members, long parentCustomers) {
    }
}

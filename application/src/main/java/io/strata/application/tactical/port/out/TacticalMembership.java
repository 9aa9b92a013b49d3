package io.strata.application.tactical.port.out;

import io.strata.application.tactical.RunSize;
import io.strata.application.tactical.Preview;
import io.strata.application.tactical.MembershipRule;
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

    /** The first members in customer id order, at most {@code limit}. */
    List<String> firstMembers(long runId, long tacticalId, int limit);

    /** The segment's size in every completed run that computed it, oldest first. */
    List<io.strata.application.tactical.TacticalRunShare> history(long tacticalId);
}

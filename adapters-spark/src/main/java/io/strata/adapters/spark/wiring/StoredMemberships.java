package io.strata.adapters.spark.wiring;

import io.strata.adapters.spark.tactical.SparkTacticalMembership;
import io.strata.application.tactical.MembershipRule;
import io.strata.application.tactical.Preview;
import io.strata.application.tactical.RunSize;
import io.strata.application.tactical.port.out.TacticalMembership;
import io.strata.domain.rule.CheckedRule;
import org.springframework.beans.factory.ObjectProvider;

import java.time.LocalDate;
import java.util.List;
import java.util.function.Consumer;

/** The database's own tactical memberships, found when first used (both beans have the same type). */
final class StoredMemberships implements TacticalMembership {

    private final ObjectProvider<TacticalMembership> memberships;

    StoredMemberships(ObjectProvider<TacticalMembership> memberships) {
        this.memberships = memberships;
    }

    private TacticalMembership stored() {
        return memberships.stream().filter(m -> !(m instanceof SparkTacticalMembership)).findFirst()
                .orElseThrow(() -> new IllegalStateException("no stored tactical memberships beside Spark's"));
    }

    @Override
    public void assign(long runId, List<MembershipRule> segments, LocalDate asOf) {
        stored().assign(runId, segments, asOf);
    }

    @Override
    public Preview preview(long runId, String parentSegment, CheckedRule rule, LocalDate asOf, int sampleSize) {
        return stored().preview(runId, parentSegment, rule, asOf, sampleSize);
    }

    @Override
    public void streamMembers(long runId, long tacticalId, Consumer<String> customerIds) {
        stored().streamMembers(runId, tacticalId, customerIds);
    }

    @Override
    public List<RunSize> sizes(long runId) {
        return stored().sizes(runId);
    }

    @Override
    public List<Long> segmentsOf(long runId, String customerId) {
        return stored().segmentsOf(runId, customerId);
    }

    @Override
    public List<String> firstMembers(long runId, long tacticalId, int limit) {
        return stored().firstMembers(runId, tacticalId, limit);
    }

    @Override
    public List<io.strata.application.tactical.TacticalRunShare> history(long tacticalId) {
        return stored().history(tacticalId);
    }
}

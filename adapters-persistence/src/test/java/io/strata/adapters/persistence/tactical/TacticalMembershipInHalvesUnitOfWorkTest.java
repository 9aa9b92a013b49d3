package io.strata.adapters.persistence.tactical;

import io.strata.adapters.persistence.testing.TestDatabase;
import io.strata.application.tactical.MembershipRule;
import io.strata.domain.rule.RuleArbitraries;
import io.strata.domain.rule.RuleSubject;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The unit of work of {@link TacticalMembershipUnitOfWorkTest} with the memberships written in two halves
 * ({@link MembershipHalves}, bound 0): the failed attach comes after the upper half has committed on its own connection,
 * and that half goes too. Also: a failing upper half takes the lower one with it, and a stop's loose upper half is
 * dropped (the next start's sweep, {@code JdbcUnfinishedWork}) while an attached one is kept.
 */
class TacticalMembershipInHalvesUnitOfWorkTest extends TacticalMembershipUnitOfWorkTest {

    private static final String PARTITION = SqlTacticalMembership.partition(RuleSubjectRows.RUN);

    @Override
    SqlTacticalMembership membership() {
        return new SqlTacticalMembership(jdbc, TestDatabase.dataSource(), 0);
    }

    @Test
    void aFailedUpperHalfLeavesNoMembershipsAndTheNextTrySucceeds() throws Exception {
        List<RuleSubject> population = twoOrMore();
        long tacticalId = tactical();
        // the upper half's table name is taken by a table attached elsewhere: its create fails, on its own connection
        TestDatabase.execute("create table blocking_members (like tactical_members) partition by list (run_id)");
        try {
            TestDatabase.execute("create table " + PARTITION + "_high partition of blocking_members default");

            assertThatThrownBy(() -> membership().assign(RuleSubjectRows.RUN, everyone(tacticalId), RuleArbitraries.AS_OF))
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining(PARTITION + "_high");

            assertThat(table("")).isNull();
            assertThat(table("_low")).isNull();
            // not loose (attached): not the memberships' to drop
            assertThat(table("_high")).isEqualTo(PARTITION + "_high");
            assertThat(jdbc.sql("select count(*) from tactical_members where run_id = ?").param(RuleSubjectRows.RUN).query(Long.class).single()).isZero();
            assertThat(jdbc.sql("select count(*) from tactical_run_sizes where run_id = ?").param(RuleSubjectRows.RUN).query(Long.class).single()).isZero();
        } finally {
            TestDatabase.execute("drop table blocking_members");
        }

        membership().assign(RuleSubjectRows.RUN, everyone(tacticalId), RuleArbitraries.AS_OF);
        assertThat(jdbc.sql("select count(*) from tactical_members where run_id = ? and tactical_id = ?").params(RuleSubjectRows.RUN, tacticalId)
                .query(Long.class).single()).isEqualTo(population.size());
        assertThat(jdbc.sql("select members from tactical_run_sizes where run_id = ?").param(RuleSubjectRows.RUN).query(Long.class).single())
                .isEqualTo(population.size());
    }

    /** The halves split the members at the middle of their keys: the lower half's keys all below the upper half's. */
    @Test
    void eachHalfHoldsItsOwnMembers() throws Exception {
        List<RuleSubject> population = twoOrMore();
        long tacticalId = tactical();

        membership().assign(RuleSubjectRows.RUN, everyone(tacticalId), RuleArbitraries.AS_OF);

        List<Long> keys = jdbc.sql("select customer_key from customers order by 1").query(Long.class).list();
        assertThat(keys).hasSize(population.size());
        // the middle of the keys' span [first, last + 1)
        long middle = keys.get(0) + (keys.get(keys.size() - 1) + 1 - keys.get(0)) / 2;
        assertThat(jdbc.sql("select customer_key from " + PARTITION + "_low order by 1").query(Long.class).list())
                .isNotEmpty().isEqualTo(keys.stream().filter(k -> k < middle).toList());
        assertThat(jdbc.sql("select customer_key from " + PARTITION + "_high order by 1").query(Long.class).list())
                .isNotEmpty().isEqualTo(keys.stream().filter(k -> k >= middle).toList());
    }

    @Test
    void aLooseUpperHalfIsDroppedAndAnAttachedOneKept() throws Exception {
        List<RuleSubject> population = twoOrMore();
        membership().assign(RuleSubjectRows.RUN, everyone(tactical()), RuleArbitraries.AS_OF);
        TestDatabase.execute("create table tactical_members_77_high (like tactical_members)");

        SqlTacticalMembership.dropLooseUpperHalf(jdbc, 77);
        SqlTacticalMembership.dropLooseUpperHalf(jdbc, RuleSubjectRows.RUN);

        assertThat(jdbc.sql("select to_regclass('tactical_members_77_high')::text").query(String.class).optional()).isEmpty();
        assertThat(jdbc.sql("select count(*) from tactical_members where run_id = ?").param(RuleSubjectRows.RUN).query(Long.class).single())
                .isEqualTo(population.size());
    }

    private static List<RuleSubject> twoOrMore() throws Exception {
        List<RuleSubject> population;
        do {
            population = RuleArbitraries.populations(10).sample();
        } while (population.size() < 2);
        RuleSubjectRows.load(population, RuleArbitraries.AS_OF);
        TestDatabase.execute("drop table if exists " + PARTITION);
        // every customer a member of one parent
        TestDatabase.execute("update run_assignments set segment_key = 'parent' where run_id = " + RuleSubjectRows.RUN);
        return population;
    }

    private long tactical() {
        return jdbc.sql("insert into tactical_segments (name, parent_segment, rule, status) values ('t', 'parent', 'frequency >= 0', 'ACTIVE') "
                + "returning tactical_id").query(Long.class).single();
    }

    /** A rule every member of {@code parent} matches (a missing frequency reads as 0). */
    private static List<MembershipRule> everyone(long tacticalId) {
        return List.of(new MembershipRule(tacticalId, "parent", RuleArbitraries.CATALOGUE.check("frequency >= 0")));
    }

    private String table(String suffix) {
        return jdbc.sql("select to_regclass(?)::text").param(PARTITION + suffix).query(String.class).optional().orElse(null);
    }
}

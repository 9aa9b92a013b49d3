package io.strata.adapters.persistence.tactical;

import io.strata.adapters.persistence.testing.TestDatabase;
import io.strata.application.tactical.MembershipRule;
import io.strata.domain.rule.RuleArbitraries;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A run's memberships are one unit of work: the table is created, filled, indexed and attached in one transaction, so
 * a failure at any step (here the attach, whose foreign key check finds a tactical segment that does not exist)
 * leaves neither the table (nor a half of it, {@link TacticalMembershipInHalvesUnitOfWorkTest}) nor sizes behind, and a
 * later try of the same run succeeds.
 */
class TacticalMembershipUnitOfWorkTest {

    final JdbcClient jdbc = JdbcClient.create(TestDatabase.dataSource());

    /** The memberships under test. */
    SqlTacticalMembership membership() {
        return new SqlTacticalMembership(jdbc, TestDatabase.dataSource());
    }

    @Test
    void aFailedAssignmentLeavesNoTableAndNoSizesAndTheNextTrySucceeds() throws Exception {
        List<io.strata.domain.rule.RuleSubject> population;
        do {
            population = RuleArbitraries.populations(10).sample();
        } while (population.size() < 2);
        RuleSubjectRows.load(population, RuleArbitraries.AS_OF);
        TestDatabase.execute("drop table if exists " + SqlTacticalMembership.partition(RuleSubjectRows.RUN));
        long missing = jdbc.sql("select coalesce(max(tactical_id), 0) + 1000 from tactical_segments").query(Long.class).single();
        SqlTacticalMembership membership = membership();
        List<MembershipRule> broken = List.of(new MembershipRule(missing, "parent", RuleArbitraries.CATALOGUE.check("frequency >= 0")));

        assertThatThrownBy(() -> membership.assign(RuleSubjectRows.RUN, broken, RuleArbitraries.AS_OF)).isInstanceOf(IllegalStateException.class);

        for (String table : List.of("", "_low", "_high")) {
            assertThat(jdbc.sql("select to_regclass(?)::text").param(SqlTacticalMembership.partition(RuleSubjectRows.RUN) + table)
                    .query(String.class).optional()).as("table " + table).isEmpty();
        }
        assertThat(jdbc.sql("select count(*) from tactical_run_sizes where run_id = ?").param(RuleSubjectRows.RUN).query(Long.class).single()).isZero();

        long real = jdbc.sql("insert into tactical_segments (name, parent_segment, rule, status) values ('t', 'parent', 'frequency >= 0', 'ACTIVE') "
                + "returning tactical_id").query(Long.class).single();
        membership.assign(RuleSubjectRows.RUN, List.of(new MembershipRule(real, "parent", RuleArbitraries.CATALOGUE.check("frequency >= 0"))),
                RuleArbitraries.AS_OF);
        assertThat(jdbc.sql("select count(*) from tactical_members where run_id = ?").param(RuleSubjectRows.RUN).query(Long.class).single())
                .isEqualTo(population.size());
    }
}

package io.strata.adapters.persistence.tactical;

import io.strata.adapters.persistence.testing.ImportBetweenHalves;
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

    /**
     * An import committed after the memberships' snapshot and before the upper half's first statement is seen by neither
     * half: the upper half imports the snapshot the lower half's transaction exported. Six customers c1..c6 (consecutive
     * keys: c1..c3 the lower half, c4..c6 the upper), all in Riga, one order of 10 each, all in 'parent'; the import moves
     * everyone to Paris and adds an order of 1,000 each. Both segments keep all six; an upper half on a snapshot of its
     * own would keep neither c4..c6 in Riga nor their sums under 100.
     */
    @Test
    void anImportCommittedBetweenTheHalvesIsSeenByNeither() throws Exception {
        TestDatabase.emptyCustomerData();
        TestDatabase.execute("drop table if exists " + PARTITION);
        TestDatabase.execute("insert into customers (customer_id, city) select 'c' || i, 'Riga' from generate_series(1, 6) i order by i");
        TestDatabase.execute("insert into segmentations (segmentation_id, name, definition, status) values (1, 'p', '{}', 'DRAFT')");
        TestDatabase.execute("insert into segmentation_runs (run_id, segmentation_id, as_of, status) values (" + RuleSubjectRows.RUN + ", 1, '"
                + RuleArbitraries.AS_OF + "', 'COMPLETED')");
        TestDatabase.execute("create table run_assignments_" + RuleSubjectRows.RUN + " partition of run_assignments for values in (" + RuleSubjectRows.RUN + ")");
        TestDatabase.execute("insert into run_assignments (run_id, customer_key, segment_key, frequency, monetary) select " + RuleSubjectRows.RUN
                + ", customer_key, 'parent', 1, 10 from customers");
        TestDatabase.execute("insert into orders (order_key, order_id, customer_key, ordered_at, total, line_count) select nextval('order_key_blocks'), "
                + "'o-' || customer_id, customer_key, '2024-06-01T12:00:00Z', 10, 1 from customers");
        TestDatabase.refreshPurchaseFacts();
        long inRiga = tactical("city = \"Riga\"");
        long underAHundred = tactical("sum(orders.amount) < 100");
        ImportBetweenHalves dataSource = ImportBetweenHalves.committing("update customers set city = 'Paris'",
                "insert into orders (order_key, order_id, customer_key, ordered_at, total, line_count) select nextval('order_key_blocks'), "
                        + "'big-' || customer_id, customer_key, '2024-06-02T12:00:00Z', 1000, 1 from customers");

        new SqlTacticalMembership(jdbc, dataSource, 0).assign(RuleSubjectRows.RUN, List.of(
                new MembershipRule(inRiga, "parent", RuleArbitraries.CATALOGUE.check("city = \"Riga\"")),
                new MembershipRule(underAHundred, "parent", RuleArbitraries.CATALOGUE.check("sum(orders.amount) < 100"))), RuleArbitraries.AS_OF);

        assertThat(dataSource.committed()).isTrue();
        assertThat(jdbc.sql("select count(*) from customers where city = 'Riga'").query(Long.class).single()).isZero();
        List<String> everyone = List.of("c1", "c2", "c3", "c4", "c5", "c6");
        for (long tacticalId : List.of(inRiga, underAHundred)) {
            assertThat(jdbc.sql("select c.customer_id from tactical_members m join customers c using (customer_key) where m.run_id = ? "
                    + "and m.tactical_id = ? order by c.customer_key").params(RuleSubjectRows.RUN, tacticalId).query(String.class).list())
                    .as("segment " + tacticalId).isEqualTo(everyone);
            assertThat(jdbc.sql("select members from tactical_run_sizes where run_id = ? and tactical_id = ?").params(RuleSubjectRows.RUN, tacticalId)
                    .query(Long.class).single()).isEqualTo(6);
        }
        assertThat(jdbc.sql("select c.customer_id from " + PARTITION + "_high m join customers c using (customer_key) where m.tactical_id = ? "
                + "order by c.customer_key").param(inRiga).query(String.class).list()).containsExactly("c4", "c5", "c6");
    }

    private long tactical(String rule) {
        return jdbc.sql("insert into tactical_segments (name, parent_segment, rule, status) values (?, 'parent', ?, 'ACTIVE') returning tactical_id")
                .params(rule, rule).query(Long.class).single();
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

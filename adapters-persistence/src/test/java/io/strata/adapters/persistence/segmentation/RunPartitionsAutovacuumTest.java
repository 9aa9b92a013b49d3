package io.strata.adapters.persistence.segmentation;

import io.strata.adapters.persistence.database.DatabaseSettings;
import io.strata.adapters.persistence.tactical.SqlTacticalMembership;
import io.strata.adapters.persistence.testing.TestDatabase;
import io.strata.application.tactical.MembershipRule;
import io.strata.domain.rule.RuleArbitraries;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A run's tables are autovacuum's only once the run's follow-ups have vacuumed and analysed them
 * ({@link RunPartitionsAutovacuum}), and autovacuum then finds nothing to do on them. Eight customers, keys 1-4 and
 * 300,001-300,004: their span is above the production bound of the halves (100,000), so the run and its memberships are
 * each written in two halves, by the same code as at 1M. One order each: everyone a newcomer of a frequency-tiers run,
 * and a member of the tactical segment "frequency >= 1" in newcomers; four rows in each of the four tables.
 */
class RunPartitionsAutovacuumTest {

    private static final LocalDate AS_OF = LocalDate.parse("2024-06-30");
    private static final List<String> RUN_41 = List.of("run_assignments_41_high", "run_assignments_41_low",
            "tactical_members_41_high", "tactical_members_41_low");

    private final JdbcClient jdbc = JdbcClient.create(TestDatabase.dataSource());
    private long tacticalId;

    @BeforeEach
    void eightCustomersInTwoHalves() {
        cleanUp();
        TestDatabase.execute("insert into customers (customer_key, customer_id) select k, 'av' || k from unnest(array[1, 2, 3, 4, 300001, 300002, 300003, 300004]) k");
        TestDatabase.execute("insert into orders (order_key, order_id, customer_key, ordered_at, total, line_count) select nextval('order_key_blocks'), "
                + "'o-' || customer_id, customer_key, '2024-06-01T12:00:00Z', 10, 1 from customers");
        TestDatabase.refreshPurchaseFacts();
        TestDatabase.execute("insert into segmentations (segmentation_id, name, definition, status) values (1, 't', '{}', 'DRAFT')");
        tacticalId = jdbc.sql("insert into tactical_segments (name, parent_segment, rule, status) values ('autovacuum buyers', 'newcomers', "
                + "'frequency >= 1', 'ACTIVE') returning tactical_id").query(Long.class).single();
    }

    /**
     * Every run's memberships go, not only this class's runs 41-43: the follow-ups give back the tables of every run up
     * to theirs, and the oracles name exactly this class's. The tactical tests leave run 1's memberships in halves with
     * autovacuum off ({@code tactical_members_1_low} and {@code _high}), and in a JVM that had run one of them first,
     * run 42's follow-ups gave those back too (docs/testing.md, "Memberships another class left").
     */
    @AfterEach
    void cleanUp() {
        TestDatabase.execute("""
                do $$ declare part text; begin
                  for part in select c.relname from pg_inherits i join pg_class c on c.oid = i.inhrelid join pg_class p on p.oid = i.inhparent
                              where p.relname = 'tactical_members' and c.relname ~ '^tactical_members_[0-9]+$'  -- a run's own, not the default
                  loop execute format('drop table %I', part); end loop; end $$""");
        TestDatabase.emptyCustomerData();
        TestDatabase.execute("delete from tactical_segments where name = 'autovacuum buyers'");
    }

    @Test
    void aRunsTablesWaitForItsFollowUpsAndAreThenGivenBackWithNothingLeftForAutovacuum() throws Exception {
        runWithMemberships(41);

        // the run and its memberships each in two halves, every half created with autovacuum off
        assertThat(leavesOf(41)).isEqualTo(RUN_41);
        for (String table : RUN_41) {
            assertThat(options(table)).as(table).isEqualTo("{autovacuum_enabled=false}");
            assertThat(count("select count(*) from " + table)).as(table).isEqualTo(4);
        }
        awaitInsertsCounted(RUN_41);
        // why: the run analysed its assignments inside its transaction, yet its inserts were counted at its commit,
        // after that ANALYZE, so autovacuum would have analysed them again
        assertThat(count("select n_mod_since_analyze from pg_stat_user_tables where relname = 'run_assignments_41_low'")).isEqualTo(4);

        String done = FreshRunPartitions.vacuum(jdbc, 41);

        assertThat(done).endsWith("; autovacuum given back " + String.join(", ", RUN_41));
        for (String table : RUN_41) {
            assertThat(options(table)).as(table).isEqualTo("none");
            // autovacuum's own counters: nothing inserted or changed since the last vacuum and analyse
            assertThat(count("select n_ins_since_vacuum + n_mod_since_analyze from pg_stat_user_tables where relname = '" + table + "'"))
                    .as(table).isZero();
            assertThat(count("select count(*) from pg_stat_user_tables where relname = '" + table + "' and last_analyze is not null "
                    + "and last_vacuum is not null")).as(table).isEqualTo(1);
            // (the visibility map: FreshRunPartitionsTest and RunPartitionsVisibleAfterFollowUpsTest, which hold other
            // snapshots off; here the run's read-ahead or an autovacuum elsewhere may still hold one)
        }
        // the memberships' statistics, which nothing wrote before
        assertThat(count("select count(*) from pg_stats where tablename = 'tactical_members_41_high' and attname = 'tactical_id'")).isEqualTo(1);
        // the partitioned tables above the halves have no statistics of their own (none before this change either)
        assertThat(count("select count(*) from pg_stats where tablename in ('run_assignments_41', 'tactical_members_41')")).isZero();
    }

    /**
     * The follow-ups of run 42 also give back run 41's tables, whose follow-ups never came (only the latest run's are
     * resumed at a start), and leave run 43's, written after it and not followed up yet, as they are.
     */
    @Test
    void aRunsFollowUpsGiveBackEarlierRunsTablesAndLeaveLaterOnes() throws Exception {
        runWithMemberships(41);
        runWithMemberships(42);
        runWithMemberships(43);

        String done = FreshRunPartitions.vacuum(jdbc, 42);

        assertThat(done).endsWith("; autovacuum given back run_assignments_41_high, run_assignments_41_low, run_assignments_42_high, "
                + "run_assignments_42_low, tactical_members_41_high, tactical_members_41_low, tactical_members_42_high, tactical_members_42_low");
        for (long run : List.of(41L, 42L)) {
            for (String table : leavesOf(run)) {
                assertThat(options(table)).as(table).isEqualTo("none");
            }
        }
        assertThat(leavesOf(43)).hasSize(4);
        for (String table : leavesOf(43)) {
            assertThat(options(table)).as(table).isEqualTo("{autovacuum_enabled=false}");
        }
    }

    private void runWithMemberships(long runId) throws Exception {
        TestDatabase.execute("insert into segmentation_runs (run_id, segmentation_id, as_of, status) values (" + runId + ", 1, '" + AS_OF + "', 'COMPLETED')");
        SqlSegmentationRun.execute(TestDatabase.dataSource(), DatabaseSettings.Tuning.defaults(), runId,
                new SqlPlan.FixedTiers(SqlPlan.TierMetric.FREQUENCY, List.of(new SqlPlan.Tier("newcomers", BigDecimal.ONE, null)), "prospects"),
                List.of(new SqlSegmentationRun.SegmentLabel("newcomers", "newcomers", 1), new SqlSegmentationRun.SegmentLabel("prospects", "prospects", 2)),
                AS_OF);
        new SqlTacticalMembership(jdbc, TestDatabase.dataSource()).assign(runId,
                List.of(new MembershipRule(tacticalId, "newcomers", RuleArbitraries.CATALOGUE.check("frequency >= 1"))), AS_OF);
    }

    /** The tables holding a run's rows (assignments and memberships), by name. */
    private List<String> leavesOf(long runId) {
        return jdbc.sql("""
                        select c.relname from pg_class c
                        where c.relname in (select relid::regclass::text from pg_partition_tree(?::regclass) where isleaf
                                            union all select relid::regclass::text from pg_partition_tree(?::regclass) where isleaf)
                        order by 1""")
                .params("run_assignments_" + runId, "tactical_members_" + runId).query(String.class).list();
    }

    private String options(String table) {
        return jdbc.sql("select coalesce(reloptions::text, 'none') from pg_class where relname = ?").param(table).query(String.class).single();
    }

    private long count(String sql) {
        return jdbc.sql(sql).query(Long.class).single();
    }

    /**
     * Until the writers' inserts have reached the shared statistics: a backend reports them when it goes idle, at most a
     * second after its previous report; the run's halves at 1M are busy for longer, so theirs come at their commit.
     */
    private void awaitInsertsCounted(List<String> tables) throws InterruptedException {
        long deadline = System.nanoTime() + 15_000_000_000L;
        while (count("select count(*) from pg_stat_user_tables where relname in ('" + String.join("', '", tables) + "') and n_tup_ins = 4")
                < tables.size()) {
            assertThat(System.nanoTime()).as("the inserts counted within 15 s").isLessThan(deadline);
            Thread.sleep(100);
        }
    }
}

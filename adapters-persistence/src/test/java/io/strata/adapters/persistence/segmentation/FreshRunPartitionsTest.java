package io.strata.adapters.persistence.segmentation;

import io.strata.adapters.persistence.testing.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A run's partitions are in the visibility map after {@link FreshRunPartitions#vacuum}, also when the run committed
 * asynchronously a moment before (the benchmarks' no-fsync mode, a server set so): PostgreSQL sets hint bits and the map
 * only for commits already flushed to the WAL, which the WAL writer does up to 600 ms later. Stand-in tables under the
 * partitions' names, autovacuum off for them, so only the vacuum under test can have set the map.
 */
class FreshRunPartitionsTest {

    private static final long RUN = 987_654;
    private static final String ASSIGNMENTS = "run_assignments_" + RUN;
    private static final String MEMBERS = "tactical_members_" + RUN;

    private final JdbcClient jdbc = JdbcClient.create(TestDatabase.dataSource());

    @BeforeEach
    @AfterEach
    void noStandIns() {
        TestDatabase.execute("drop table if exists " + ASSIGNMENTS + ", " + MEMBERS);
    }

    @Test
    void bothPartitionsAreAllVisibleRightAfterAnAsynchronousCommit() throws SQLException {
        writeAsynchronously(ASSIGNMENTS, 20_000);
        writeAsynchronously(MEMBERS, 8_000);

        String done = FreshRunPartitions.vacuum(jdbc, RUN);

        assertThat(done).contains(ASSIGNMENTS).contains(MEMBERS);
        assertThat(pagesWithRows(ASSIGNMENTS)).isGreaterThan(50);
        assertThat(allVisible(ASSIGNMENTS)).isEqualTo(pagesWithRows(ASSIGNMENTS));
        assertThat(allVisible(MEMBERS)).isEqualTo(pagesWithRows(MEMBERS));
    }

    @Test
    void aRunWithoutTacticalMembersHasOnlyItsAssignmentsVacuumed() throws SQLException {
        writeAsynchronously(ASSIGNMENTS, 5_000);

        String done = FreshRunPartitions.vacuum(jdbc, RUN);

        assertThat(done).contains(ASSIGNMENTS).doesNotContain(MEMBERS);
        assertThat(allVisible(ASSIGNMENTS)).isEqualTo(pagesWithRows(ASSIGNMENTS));
    }

    /**
     * A session whose snapshot was taken after the assignments' commit and before the memberships' (a report begun
     * between the run's two transactions): the assignments are visible to it and vacuumed; the memberships are not, so
     * a VACUUM would mark none of their pages yet reset autovacuum's count of their rows, and a run's partition is never
     * written again: they are analysed only, the vacuum left to autovacuum, and the line for the log names the session.
     */
    @Test
    void aPartitionWhoseRowsAnOlderSnapshotDoesNotSeeIsAnalysedOnlyAndTheHolderNamed() throws SQLException {
        writeAsynchronously(ASSIGNMENTS, 20_000);
        String done;
        try (Connection report = TestDatabase.dataSource().getConnection(); Statement older = report.createStatement()) {
            report.setAutoCommit(false);
            older.execute("set transaction isolation level repeatable read");
            long holder;
            try (ResultSet rs = older.executeQuery("select pg_backend_pid() from pg_current_snapshot()")) {
                rs.next();
                holder = rs.getLong(1);
            }
            writeAsynchronously(MEMBERS, 8_000);

            done = FreshRunPartitions.vacuum(jdbc, RUN);

            assertThat(done).contains(MEMBERS + " ").contains("analysed only").contains("session " + holder + " ")
                    .contains("idle in transaction").contains("select pg_backend_pid() from pg_current_snapshot()");
            report.rollback();
        }
        assertThat(done).doesNotContainPattern(ASSIGNMENTS + " \\d+ ms, analysed only");
        assertThat(allVisible(ASSIGNMENTS)).isEqualTo(pagesWithRows(ASSIGNMENTS));
        assertThat(allVisible(MEMBERS)).isZero();
        assertThat(count("select vacuum_count from pg_stat_user_tables where relname = '" + MEMBERS + "'")).isZero();
        assertThat(count("select analyze_count from pg_stat_user_tables where relname = '" + MEMBERS + "'")).isEqualTo(1);
        assertThat(count("select vacuum_count from pg_stat_user_tables where relname = '" + ASSIGNMENTS + "'")).isEqualTo(1);
    }

    private long count(String sql) {
        return jdbc.sql(sql).query(Long.class).single();
    }

    /** As a run writes its partition: one transaction, committed without waiting for the WAL's flush. */
    private static void writeAsynchronously(String table, int rows) throws SQLException {
        try (Connection c = TestDatabase.dataSource().getConnection(); Statement s = c.createStatement()) {
            s.execute("create table " + table + " (run_id bigint, segment_key text, customer_key bigint) with (autovacuum_enabled = false)");
            c.setAutoCommit(false);
            try {
                s.execute("set local synchronous_commit = off");
                s.execute("insert into " + table + " select " + RUN + ", 'newcomers', g from generate_series(1, " + rows + ") g");
                c.commit();
            } finally {
                c.setAutoCommit(true);
            }
        }
    }

    private long pagesWithRows(String table) {
        return jdbc.sql("select count(distinct (ctid::text::point)[0])::bigint from " + table).query(Long.class).single();
    }

    private long allVisible(String table) {
        return jdbc.sql("select relallvisible::bigint from pg_class where relname = ?").param(table).query(Long.class).single();
    }
}

package io.strata.adapters.persistence.imports;

import io.strata.adapters.persistence.testing.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What an import leaves in the visibility map when it answers: a table it wrote past autovacuum's insert threshold is
 * all-visible, also when the import committed asynchronously a moment before (the benchmarks' no-fsync mode, a server
 * set so), since PostgreSQL marks pages only for commits already flushed; a table it wrote a few rows into is left to
 * autovacuum. Stand-in tables with autovacuum off, so only the vacuum under test can have set the map.
 */
class VisibilityMapsTest {

    private static final String BULK = "visibility_maps_test_bulk";
    private static final String DELTA = "visibility_maps_test_delta";

    private final JdbcClient jdbc = JdbcClient.create(TestDatabase.dataSource());

    @BeforeEach
    @AfterEach
    void noStandIns() {
        TestDatabase.execute("drop table if exists " + BULK + ", " + DELTA);
    }

    @Test
    void aTableWrittenPastTheThresholdIsAllVisibleRightAfterAnAsynchronousCommitAndASmallDeltaIsLeft() throws SQLException {
        TestDatabase.execute("create table " + BULK + " (order_key bigint, total numeric) with (autovacuum_enabled = false)");
        TestDatabase.execute("create table " + DELTA + " (order_key bigint, total numeric) with (autovacuum_enabled = false)");
        VisibilityMaps maps = new VisibilityMaps();
        try (Connection c = TestDatabase.dataSource().getConnection(); Statement s = c.createStatement()) {
            c.setAutoCommit(false);
            s.execute("set local synchronous_commit = off");
            s.execute("insert into " + BULK + " select g, g * 1.5 from generate_series(1, 20000) g");
            s.execute("insert into " + DELTA + " select g, g from generate_series(1, 500) g");
            // 20,000 rows into an empty table pass 1,000 + 0.2 x 0; 500 rows do not
            maps.wrote(BULK, 20_000);
            maps.wrote(DELTA, 500);
            maps.beforeCommit(c);
            c.commit();

            assertThat(maps.fill(c)).containsExactly(BULK);
        }

        assertThat(pagesWithRows(BULK)).isGreaterThan(50);
        assertThat(allVisible(BULK)).isEqualTo(pagesWithRows(BULK));
        assertThat(allVisible(DELTA)).isZero();
    }

    /**
     * A snapshot another session took before the commit: the rows are not yet visible to all, so a VACUUM would mark no
     * page and still reset autovacuum's count of the new rows. The table is left to autovacuum: not vacuumed at all.
     */
    @Test
    void aTableIsLeftUnvacuumedWhileAnotherSessionHoldsASnapshotOlderThanTheCommit() throws SQLException {
        TestDatabase.execute("create table " + BULK + " (order_key bigint, total numeric) with (autovacuum_enabled = false)");
        VisibilityMaps maps = new VisibilityMaps();
        try (Connection report = TestDatabase.dataSource().getConnection(); Statement older = report.createStatement();
             Connection c = TestDatabase.dataSource().getConnection(); Statement s = c.createStatement()) {
            report.setAutoCommit(false);
            older.execute("set transaction isolation level repeatable read");
            older.executeQuery("select pg_current_snapshot()").close();
            c.setAutoCommit(false);
            s.execute("insert into " + BULK + " select g, g * 1.5 from generate_series(1, 20000) g");
            maps.wrote(BULK, 20_000);
            maps.beforeCommit(c);
            c.commit();

            assertThat(maps.fill(c)).isEmpty();
            report.rollback();
        }

        assertThat(jdbc.sql("select vacuum_count from pg_stat_user_tables where relname = ?").param(BULK).query(Long.class).single()).isZero();
        assertThat(allVisible(BULK)).isZero();
    }

    private long pagesWithRows(String table) {
        return jdbc.sql("select count(distinct (ctid::text::point)[0])::bigint from " + table).query(Long.class).single();
    }

    private long allVisible(String table) {
        return jdbc.sql("select relallvisible::bigint from pg_class where relname = ?").param(table).query(Long.class).single();
    }
}

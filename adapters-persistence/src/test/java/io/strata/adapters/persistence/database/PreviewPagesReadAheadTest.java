package io.strata.adapters.persistence.database;

import io.strata.adapters.persistence.testing.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The read-ahead for the first previews ({@link PreviewPagesReadAhead}) on the embedded server: the changelog installs
 * {@code pg_prewarm}; every block of {@code customers} and then of {@code orders_customer_idx} is asked for (the oracle:
 * the relations' sizes in blocks, as the catalogue gives them); the blocks are asked of the OS only, none is read into
 * PostgreSQL's shared buffers (the table's block reads and hits in {@code pg_statio_user_tables} do not move); without
 * the extension nothing is asked and nothing fails.
 */
class PreviewPagesReadAheadTest {

    private final JdbcClient jdbc = JdbcClient.create(TestDatabase.dataSource());

    @BeforeEach
    @AfterEach
    void noCustomers() {
        TestDatabase.emptyCustomerData();
    }

    @Test
    void theChangelogInstallsTheExtension() {
        assertThat(jdbc.sql("select count(*) from pg_extension where extname = 'pg_prewarm'").query(Long.class).single()).isEqualTo(1);
    }

    @Test
    void everyBlockOfTheCustomersThenOfTheOrdersIndexIsAskedOfTheOs() throws SQLException {
        // autovacuum would visit the 3,000 new customers within its minute: a visit between the two counts reads the
        // table's blocks into shared buffers (its vacuum and analyse count as the table's reads and hits), not the read-ahead
        TestDatabase.execute("alter table customers set (autovacuum_enabled = false)");
        try {
            readAheadAsksTheOsOnly();
        } finally {
            TestDatabase.execute("alter table customers reset (autovacuum_enabled)");
        }
    }

    private void readAheadAsksTheOsOnly() throws SQLException {
        // 3,000 customers of about 100 bytes: a few dozen blocks, worked out below from the table's size
        try (Connection connection = TestDatabase.dataSource().getConnection()) {
            connection.createStatement().execute("insert into customers (customer_id, email, city, email_opt_in, sms_opt_in) "
                    + "select 'c' || g, 'someone' || g || '@example.com', 'Paris', true, false from generate_series(1, 3000) g");
            flushStatistics(connection);
        }
        long customerBlocks = blocks("customers");
        long indexBlocks = blocks("orders_customer_idx");
        assertThat(customerBlocks).isGreaterThan(20);
        assertThat(indexBlocks).isGreaterThanOrEqualTo(1);
        long readsBefore = sharedBufferAccesses("customers");

        Map<String, Long> asked;
        try (Connection connection = TestDatabase.dataSource().getConnection()) {
            asked = PreviewPagesReadAhead.prefetch(connection);
            flushStatistics(connection);
        }

        assertThat(asked).containsExactly(Map.entry("customers", customerBlocks), Map.entry("orders_customer_idx", indexBlocks));
        assertThat(sharedBufferAccesses("customers")).isEqualTo(readsBefore);
    }

    @Test
    void withoutTheExtensionNothingIsAskedAndNothingFails() throws SQLException {
        TestDatabase.execute("drop extension pg_prewarm");
        try (Connection connection = TestDatabase.dataSource().getConnection()) {
            assertThat(PreviewPagesReadAhead.prefetch(connection)).isEmpty();
        } finally {
            TestDatabase.execute("create extension if not exists pg_prewarm");
        }
    }

    /** A backend's table counters reach the statistics when it goes idle, at most once a second unless forced. */
    private static void flushStatistics(Connection connection) throws SQLException {
        connection.createStatement().execute("select pg_stat_force_next_flush()");
        connection.createStatement().execute("select 1");
    }

    private long blocks(String relation) {
        return jdbc.sql("select pg_relation_size(?::regclass) / current_setting('block_size')::bigint").param(relation).query(Long.class).single();
    }

    /** Blocks of the table read into or found in shared buffers, as the statistics have them (read afresh). */
    private long sharedBufferAccesses(String table) {
        try (Connection connection = TestDatabase.dataSource().getConnection()) {
            var statement = connection.createStatement();
            statement.execute("select pg_stat_clear_snapshot()");
            var rs = statement.executeQuery("select coalesce(heap_blks_read, 0) + coalesce(heap_blks_hit, 0) from pg_statio_user_tables where relname = '"
                    + table + "'");
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}

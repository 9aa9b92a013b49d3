package io.strata.adapters.spark.segmentation;

import com.zaxxer.hikari.HikariDataSource;
import io.strata.adapters.persistence.database.StrataPool;
import io.strata.adapters.persistence.testing.TestDatabase;
import io.strata.adapters.spark.sink.RunTables;
import io.strata.adapters.spark.source.DatabaseAddress;
import io.strata.adapters.spark.source.JdbcFacts;
import io.strata.adapters.spark.testing.LocalSpark;
import io.strata.adapters.spark.testing.PopulationRows;
import io.strata.domain.rule.FieldCatalogue;
import io.strata.domain.segmentation.SegmentationArbitraries;
import io.strata.domain.segmentation.SegmentationTemplates;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Field;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Spark engine's sessions, as the application's (adapters-persistence's SettingsOfTheRoleTest): a managed PostgreSQL
 * gives its roles a statement timeout and an idle-in-transaction timeout, which a run at scale outlasts, and may make
 * them serializable by default. Every connection of a Spark run (the executors' reads and inserts, the driver's look at
 * the columns, the run's own connections) starts without them, set by statements once connected and not by the startup
 * parameter {@code options}, which PgBouncer before 1.20 refuses (every run on Spark through Debian 12's PgBouncer 1.18
 * failed "FATAL: unsupported startup parameter: options"). The oracle: a role given 100 ms, 50 ms and serializable,
 * which its plain session shows, and a statement of the run that waits a second for a lock.
 */
class SettingsOfTheRoleOnSparkTest {

    private static final String ROLE = "strata_spark_role_with_timeouts";
    private static final String PASSWORD = "spark-role-with-timeouts-password";
    private static final String SETTINGS = "('statement_timeout', 'idle_in_transaction_session_timeout', 'default_transaction_isolation')";
    /** What a session of the role has: the three settings and where they came from ('session': set by a statement). */
    private static final String SEEN = "current_setting('statement_timeout') || ' ' || current_setting('idle_in_transaction_session_timeout') "
            + "|| ' ' || current_setting('default_transaction_isolation') || ' ' || strata_test_settings_source()";

    @BeforeEach
    @AfterEach
    void noSuchRole() {
        TestDatabase.execute("""
                do $$ begin
                  if exists (select from pg_roles where rolname = '%1$s') then
                    reassign owned by %1$s to current_user; drop owned by %1$s; drop role %1$s;
                  end if;
                end $$""".formatted(ROLE));
        TestDatabase.execute("drop table if exists spark_settings_seen");
        TestDatabase.execute("drop function if exists strata_test_settings_source()");
    }

    /** A role as a managed service sets one up, with the rights of the suite's role on Strata's tables. */
    private static DatabaseAddress roleWithTimeouts() {
        HikariDataSource suite = (HikariDataSource) TestDatabase.dataSource();
        TestDatabase.execute("create role " + ROLE + " login password '" + PASSWORD + "'");
        TestDatabase.execute("grant " + suite.getUsername() + " to " + ROLE);
        TestDatabase.execute("alter role " + ROLE + " set statement_timeout = '100ms'");
        TestDatabase.execute("alter role " + ROLE + " set idle_in_transaction_session_timeout = '50ms'");
        TestDatabase.execute("alter role " + ROLE + " set default_transaction_isolation = 'serializable'");
        TestDatabase.execute("create function strata_test_settings_source() returns text language sql as $$ "
                + "select string_agg(distinct source, ',' order by source) from pg_settings where name in " + SETTINGS + " $$");
        // the suite's URL without its parameters (they name the suite's user)
        return new DatabaseAddress(suite.getJdbcUrl().replaceFirst("\\?.*$", ""), ROLE, PASSWORD);
    }

    @Test
    void everyConnectionOfASparkRunHasStrataBoundsSetInTheSessionNotTheRoles() throws Exception {
        DatabaseAddress database = roleWithTimeouts();
        // the role's own plain session has them (the oracle that the settings bite); the source 'user' is the role's
        try (Connection plain = java.sql.DriverManager.getConnection(database.url(), ROLE, PASSWORD)) {
            assertThat(seen(plain)).isEqualTo("100ms 50ms serializable user");
        }

        // set by statements once connected, not sent at login as the startup parameter 'options' (whose source is 'client')
        String strataBounds = "0 0 read committed session";
        try (Connection own = database.connect()) {
            assertThat(seen(own)).as("a connection the run opens itself").isEqualTo(strataBounds);
        }
        SparkSession spark = LocalSpark.forRun();
        // a read on the executors (two partitions, each its own connection); its columns were looked up on the driver
        List<Row> read = spark.read().jdbc(database.url(), "(select v, " + SEEN + " as seen from generate_series(1, 2) v) as s", "v", 1, 3, 2,
                database.properties()).collectAsList();
        assertThat(read).extracting(r -> r.getString(1)).as("Spark's reads").containsExactly(strataBounds, strataBounds);
        // inserts on the executors: each row's other columns are filled in by the session that inserts it
        TestDatabase.execute("create table spark_settings_seen (v int, seen text default " + SEEN + ")");
        spark.range(0, 6).selectExpr("cast(id as int) as v").repartition(3).write().mode(SaveMode.Append)
                .jdbc(database.url(), "spark_settings_seen", database.properties());
        try (Connection suite = TestDatabase.dataSource().getConnection(); Statement sql = suite.createStatement();
             ResultSet rs = sql.executeQuery("select count(*), string_agg(distinct seen, '|') from spark_settings_seen")) {
            rs.next();
            assertThat(rs.getLong(1)).isEqualTo(6);
            assertThat(rs.getString(2)).as("Spark's inserts").isEqualTo(strataBounds);
        }

        // the same statements as the application's pool gives its sessions
        Field applications = StrataPool.class.getDeclaredField("OWN_BOUNDS");
        applications.setAccessible(true);
        assertThat(DatabaseAddress.OWN_BOUNDS).isEqualTo(applications.get(null));
    }

    @Test
    void aRunCompletesWhileOneOfItsStatementsWaitsLongerThanTheRolesStatementTimeout() throws Exception {
        PopulationRows.load(SparkRunFailuresTest.population(), SegmentationArbitraries.AS_OF);
        DatabaseAddress database = roleWithTimeouts();
        CountDownLatch locked = new CountDownLatch(1);
        AtomicBoolean runWaited = new AtomicBoolean();
        AtomicReference<Throwable> lockerFailed = new AtomicReference<>();
        // another client holds order_lines: the run's read of it (Spark looks up its columns on the driver first) waits
        // until it is released, 0.5 s after a session of the role is seen waiting, five times the role's statement timeout
        Thread locker = new Thread(() -> {
            try (Connection other = TestDatabase.dataSource().getConnection(); Connection looking = TestDatabase.dataSource().getConnection()) {
                other.setAutoCommit(false);
                try (Statement sql = other.createStatement(); Statement look = looking.createStatement()) {
                    sql.execute("lock table order_lines in access exclusive mode");
                    locked.countDown();
                    long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
                    // asked outside the lock's transaction: within one, pg_stat_activity answers the same snapshot every time
                    while (!runWaited.get() && System.nanoTime() < until) {
                        try (ResultSet rs = look.executeQuery("select count(*) from pg_stat_activity where usename = '" + ROLE
                                + "' and wait_event_type = 'Lock'")) {
                            rs.next();
                            runWaited.set(rs.getLong(1) > 0);
                        }
                        Thread.sleep(10);
                    }
                    Thread.sleep(500);
                }
                other.rollback();
            } catch (Throwable e) {
                lockerFailed.set(e);
                locked.countDown();
            }
        }, "holds order_lines");
        locker.start();
        assertThat(locked.await(30, TimeUnit.SECONDS)).isTrue();

        long assigned;
        try {
            assigned = new SparkSegmentationEngine(LocalSpark::forRun, new JdbcFacts(database, 2), new RunTables(database),
                    FieldCatalogue::builtInOnly).assign(PopulationRows.RUN, SegmentationTemplates.instantiate("frequency-tiers", "Frequency tiers"),
                    SegmentationArbitraries.AS_OF);
        } finally {
            locker.join(TimeUnit.SECONDS.toMillis(90));
        }

        assertThat(lockerFailed.get()).isNull();
        assertThat(runWaited).as("a statement of the run waited for the lock").isTrue();
        assertThat(assigned).isEqualTo(3);
        assertThat(SparkAgreesWithReferenceProperties.stored()).containsExactlyInAnyOrderEntriesOf(Map.of(
                "c1", "newcomers null null null 10 2 50",
                "c2", "newcomers null null null 60 1 15.5",
                "c3", "prospects null null null null 0 0"));
    }

    private static String seen(Connection connection) throws SQLException {
        try (Statement sql = connection.createStatement(); ResultSet rs = sql.executeQuery("select " + SEEN)) {
            rs.next();
            return rs.getString(1);
        }
    }
}
